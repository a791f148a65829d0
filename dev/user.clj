(ns user
  "REPL-driven development of coedit. Start the REPL with `bin/repl` (compiles the Java
  code, starts nREPL on port 7888), connect CIDER, Calva or Cursive, then:

    (go)      an in-process cluster with the editor and todo modules, and the HTTP +
              WebSocket server on a free port; prints the URL
    (halt)    stops the server and the cluster (its temporary data goes with it)
    (reset)   halt, reload the changed namespaces (tools.namespace), go again
    system    what is running: {:cluster :editor :todo :service :server :url}

  The comment block at the end walks through the article's scenarios step by step."
  (:require [clojure.java.io :as io]
            [clojure.tools.namespace.repl :as tn]
            [com.rpl.specter :as sp]
            [coedit.api :as api])
  (:import (coedit.editor EngineDocumentService)
           (coedit.server CoeditServer)
           (coedit.server.core ServerConfig)
           (coedit.todo TodoModule)
           (coedit.todo.data CompleteTodo NewTodo)))

;; Reload from the checkout this file lives in, wherever the REPL was started.
(let [root (-> (io/resource "user.clj") io/file .getParentFile .getParentFile)]
  (apply tn/set-refresh-dirs (for [d ["src/clj" "dev" "test/clj"]] (io/file root d))))

(def system
  "The running system, or nil."
  nil)

(defn go
  "Starts the cluster (editor and todo modules) and a server on a free port, unless
  running. Returns the system map."
  []
  (if system
    system
    (let [cluster (api/start-cluster {:modules [(api/editor-module) (TodoModule.)]})
          editor (api/module cluster "editor")
          service (EngineDocumentService. editor)
          server (CoeditServer/start service (.withPort (ServerConfig/defaults) 0))
          sys {:cluster cluster :editor editor :todo (api/module cluster TodoModule/NAME)
               :service service :server server :url (str (.uri server))}]
      (alter-var-root #'system (constantly sys))
      (println "coedit is running at" (:url sys))
      sys)))

(defn halt
  "Stops the server, the service and the cluster, if running."
  []
  (when-let [{:keys [server service cluster]} system]
    (.close ^CoeditServer server)
    (.close ^EngineDocumentService service)
    (api/stop! cluster)
    (alter-var-root #'system (constantly nil))
    :halted))

(defn reset
  "Stops the system, reloads every namespace changed on disk, and starts it again."
  []
  (halt)
  (tn/refresh :after 'user/go))

(comment
  ;; ---- 1. Start everything; the URL serves the browser client and the HTTP API.
  (go)
  (def ed (:editor system))

  ;; ---- 2. Alice types "Hello" into an empty document (version 0 = nothing seen yet).
  (api/submit! ed {:doc-id "article" :client-id "alice" :seq 1 :version 0
                   :change [{:type :insert :offset 0 :text "Hello"}]})
  ;; => {:status :accepted, :version 1, :change [...], :duplicate? false}

  ;; ---- 3. Stale versions: Alice adds " world" at version 1, and Bob, who also saw only
  ;; version 1, replaces the "H" with "J". Bob's change is transformed over Alice's.
  (api/submit! ed {:doc-id "article" :client-id "alice" :seq 2 :version 1
                   :change [{:type :insert :offset 5 :text " world"}]})
  (api/submit! ed {:doc-id "article" :client-id "bob" :seq 1 :version 1
                   :change [{:type :delete :offset 0 :length 1}
                            {:type :insert :offset 0 :text "J"}]})
  ;; A stale insert at the same offset as an accepted one goes after it:
  (api/submit! ed {:doc-id "article" :client-id "carol" :seq 1 :version 1
                   :change [{:type :insert :offset 5 :text "!"}]})
  ;; Resubmitting (same client and seq) is answered with the original result:
  (api/submit! ed {:doc-id "article" :client-id "carol" :seq 1 :version 1
                   :change [{:type :insert :offset 5 :text "!"}]})
  ;; => {... :duplicate? true}

  ;; ---- 4. Read doc+version atomically (the module's query).
  (api/doc ed "article")
  ;; => {:doc-id "article", :text "Jello world!", :version 4}

  ;; ---- 5. A history range: entries after version 1 up to 3 (one range read).
  (api/history ed "article" {:from 1 :to 3})
  ;; The same with Specter, and what each path costs in engine reads:
  (def hist (api/pstate ed "$$history"))
  (api/select [(sp/keypath "article") (sp/srange 1 3) sp/ALL :client-id] hist {:on-read prn})
  (api/select-one [(sp/keypath "article") (sp/view count)] hist {:on-read prn}) ; one size read
  (api/select-one [(sp/keypath "article") sp/LAST :change] hist {:on-read prn})
  (api/select-one [(sp/keypath "nobody") (sp/keypath 0) (sp/nil->val :no-entry)] hist)

  ;; ---- 6. Watch a document: every new history entry, in order, as data.
  (def w (api/watch-doc! ed "article" #(println "entry" (:version %) (:client-id %) (:change %))))
  (api/submit! ed {:doc-id "article" :client-id "alice" :seq 3 :version 4
                   :change [{:type :insert :offset 12 :text " :)"}]})
  (api/stop! w)
  ;; Or a raw PState proxy: (fn [new diff old]) per change.
  (def p (api/watch! hist "article" (fn [n d _] (println "size" n (:type d)))))
  @p
  (api/stop! p)

  ;; ---- 7. The same document over HTTP (see docs/protocol.md).
  (slurp (str (:url system) "/api/docs/article"))

  ;; ---- 8. The todo module: appends with acks, and its PStates.
  (def todos (api/depot (:todo system) TodoModule/TODO_DEPOT))
  (api/append! todos (NewTodo. "alice" "write the article"))
  (api/append! todos (CompleteTodo. "alice" 0 (System/currentTimeMillis)))
  (api/select [(sp/keypath "alice") sp/ALL :todo] (api/pstate (:todo system) TodoModule/TODOS))
  (api/select-one [(sp/keypath "alice")] (api/pstate (:todo system) TodoModule/COMPLETED_COUNT))

  ;; ---- 9. Rama's own names (coedit.rama), and the article's snippets verbatim.
  (require '[coedit.rama :refer :all] '[coedit.rama.article :refer :all])
  (def ipc (create-ipc))
  (launch-module! ipc (api/editor-module) {:tasks 4 :threads 2})
  (def edit-depot (foreign-depot ipc "editor" "*edit-depot"))
  (def edits (foreign-pstate ipc "editor" "$$edits"))
  (def doc+version (foreign-query ipc "editor" "doc+version"))
  (foreign-append! edit-depot (mk-add-edit 123 0 0 "Rama was added"))
  (foreign-append! edit-depot (mk-add-edit 123 1 5 "support "))
  (foreign-append! edit-depot (mk-add-edit 123 2 4 "'s"))
  (foreign-append! edit-depot (mk-add-edit 123 3 5 "to the "))
  (foreign-invoke-query doc+version 123)
  (foreign-select [(sp/keypath 123) (sp/srange 1 3)] edits)
  (close! ipc)

  ;; ---- 10. Change code, then reload and restart.
  (reset)
  (halt))
