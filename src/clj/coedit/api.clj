(ns coedit.api
  "coedit from Clojure: a thin layer over the engine (coedit.engine) and the collaborative
  editor module (coedit.editor), in plain data. Functions ending in `!` have effects;
  options maps come last and are optional.

  Clusters and modules
  - `start-cluster`: given options, return a running coedit.engine.Cluster, with the
    modules of `:modules` launched. `{:dir d}` keeps data in d (RocksDB, reopened as it
    was); without `:dir`, an in-process cluster in a temporary directory.
  - `stop!`: given a cluster, proxy, subscription or anything AutoCloseable, close it.
  - `launch!`: given a cluster and a coedit.engine.Module, return its ModuleInstance.
  - `module`: given a cluster and a module name, return the launched ModuleInstance.

  Depots and queries
  - `depot`: given a module instance and a depot name (`\"*editDepot\"`), return its client.
  - `append!`: given a depot and a record, append and wait for the ack level (`:ack` by
    default, `:append-ack`, `:none`); return `{:partition p :offset o :acks {topology v}}`.
  - `append-async!`: the same without blocking; return a future (deref it) of that map.
  - `query`: given a module instance, a query name and its argument, run the query on the
    task owning the argument and return its result. `query-async` returns a future.

  PStates
  - `pstate`: given a module instance and a PState name (`\"$$history\"`), return its client
    (map, list or sorted map: the kind is found by name).
  - `select`: given a Specter path and a PState client, return the vector of values the
    path navigates to. The path starts with the key (`(keypath \"doc-1\")`); then
    `keypath`, `srange`, `(view count)`, `nil->val`, `FIRST`, `LAST` and `ALL` read only
    what they need: an element, a range, a size (see coedit.api.views).
  - `select-one`: like `select` for a path navigating to at most one value; return it or nil.
  - `watch!`: given a PState client, a key and `(fn [new diff old])`, subscribe to the
    key's changes; return a handle that derefs to the latest value and closes with `stop!`.

  Edits as data
  - `->change`: given edit maps (`{:type :insert :offset 5 :text \"x\"}`, `{:type :delete
    :offset 5 :length 2}`), one edit map or nil, return a coedit.ot.Change.
  - `change->data`: given a Change, return its vector of edit maps.
  - `apply-change`: given a text and a change (data or Change), return the edited text.

  The collaborative editor (module coedit.editor.CollaborativeDocumentEditorModule)
  - `editor-module`: given options (`:config` an EditorConfig), return a new editor Module.
  - `submit!`: given the editor's module instance and `{:doc-id :client-id :seq :version
    :change}`, append it and return its ack: `{:status :accepted :version v :change [...]
    :duplicate? false}` or `{:status :rejected :code :invalid-change :error \"...\"}` (`:code`
    is the rejection's coedit.editor.data.RejectCode, as a keyword). `submit-async!`: a future.
  - `doc`: given the editor's module instance and a doc id, return `{:doc-id :text
    :version}`, read atomically by the `doc+version` query.
  - `history`: given the editor's module instance and a doc id, return the history
    entries `{:version :client-id :seq :time-millis :change}`; `{:from v}` starts after
    version v, `{:to v}` ends at v (one range read).
  - `watch-doc!`: given the editor's module instance, a doc id and `(fn [entry])`, call it
    with every history entry appended from now on (`{:from v}`: replay entries after v
    first); `:on-resync (fn [version])` hears about dropped updates.

  Extension points: coedit.api.protocols."
  (:require [coedit.api.data :as data]
            [coedit.api.protocols :as p]
            [coedit.api.views :as views]
            [com.rpl.specter :as sp])
  (:import (clojure.lang IDeref)
           (coedit.editor CollaborativeDocumentEditorModule EditorConfig EngineDocumentService
                          HistoryListener)
           (coedit.engine AckLevel AppendResult Cluster Depot EngineConfig FsyncPolicy
                          ListDiff$Appended ListDiff$DroppedBefore ListDiff$ElementSet ListDiff$Truncated
                          ListPState
                          MapPState Module ModuleInstance Proxy ProxyListener Query
                          SortedMapDiff$Put SortedMapDiff$Removed SortedMapPState StorageKind
                          ValueDiff$Put)
           (coedit.engine.embedded InProcessCluster Engine)
           (coedit.ot Ot)
           (java.nio.file Path Paths)
           (java.util.concurrent CompletableFuture)
           (java.util.function Function UnaryOperator)))

(set! *warn-on-reflection* true)

;; ---------------------------------------------------------------- clusters and modules

(defn- engine-config ^EngineConfig [^Path dir {:keys [partitions task-threads fsync storage]}]
  (cond-> (EngineConfig/defaults dir)
    partitions (.withPartitions (int partitions))
    task-threads (.withTaskThreads (int task-threads))
    fsync (.withFsync (case fsync
                        :always FsyncPolicy/ALWAYS_GROUP_COMMIT
                        :never FsyncPolicy/NEVER
                        (throw (ex-info (str ":fsync must be :always or :never, got " (pr-str fsync))
                                        {:fsync fsync}))))
    storage (.withStorage (case storage
                            :rocksdb StorageKind/ROCKSDB
                            :in-memory StorageKind/IN_MEMORY
                            (throw (ex-info (str ":storage must be :rocksdb or :in-memory, got "
                                                 (pr-str storage))
                                            {:storage storage}))))))

(defn launch!
  "Launches `module` (a coedit.engine.Module) on `cluster`; returns its ModuleInstance."
  ^ModuleInstance [^Cluster cluster ^Module module]
  (.launch cluster module))

(defn start-cluster
  "Starts an engine and launches `:modules` (coedit.engine.Module values) on it.

  Options: `:dir` data directory (string or Path; omitted: an in-process cluster in a
  temporary directory, deleted on stop), `:partitions` (4), `:task-threads`, `:fsync`
  (`:always` group-committed, the default, or `:never`), `:storage` (`:rocksdb` or
  `:in-memory`), `:modules` ([])."
  (^Cluster [] (start-cluster nil))
  (^Cluster [{:keys [dir modules] :as opts}]
   (let [^Cluster cluster
         (if dir
           (Engine/open (engine-config (if (instance? Path dir) dir (Paths/get (str dir) (make-array String 0)))
                                       opts))
           (InProcessCluster/create
            (reify UnaryOperator
              (apply [_ c] (engine-config (.dataDir ^EngineConfig c) opts)))))]
     (try
       (run! #(launch! cluster %) modules)
       cluster
       (catch Throwable t
         (.close ^Cluster cluster)
         (throw t))))))

(defn stop!
  "Closes a cluster, a watch handle, a subscription or any AutoCloseable. Idempotent."
  [^java.lang.AutoCloseable x]
  (.close x))

(defn module
  "The launched ModuleInstance called `name`."
  ^ModuleInstance [^Cluster cluster name]
  (.module cluster (str name)))

;; ---------------------------------------------------------------- depots and queries

(defn depot
  "The client of the depot called `name` (`\"*editDepot\"`)."
  ^Depot [^ModuleInstance m name]
  (.depot m ^String (str name)))

