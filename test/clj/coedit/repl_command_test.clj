(ns coedit.repl-command-test
  "bin/repl, as a developer runs it: started as a subprocess on a free port, it writes
  .nrepl-port; an nREPL client connects, starts the system with (go), appends an edit,
  reads doc+version, and the server is stopped."
  (:require [clojure.edn :as edn]
            [clojure.java.io :as io]
            [clojure.test :refer [deftest is]]
            [coedit.test-support :as support]
            [nrepl.core :as nrepl])
  (:import (java.io File)
           (java.net ServerSocket)
           (java.util.concurrent TimeUnit)))

(defn- free-port []
  (with-open [s (ServerSocket. 0)] (.getLocalPort s)))

(defn- await-file ^File [^File f ^Process proc seconds]
  (loop [n (* 10 seconds)]
    (cond
      (.isFile f) f
      (or (zero? n) (not (.isAlive proc))) nil
      :else (do (Thread/sleep 100) (recur (dec n))))))

(deftest repl-command-serves-nrepl-with-the-project-loaded
  (let [root (support/repo-root)
        dir (support/temp-dir! "coedit-repl-")
        port (free-port)
        log (io/file dir "repl.log")
        ;; --no-compile: `mvn test` has just compiled target/classes.
        proc (-> (ProcessBuilder. ^java.util.List [(str (io/file root "bin/repl")) "--port" (str port)
                                                   "--dir" (str dir) "--no-compile"])
                 (.redirectErrorStream true)
                 (.redirectOutput log)
                 (.start))]
    (try
      (let [port-file (await-file (io/file dir ".nrepl-port") proc 180)]
        (is (some? port-file) (str "no .nrepl-port; bin/repl said:\n" (slurp log)))
        (when port-file
          (is (= port (parse-long (slurp port-file))))
          (with-open [conn (nrepl/connect :port port)]
            (let [client (nrepl/client conn 120000)
                  eval-str (fn [code] (nrepl/combine-responses (nrepl/message client {:op "eval" :code code})))
                  started (eval-str "(:url (go))")
                  result (eval-str (pr-str '(do (coedit.api/submit! (:editor system)
                                                                    {:doc-id "repl" :client-id "test" :seq 1 :version 0
                                                                     :change [{:type :insert :offset 0 :text "hi from nREPL"}]})
                                                (coedit.api/doc (:editor system) "repl"))))
                  halted (eval-str "(halt)")]
              (is (re-find #"^\"http://127\.0\.0\.1:\d+\"$" (str (first (:value started)))) (pr-str started))
              (is (= {:doc-id "repl" :text "hi from nREPL" :version 1}
                     (some-> result :value first edn/read-string))
                  (pr-str result))
              (is (= [":halted"] (:value halted)) (pr-str halted))))))
      (finally
        (.destroy proc)
        (when-not (.waitFor proc 30 TimeUnit/SECONDS) (.destroyForcibly proc))))))
