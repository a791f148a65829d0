(ns coedit.crash-child
  "The server side of coedit.crash-histories-test, in its own JVM so the test can kill it
  with SIGKILL: opens the engine on a data directory (as left by the last kill), launches
  the editor module, prints `:ready`, then answers one EDN request per stdin line with
  one EDN response per stdout line, matched by `:id`:

    {:id 1 :op :submit :sub {...}}            -> {:id 1 :ack {...}} (when applied)
    {:id 2 :op :entries :doc-id d :from 0 :to 9} -> {:id 2 :value [entry ...]}
    {:id 3 :op :read :doc-id d}                -> {:id 3 :value {:text .. :version ..}}

  Submissions are appended asynchronously, so several can be in flight when it dies.
  It uses the Java DocumentService and coedit.api.data, not coedit.api: loading Specter
  from source would add seconds to every restart."
  (:require [clojure.edn :as edn]
            [coedit.api.data :as data])
  (:import (coedit.editor EditorConfig EngineDocumentService)
           (coedit.engine EngineConfig FsyncPolicy)
           (coedit.engine.embedded Engine)
           (java.io BufferedReader InputStreamReader OutputStreamWriter PrintWriter)
           (java.nio.charset StandardCharsets)
           (java.nio.file Path)
           (java.util.concurrent CompletableFuture)
           (java.util.function BiConsumer)))

(set! *warn-on-reflection* true)

(defn -main [dir]
  (let [out (PrintWriter. (OutputStreamWriter. System/out StandardCharsets/UTF_8) true)
        in (BufferedReader. (InputStreamReader. System/in StandardCharsets/UTF_8))
        respond (fn [m] (locking out (.println out (pr-str m))))
        cluster (Engine/open (-> (EngineConfig/defaults (Path/of ^String dir (make-array String 0)))
                                 (.withPartitions 2)
                                 (.withFsync FsyncPolicy/NEVER)))
        service (EngineDocumentService/launch cluster (EditorConfig/defaults))]
    (respond :ready)
    (loop []
      (when-let [line (.readLine in)]
        (let [{:keys [id op sub doc-id from to]} (edn/read-string line)]
          (try
            (case op
              :submit (.whenComplete (.submit service (data/->submission sub))
                                     (reify BiConsumer
                                       (accept [_ ack e]
                                         (respond (if e
                                                    {:id id :error (str e)}
                                                    {:id id :ack (data/result->data ack)})))))
              :entries (respond {:id id :value (mapv data/entry->data (.history service doc-id from to))})
              :read (respond {:id id :value (data/snapshot->data (.read service doc-id))}))
            (catch Exception e (respond {:id id :error (str e)}))))
        (recur)))
    (.close service)
    (.close cluster)
    (shutdown-agents)))