(defn- ack-level ^AckLevel [level]
  (case (or level :ack)
    :ack AckLevel/ACK
    :append-ack AckLevel/APPEND_ACK
    :none AckLevel/NONE
    (throw (ex-info (str ":ack must be :ack, :append-ack or :none, got " (pr-str level))
                    {:ack level}))))

(defn- append-result [^AppendResult r]
  {:partition (.partition r) :offset (.offset r) :acks (into {} (.acksByTopology r))})

(defn append!
  "Appends `record` to `depot` and waits for `:ack` (`:ack`, the default: processed, its
  effects visible; `:append-ack`: durable; `:none`: admitted). Returns `{:partition p
  :offset o :acks {topology-name ack-value}}`; throws the engine's exceptions."
  ([depot record] (append! depot record nil))
  ([^Depot depot record {:keys [ack]}]
   (append-result (.append depot record (ack-level ack)))))

(defn append-async!
  "Like `append!` without blocking: returns a CompletableFuture (deref it) of the map."
  ([depot record] (append-async! depot record nil))
  ([^Depot depot record {:keys [ack]}]
   (.thenApply (.appendAsync depot record (ack-level ack))
               (reify Function (apply [_ r] (append-result r))))))

(defn query
  "Runs the query called `name` with argument `args` on the task owning it; its result."
  [^ModuleInstance m name args]
  (.invoke ^Query (.query m ^String (str name)) args))

(defn query-async
  "Like `query`, returning a CompletableFuture of the result."
  ^CompletableFuture [^ModuleInstance m name args]
  (.invokeAsync ^Query (.query m ^String (str name)) args))

;; ---------------------------------------------------------------- PStates

