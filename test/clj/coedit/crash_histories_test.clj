(ns coedit.crash-histories-test
  "Crash histories: the editor runs in a child JVM (coedit.crash-child) that the test kills
  with SIGKILL at random points of a history (no flush, no close, appends in flight), then
  restarts on the same data directory. Clients lose their connections, reconnect and
  resend their unacknowledged change. At quiescence: no acknowledged submission is lost,
  none is applied twice, and every client converges with the server
  (coedit.history/check).

  Each restart costs a JVM start (about 2 s), so the default is 6 trials;
  `-Dcoedit.trials=N` runs N / 50 of them (at least 6): 200 for the deep run."
  (:require [clojure.edn :as edn]
            [clojure.java.io :as io]
            [clojure.string :as str]
            [clojure.test :refer [deftest is]]
            [coedit.history :as h]
            [coedit.history-gen :as hg]
            [coedit.test-support :as support])
  (:import (java.io BufferedReader File InputStreamReader OutputStreamWriter PrintWriter)
           (java.nio.charset StandardCharsets)
           (java.util.concurrent CompletableFuture ConcurrentHashMap TimeUnit)
           (java.util.jar JarFile)))

(set! *warn-on-reflection* true)

(defn- expand-manifest-classpath
  "The entry and the Class-Path of its manifest: Surefire starts tests from a jar whose
  manifest holds the real classpath."
  [^String entry]
  (let [f (io/file entry)]
    (cons entry
          (when (and (.isFile f) (.endsWith entry ".jar"))
          (with-open [jar (JarFile. f)]
            (when-let [cp (some-> (.getManifest jar) .getMainAttributes (.getValue "Class-Path"))]
              (for [u (str/split (str/trim cp) #"\s+")]
                (.getPath (io/file (.resolve (.toURI f) (java.net.URI. u)))))))))))

(defn- classpath []
  (->> (str/split (System/getProperty "java.class.path") (re-pattern File/pathSeparator))
       (mapcat expand-manifest-classpath)
       (str/join File/pathSeparator)))

(defn- start-child
  "Starts the server JVM on `dir` and waits for it to be ready; returns its handle."
  [^File dir]
  (let [^java.util.List cmd [(str (System/getProperty "java.home") "/bin/java")
                             "-XX:TieredStopAtLevel=1" "-Xss4m" "-cp" (classpath)
                             "clojure.main" "-m" "coedit.crash-child" (str dir)]
        proc (-> (ProcessBuilder. cmd)
                 (.redirectError (io/file dir "child-stderr.log"))
                 (.start))
        out (BufferedReader. (InputStreamReader. (.getInputStream proc) StandardCharsets/UTF_8))
        in (PrintWriter. (OutputStreamWriter. (.getOutputStream proc) StandardCharsets/UTF_8) true)
        pending (ConcurrentHashMap.)
        ready (CompletableFuture.)
        fail-all! (fn [why]
                    (doseq [^CompletableFuture f (vals pending)]
                      (.completeExceptionally f (ex-info why {})))
                    (.clear pending))
        reader (Thread.
                ^Runnable
                (fn []
                  (try
                    (loop []
                      (when-let [line (.readLine out)]
                        (let [msg (edn/read-string line)]
                          (if (= :ready msg)
                            (.complete ready true)
                            (when-let [^CompletableFuture f (.remove pending (:id msg))]
                              (if (:error msg)
                                (.completeExceptionally f (ex-info (:error msg) msg))
                                (.complete f (if (contains? msg :ack) (:ack msg) (:value msg)))))))
                        (recur)))
                    ;; The stream closes when the test kills the server.
                    (catch java.io.IOException _)
                    (finally
                      (.completeExceptionally ready (ex-info "server died before it was ready" {}))
                      (fail-all! "server connection lost")))))]
    (.setDaemon reader true)
    (.start reader)
    (.get ready 60 TimeUnit/SECONDS)
    {:proc proc :in in :pending pending :ids (atom 0)}))

(defn- request ^CompletableFuture [{:keys [^PrintWriter in ^ConcurrentHashMap pending ids]} msg]
  (let [id (swap! ids inc)
        f (CompletableFuture.)]
    (.put pending id f)
    (locking in (.println in (pr-str (assoc msg :id id))))
    f))

(defn- kill! [{:keys [^Process proc]}]
  (.destroyForcibly proc)
  (.waitFor proc 30 TimeUnit/SECONDS))

(defn- child-editor
  "coedit.history editor functions over a child JVM, with `:crash!` = SIGKILL + restart."
  [dir]
  (let [child (atom (start-child dir))
        sync (fn [msg] (.get (request @child msg) 30 TimeUnit/SECONDS))]
    {:submit-async #(request @child {:op :submit :sub %})
     :submit #(sync {:op :submit :sub %})
     :entries (fn [doc-id from to] (sync {:op :entries :doc-id doc-id :from from :to to}))
     :read #(sync {:op :read :doc-id %})
     :crash! (fn [] (kill! @child) (reset! child (start-child dir)))
     :close! #(kill! @child)}))

(deftest acknowledged-edits-survive-kill-9
  (let [dir (support/temp-dir! "coedit-crash-")
        editor (child-editor dir)]
    (try
      (let [trials (max 6 (quot (support/trials 300) 50))
            r (h/check-histories "crash histories (child JVM, SIGKILL)" (constantly editor)
                                 (hg/history {:max-clients 4 :min-events 15 :max-events 50 :crashes? true})
                                 trials)]
        (is (:pass? r) (:report r)))
      (finally ((:close! editor))))))

(deftest saved-crash-histories-stay-fixed
  (let [files (->> (file-seq (io/file (support/repo-root) "test/resources/histories"))
                   (filter #(.endsWith (.getName ^File %) ".edn"))
                   (map (juxt identity #(edn/read-string (slurp %))))
                   (filter #(= :crash (:kind (second %)))))]
    (if (empty? files)
      (support/skip! "no saved crash histories yet (test/resources/histories/*.edn with :kind :crash)")
      (let [dir (support/temp-dir! "coedit-crash-fixtures-")
            editor (child-editor dir)]
        (try
          (doseq [[^File f {:keys [clients events]}] files]
            (let [verdict (h/check (h/run-events editor (str "fixture-" (random-uuid)) clients events))]
              (is (:valid? verdict) (str (.getName f) ": " (pr-str verdict)))))
          (finally ((:close! editor))))))))