(defn pstate
  "The client of the PState called `name`: a MapPState, ListPState or SortedMapPState."
  [^ModuleInstance m name]
  (let [n (str name)
        attempt (fn [f] (try (f) (catch IllegalArgumentException e e)))
        found (map attempt [#(.map m n) #(.list m n) #(.sortedMap m n)])]
    (or (first (remove #(instance? Exception %) found))
        (throw (ex-info (str "module " (.name m) " has no PState " n ": "
                             (apply str (interpose "; " (map ex-message found))))
                        {:module (.name m) :pstate n})))))

(extend-protocol p/Selectable
  MapPState (-root [ps opts] (views/root-view :map ps opts))
  ListPState (-root [ps opts] (views/root-view :list ps opts))
  SortedMapPState (-root [ps opts] (views/root-view :sorted-map ps opts)))

(defn- as-path [path] (if (vector? path) path [path]))

(defn select
  "The values `path` (a Specter path, or a vector of them) navigates to in `pstate`, as
  a vector. Values read are plain data (coedit.api.data/->data: records become maps), so
  paths can use keywords: `[(keypath \"doc-1\") ALL :client-id]`. Options: `:raw? true`
  keeps the Java values; `:on-read`, a fn given each engine read made (to see what a path
  costs)."
  ([path pstate] (select path pstate nil))
  ([path pstate {:keys [on-read raw?]}]
   (let [root (p/-root pstate {:on-read on-read :value-fn (if raw? identity data/->data)})]
     (mapv views/realize (sp/select* (as-path path) root)))))

(defn select-one
  "Like `select` for a path that navigates to at most one value: that value or nil.
  More than one value is an error."
  ([path pstate] (select-one path pstate nil))
  ([path pstate opts]
   (let [vs (select path pstate opts)]
     (when (next vs)
       (throw (ex-info (str "select-one: the path navigated to " (count vs) " values") {:values vs})))
     (first vs))))

(defn- value-diff [d v]
  (if (instance? ValueDiff$Put d) {:type :put :value (v (.value ^ValueDiff$Put d))} {:type :removed}))

(defn- list-diff [d v]
  (condp instance? d
    ListDiff$Appended {:type :appended :index (.index ^ListDiff$Appended d)
                       :element (v (.element ^ListDiff$Appended d))}
    ListDiff$ElementSet {:type :set :index (.index ^ListDiff$ElementSet d)
                         :element (v (.element ^ListDiff$ElementSet d))}
    ListDiff$Truncated {:type :truncated :new-size (.newSize ^ListDiff$Truncated d)}
    ListDiff$DroppedBefore {:type :dropped-before :start (.start ^ListDiff$DroppedBefore d)}))

(defn- sorted-map-diff [d v]
  (if (instance? SortedMapDiff$Put d)
    {:type :put :subkey (v (.subkey ^SortedMapDiff$Put d)) :value (v (.value ^SortedMapDiff$Put d))}
    {:type :removed :subkey (v (.subkey ^SortedMapDiff$Removed d))}))

(defn- listener ^ProxyListener [diff->data {:keys [on-update on-resync value-fn]}]
  (reify ProxyListener
    (onUpdate [_ new diff old] (on-update (value-fn new) (diff->data diff value-fn) (value-fn old)))
    (onResync [_ current] (on-resync (value-fn current)))))

(extend-protocol p/Watchable
  MapPState
  (-watch [ps k opts] (.watch ps k (listener value-diff opts)))
  ListPState
  (-watch [ps k opts] (.watch ps k (listener list-diff opts)))
  SortedMapPState
  (-watch [ps k opts] (.watch ps k (listener sorted-map-diff opts))))

(deftype WatchHandle [^Proxy proxy latest]
  IDeref
  (deref [_] @latest)
  java.lang.AutoCloseable
  (close [_] (.close proxy)))

(defn watch!
  "Subscribes to `key` of `pstate` (a PState client): `f` is called as `(f new diff old)`
  for every committed change, in order, one call at a time. For a map PState the values
  are the key's values and `diff` is `{:type :put :value v}` or `{:type :removed}`; for a
  list or sorted map they are sizes and `diff` is `{:type :appended :index i :element e}`,
  `{:type :set ...}`, `{:type :truncated :new-size n}`, `{:type :put :subkey s :value v}`
  or `{:type :removed :subkey s}`. After dropped updates, `f` gets `(f current {:type
  :resync} nil)`. Values are plain data as in `select` (`{:raw? true}`: Java values).
  Returns a handle: deref it for the latest value, `stop!` it to stop."
  ([pstate key f] (watch! pstate key f nil))
  ([pstate key f {:keys [raw?]}]
   (let [latest (atom nil)
         value-fn (if raw? identity data/->data)
         proxy (p/-watch pstate key
                         {:value-fn value-fn
                          :on-update (fn [new diff old] (reset! latest new) (f new diff old))
                          :on-resync (fn [current]
                                       (reset! latest current)
                                       (f current {:type :resync} nil))})]
     (compare-and-set! latest nil (value-fn (.initialValue ^Proxy proxy)))
     (WatchHandle. proxy latest))))

;; ---------------------------------------------------------------- edits as data

(defn ->change
  "A coedit.ot.Change from edit maps, one edit map, a Change, or nil (no edits)."
  [x]
  (data/->change x))

(defn change->data
  "A Change as a vector of edit maps."
  [change]
  (data/change->data change))

(defn apply-change
  "`text` with `change` (data or a Change) applied; an InvalidChangeException naming the
  edit when it does not fit."
  ^String [^String text change]
  (Ot/apply text (data/->change change)))

;; ---------------------------------------------------------------- the editor

(defn editor-module
  "A new collaborative editor Module; `:config` an EditorConfig (defaults otherwise)."
  (^Module [] (editor-module nil))
  (^Module [{:keys [config]}]
   (if config
     (CollaborativeDocumentEditorModule. ^EditorConfig config)
     (CollaborativeDocumentEditorModule.))))

(defn- submit-result [r]
  (data/result->data (get (:acks r) CollaborativeDocumentEditorModule/APPLY_EDITS)))

(defn submit!
  "Appends a submission `{:doc-id :client-id :seq :version :change}` to the editor's
  depot and returns its ack as data (see the namespace docstring)."
  [editor submission]
  (submit-result (append! (depot editor CollaborativeDocumentEditorModule/EDIT_DEPOT)
                          (data/->submission submission))))

(defn submit-async!
  "Like `submit!`, returning a CompletableFuture of the ack."
  ^CompletableFuture [editor submission]
  (.thenApply ^CompletableFuture
              (append-async! (depot editor CollaborativeDocumentEditorModule/EDIT_DEPOT)
                             (data/->submission submission))
              (reify Function (apply [_ r] (submit-result r)))))

(defn doc
  "`{:doc-id :text :version}` of `doc-id`, read atomically."
  [editor doc-id]
  (data/snapshot->data (query editor CollaborativeDocumentEditorModule/DOC_QUERY doc-id)))

(defn- entries-between
  "Path to the entries with from < version <= to of a history list, clamped to what exists
  (entry i has version i + 1)."
  [doc-id from to]
  (let [clamp (fn [^long n v] (max 0 (min n (long v))))]
    [(sp/keypath doc-id)
     (sp/srange-dynamic #(clamp (count %) from)
                        (sp/end-fn [v start] (max (long start) (clamp (count v) to))))]))

(defn history
  "The history entries of `doc-id` as data, in version order. Options: `:from` (entries
  after that version, default 0), `:to` (up to that version, default the last). Costs a
  size read and range reads of just those entries."
  ([editor doc-id] (history editor doc-id nil))
  ([editor doc-id {:keys [from to]}]
   (select-one (entries-between doc-id (or from 0) (or to Long/MAX_VALUE))
               (pstate editor CollaborativeDocumentEditorModule/HISTORY))))

(defn watch-doc!
  "Calls `(f entry)` with each history entry of `doc-id` appended after the subscription,
  as data, in version order, one call at a time. Option `:from`: first replay the entries
  after that version. Gaps are filled from the history (the editor service's one catch-up,
  coedit.editor.HistoryWatch); only a subscriber more than 10,000 entries behind skips
  ahead, telling `:on-resync` (fn [version]) so it can re-read. Returns a handle for `stop!`."
  ([editor doc-id f] (watch-doc! editor doc-id f nil))
  ([^ModuleInstance editor doc-id f {:keys [from on-resync]}]
   (let [service (EngineDocumentService. editor)
         from (long (or from (.version (.read service (str doc-id)))))]
     (.watch service (str doc-id) from
             (reify HistoryListener
               (onEntry [_ e] (f (data/entry->data e)))
               (onResync [_ version] (when on-resync (on-resync version))))))))
