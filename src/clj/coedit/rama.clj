(ns coedit.rama
  "Rama's Clojure API, by Rama's names and in Rama's shapes, over coedit's engine: for
  developers who know Rama (and its articles) and want to run the same client code
  against coedit. docs/clojure.md, \"Coming from Rama\", lists every name and how it
  differs. Everything here is thin over coedit.api.

  Clusters
  - `create-ipc`: an in-process cluster (Rama's `rtest/create-ipc`); close it with `close!`.
  - `launch-module!`: given an ipc, a module and `{:tasks n :threads n}`, launch the module
    with n tasks (partitions), each module in its own engine as in Rama's ipc.
  - `open-cluster-manager`: given `{:data-dir d :modules [...]}`, open the embedded engine
    on d (RocksDB, reopened as it was), or given `{:kafka \"host:port\" :modules [...]}`,
    join the Kafka runtime; those modules launched; a cluster for the `foreign-*` functions.
  - `get-module-name`: given a module, its name.
  - `close!`: close an ipc, a cluster manager, a proxy or anything AutoCloseable.

  Foreign clients (`cluster` is an ipc, a cluster manager or a coedit.engine.Cluster)
  - `foreign-depot`, `foreign-pstate`, `foreign-query`: given a cluster, a module name and
    a depot, PState or query name, return its client.
  - `foreign-append!`: given a depot client, a record and an ack level (`:ack`, the
    default, `:append-ack` or nil), append; with `:ack`, return `{topology-name ack}`.
  - `foreign-append-async!`: the same, returning a CompletableFuture.
  - `foreign-select`, `foreign-select-one`: given a Specter path (`keypath`, `srange`,
    `(view count)`, `nil->val`, `ALL`, `FIRST`, `LAST`) and a PState client, the values it
    navigates to (or the one value), reading only what the path needs.
  - `foreign-invoke-query`: given a query client and its arguments, run it.
  - `foreign-proxy`: given a path starting with `(keypath k)` and a PState client, a
    ProxyState: deref it for the current value; `{:callback-fn (fn [new diff old])}` hears
    each change. Close it with `close!`.

  The editor module under the article's names (\"Massively scalable collaborative text
  editor backend with Rama in 120 LOC\"): `*edit-depot`, `$$edits` and `doc+version` reach
  coedit's `*editDepot`, `$$history` and `doc-version`; numeric document ids are welcome
  (123 is the document \"123\"); `doc+version` answers `{:doc text :version v}`. The
  article's `Edit` records and helpers are in coedit.rama.article.

  Modules in Clojure (names are strings, as in Rama's Java API)
  - `defmodule`: `(defmodule Name [setup topologies] body)` defines a coedit Module.
  - `declare-depot`: given setup, a depot name and a partitioner (`hash-by`), declare it.
  - `hash-by`: given a function of the record (a keyword), partition by its value.
  - `declare-pstate`: given setup, a name and a schema: `{K V}` (a map),
    `{K (vector-schema V {:subindex? true})}` (a subindexed list) or
    `{K (map-schema S V {:subindex? true})}` (a subindexed sorted map).
  - `stream-topology`: given setup, a name, a depot name and `(fn [ctx record] ack)`.
  - `query-topology`: given setup, a name, `(fn [args] partition-key)` and
    `(fn [ctx args] result)`.
  - In processors and queries (`ctx`): `local-get`, `local-size`, `local-nth`,
    `local-range` read this task's PStates; `local-put!`, `local-append!`, `local-set!`,
    `local-remove!` write them (processors only); `depot-append!` appends to a depot.
  Records and values are EDN data unless a schema class is String, Long or Integer."
  (:require [clojure.edn :as edn]
            [coedit.api :as api]
            [coedit.api.data :as data]
            [coedit.api.protocols :as p]
            [coedit.api.views :as views]
            [com.rpl.specter :as sp])
  (:import (clojure.lang IDeref)
           (coedit.editor CollaborativeDocumentEditorModule)
           (coedit.editor.data DocSnapshot EditSubmission)
           (coedit.engine Cluster Codec CodecException Codecs DepotRecord EngineConfig
                          FsyncPolicy ListPState ListRef ListStore MapPState MapRef MapStore
                          Module ModuleBuilder ModuleInstance Processor ProcessorSupplier
                          QueryContext QueryHandler ReadOnlyListStore ReadOnlyMapStore
                          ReadOnlySortedMapStore SortedMapPState SortedMapRef SortedMapStore
                          TaskContext)
           (coedit.engine.embedded Engine InProcessCluster)
           (java.nio.charset StandardCharsets)
           (java.nio.file Paths)
           (java.util.concurrent.atomic AtomicLong)
           (java.util.function Function UnaryOperator)))

(set! *warn-on-reflection* true)

;; ---------------------------------------------------------------- clusters

(defprotocol ^:private ModuleHost
  (-instance ^ModuleInstance [cluster module-name]))

(extend-protocol ModuleHost
  Cluster
  (-instance [c module-name] (.module ^Cluster c (str module-name))))

;; Rama's ipc gives every module its own task count; coedit fixes partitions per engine,
;; so each launched module gets its own in-process engine.
(deftype Ipc [opts modules]
  ModuleHost
  (-instance [_ module-name]
    (or (:instance (get @modules (str module-name)))
        (throw (ex-info (str "no module " module-name " launched on this ipc; launched: "
                             (vec (keys @modules)))
                        {:module module-name}))))
  java.lang.AutoCloseable
  (close [_]
    (doseq [{:keys [^InProcessCluster cluster]} (vals @modules)] (.close cluster))
    (reset! modules {})))

(defn create-ipc
  "An in-process cluster for tests and the REPL. Options: `:fsync` (`:never`, the default,
  or `:always`)."
  ([] (create-ipc nil))
  ([{:keys [fsync] :or {fsync :never}}]
   (Ipc. {:fsync fsync} (atom {}))))

(defn get-module-name
  "The name of `module` (a coedit.engine.Module)."
  ^String [^Module module]
  (.name module))

(defn launch-module!
  "Launches `module` on `ipc` with `:tasks` partitions (default 4) run by `:threads` task
  threads (default: as many as tasks, at most the processor count). Returns nil."
  ([ipc module] (launch-module! ipc module nil))
  ([^Ipc ipc ^Module module {:keys [tasks threads] :or {tasks 4}}]
   (let [modules (.-modules ipc)
         module-name (.name module)
         fsync (:fsync (.-opts ipc))]
     (when (contains? @modules module-name)
       (throw (ex-info (str "module " module-name " is already launched") {:module module-name})))
     (let [cluster (InProcessCluster/create
                    (reify UnaryOperator
                      (apply [_ c]
                        (cond-> (.withPartitions ^EngineConfig c (int tasks))
                          threads (.withTaskThreads (int threads))
                          (= fsync :never) (.withFsync FsyncPolicy/NEVER)))))]
       (try
         (swap! modules assoc module-name {:cluster cluster :instance (.launch cluster module)})
         nil
         (catch Throwable t
           (.close cluster)
           (throw t)))))))

(defn- open-kafka
  "A Kafka-runtime cluster (coedit.engine.kafka), resolved at run time so that this namespace
  loads without Kafka on the class path."
  ^Cluster [bootstrap node-id state-dir namespace single-broker? tasks]
  (let [config (clojure.lang.Reflector/invokeStaticMethod
                "coedit.engine.kafka.KafkaEngineConfig" "defaults"
                (object-array [(str bootstrap) (str node-id) (Paths/get (str state-dir) (make-array String 0))]))
        engine (.withPartitions ^EngineConfig (clojure.lang.Reflector/invokeInstanceMethod config "engine" (object-array 0))
                                (int tasks))
        config (clojure.lang.Reflector/invokeInstanceMethod config "withEngine" (object-array [engine]))
        config (if namespace
                 (clojure.lang.Reflector/invokeInstanceMethod config "withNamespace" (object-array [(str namespace)]))
                 config)
        config (if single-broker?
                 (clojure.lang.Reflector/invokeInstanceMethod config "singleBroker" (object-array 0))
                 config)]
    (clojure.lang.Reflector/invokeStaticMethod "coedit.engine.kafka.KafkaCluster" "open" (object-array [config]))))

(defn open-cluster-manager
  "A cluster for the `foreign-*` functions, with `:modules` launched on it. Either the
  embedded engine on `:data-dir` (created if missing, reopened as it was; `:tasks`
  partitions for new data, default 4, existing data keeps its own), or the Kafka runtime:
  `{:kafka \"host:port,...\" :node-id \"a\" :state-dir \"...\" :namespace \"ns\" :modules [...] :tasks 4}` joins
  (or starts) the module's instances there (docs/kafka.md); `:single-broker? true` for a
  one-broker development cluster (replication 1). Close it with `close!`."
  ^Cluster [{:keys [data-dir kafka node-id state-dir namespace single-broker? modules tasks] :or {tasks 4}}]
  (cond
    kafka
    (let [^Cluster cluster (open-kafka kafka (or node-id (str "rama-" (random-uuid)))
                                       (or state-dir (str (java.nio.file.Files/createTempDirectory
                                                            "coedit-kafka-state-"
                                                            (make-array java.nio.file.attribute.FileAttribute 0))))
                                       namespace single-broker? tasks)]
      (try
        (run! #(.launch cluster ^Module %) modules)
        cluster
        (catch Throwable t
          (.close cluster)
          (throw t))))

    data-dir
    (let [dir (Paths/get (str data-dir) (make-array String 0))
          stored (when (seq modules)
                   (->> modules (map #(Engine/storedPartitions dir (.name ^Module %))) (filter pos?) first))]
      (api/start-cluster {:dir dir :partitions (or stored tasks) :modules modules}))

    :else
    (throw (ex-info "open-cluster-manager needs :data-dir (the embedded engine) or :kafka (bootstrap servers)" {}))))

(defn close!
  "Closes an ipc, a cluster manager, a ProxyState or anything AutoCloseable."
  [^java.lang.AutoCloseable x]
  (.close x))

;; ---------------------------------------------------------------- the article's names

(defn- doc-id
  "The editor's document id for an article id: numbers become their decimal strings."
  [id]
  (if (number? id) (str id) id))

(defn- article-doc [^DocSnapshot s]
  {:doc (.text s) :version (.version s)})

;; Per module: article names -> coedit names, key conversion, result conversion.
(def ^:private aliases
  {CollaborativeDocumentEditorModule/NAME
   {:names {"*edit-depot" CollaborativeDocumentEditorModule/EDIT_DEPOT
            "$$edits" CollaborativeDocumentEditorModule/HISTORY
            "doc+version" CollaborativeDocumentEditorModule/DOC_QUERY}
    :key-fn doc-id
    :results {"doc+version" article-doc}}})

(defn- resolve-name [module-name name]
  (get-in aliases [module-name :names name] name))

(defprotocol EditorRecord
  (-submission ^EditSubmission [x depot]
    "This value as an editor submission, appended through `depot` (a ForeignDepot: its
    `client-id` and `next-seq!` number submissions that carry none)."))

(extend-protocol EditorRecord
  EditSubmission
  (-submission [s _] s)
  clojure.lang.IPersistentMap
  (-submission [m _] (data/->submission m)))

;; ---------------------------------------------------------------- foreign clients

(defrecord ForeignDepot [depot module-name ^String client-id ^AtomicLong seqs])

(defn next-seq!
  "The next submission number of a depot client (for records that carry none)."
  ^long [^ForeignDepot d]
  (.getAndIncrement ^AtomicLong (:seqs d)))

(defrecord ForeignPState [pstate module-name key-fn]
  p/Selectable
  (-root [_ opts] (p/-root pstate (assoc opts :key-fn key-fn))))

(defrecord ForeignQuery [query module-name result-fn])

(defn foreign-depot
  "The client of depot `name` of module `module-name` on `cluster`."
  [cluster module-name name]
  (let [m (-instance cluster module-name)]
    (->ForeignDepot (api/depot m (resolve-name (str module-name) name)) (str module-name)
                    (str "rama-" (random-uuid)) (AtomicLong. 0))))

(defn foreign-pstate
  "The client of PState `name` of module `module-name` on `cluster`."
  [cluster module-name name]
  (let [m (-instance cluster module-name)]
    (->ForeignPState (api/pstate m (resolve-name (str module-name) name)) (str module-name)
                     (get-in aliases [(str module-name) :key-fn] identity))))

(defn foreign-query
  "The client of query `name` of module `module-name` on `cluster`."
  [cluster module-name name]
  (let [m (-instance cluster module-name)
        n (resolve-name (str module-name) name)]
    (->ForeignQuery (.query m ^String n) (str module-name)
                    (get-in aliases [(str module-name) :results name] data/->data))))

(defn- depot-record [^ForeignDepot d record]
  (if (= (:module-name d) CollaborativeDocumentEditorModule/NAME)
    (-submission record d)
    record))

(defn- rama-ack [level]
  (case level
    :ack :ack
    :append-ack :append-ack
    nil :none
    (throw (ex-info (str "ack level must be :ack, :append-ack or nil, got " (pr-str level))
                    {:ack-level level}))))

(defn- acks [r]
  (into {} (map (fn [[k v]] [k (data/->data v)])) (:acks r)))

(defn foreign-append!
  "Appends `record` and waits for `ack-level`: `:ack` (the default: processed; returns
  `{topology-name ack-value}` as data), `:append-ack` (durable) or nil (admitted); these
  two return `{}`."
  ([depot record] (foreign-append! depot record :ack))
  ([^ForeignDepot depot record ack-level]
   (acks (api/append! (:depot depot) (depot-record depot record) {:ack (rama-ack ack-level)}))))

(defn foreign-append-async!
  "Like `foreign-append!`, returning a CompletableFuture of its result."
  ([depot record] (foreign-append-async! depot record :ack))
  ([^ForeignDepot depot record ack-level]
   (.thenApply ^java.util.concurrent.CompletableFuture
               (api/append-async! (:depot depot) (depot-record depot record) {:ack (rama-ack ack-level)})
               (reify Function (apply [_ r] (acks r))))))

(defn foreign-select
  "The values `path` navigates to in `pstate`, as a vector (see the namespace docstring)."
  ([path pstate] (foreign-select path pstate nil))
  ([path pstate opts] (api/select path pstate opts)))

(defn foreign-select-one
  "The one value `path` navigates to in `pstate`, or nil; more than one is an error."
  ([path pstate] (foreign-select-one path pstate nil))
  ([path pstate opts] (api/select-one path pstate opts)))

(defn foreign-invoke-query
  "Runs `query` with `args` on the task owning them; its result as data."
  [^ForeignQuery query & args]
  (let [key-fn (get-in aliases [(:module-name query) :key-fn] identity)
        arg (if (next args) (mapv key-fn args) (key-fn (first args)))]
    ((:result-fn query) (.invoke ^coedit.engine.Query (:query query) arg))))

;; A ProxyState: the path's current value, kept by re-selecting after each change of the
;; key it starts with (one engine watch on that key, whose updates come in commit order).
(deftype ProxyState [handle current]
  IDeref
  (deref [_] @current)
  java.lang.AutoCloseable
  (close [_] (.close ^java.lang.AutoCloseable handle)))

(defn- path-key
  "The key a path looks up at a PState's root, found by running the path on a root that
  records lookups."
  [path]
  (let [seen (volatile! [])
        root (reify clojure.lang.ILookup
               (valAt [this k] (.valAt this k nil))
               (valAt [_ k _] (vswap! seen conj k) nil))]
    (try (sp/select* (if (vector? path) path [path]) root) (catch Exception _ nil))
    (when-not (= 1 (count @seen))
      (throw (ex-info "foreign-proxy needs a path that starts with (keypath k)" {:path path})))
    (first @seen)))

(defn foreign-proxy
  "Subscribes to `path` of `pstate` (the path must start with `(keypath k)`): a ProxyState
  whose deref is the path's current value. Option `:callback-fn` is called as
  `(f new-value diff old-value)`, one call at a time in commit order, when a change of key k
  changed the path's value; `diff` is the engine's change of k as data (see
  coedit.api/watch!). Unlike Rama, the new value is read after the change, so when changes
  come faster than callbacks it may already include the next ones (each call's old value is
  the previous call's new value; none is skipped or repeated). Close it with `close!`."
  ([path pstate] (foreign-proxy path pstate nil))
  ([path ^ForeignPState pstate {:keys [callback-fn]}]
   (let [k ((:key-fn pstate) (path-key path))
         current (atom nil)
         handle (api/watch! (:pstate pstate) k
                            (fn [_ diff _]
                              (let [new (foreign-select-one path pstate)
                                    old (first (reset-vals! current new))]
                                (when (and callback-fn (not= old new)) (callback-fn new diff old)))))]
     (compare-and-set! current nil (foreign-select-one path pstate))
     (ProxyState. handle current))))

;; ---------------------------------------------------------------- modules in Clojure

(def ^:private edn-codec
  (reify Codec
    (encode [_ v]
      (let [^String s (binding [*print-length* nil *print-level* nil *print-meta* false] (pr-str v))]
        (.getBytes s StandardCharsets/UTF_8)))
    (decode [_ bytes]
      (try (edn/read-string (String. ^bytes bytes StandardCharsets/UTF_8))
           (catch Exception e (throw (CodecException. (str "not EDN: " (ex-message e)) e)))))))

(defn- codec ^Codec [schema-class]
  (condp = schema-class
    String (Codecs/string)
    Long (Codecs/longs)
    Integer (Codecs/ints)
    edn-codec))

(defn- order-preserving ^Codec [subkey-class]
  (condp = subkey-class
    String (Codecs/string)
    Long (Codecs/longs)
    (throw (ex-info (str "map-schema subkeys must be String or Long (their bytes sort in "
                         "order), got " subkey-class)
                    {:subkey subkey-class}))))

(defn vector-schema
  "A subindexed list of `element-class` values (Rama's vector-schema; `{:subindex? true}`
  is how coedit always stores lists)."
  ([element-class] (vector-schema element-class nil))
  ([element-class _opts] {::kind :list ::element element-class}))

(defn map-schema
  "A subindexed sorted map from `subkey-class` (String or Long) to `value-class`."
  ([subkey-class value-class] (map-schema subkey-class value-class nil))
  ([subkey-class value-class _opts] {::kind :sorted-map ::subkey subkey-class ::value value-class}))

(defrecord Setup [^ModuleBuilder builder refs])

(defn hash-by
  "A partitioner: records go to the partition of `(f record)` (a string, number or UUID)."
  [f]
  f)

(defn declare-depot
  "Declares depot `name` (\"*name\") partitioned by `partitioner` (see `hash-by`);
  records are EDN data."
  [^Setup setup name partitioner]
  (let [ref (.depot ^ModuleBuilder (:builder setup) (str name) edn-codec
                    (reify Function (apply [_ r] (partitioner r))))]
    (swap! (:refs setup) assoc (str name) ref)
    nil))

(defn declare-pstate
  "Declares PState `name` (\"$$name\") with `schema`: `{K V}`, `{K (vector-schema V)}` or
  `{K (map-schema S V)}`; K, V are classes (String, Long, Integer; anything else is EDN)."
  [^Setup setup name schema]
  (when-not (and (map? schema) (= 1 (count schema)))
    (throw (ex-info (str "a PState schema is a one-entry map {KeyClass value-schema}, got "
                         (pr-str schema))
                    {:pstate name})))
  (let [[k v] (first schema)
        ^ModuleBuilder b (:builder setup)
        n (str name)
        ref (case (::kind v)
              :list (.list b n (codec k) (codec (::element v)))
              :sorted-map (.sortedMap b n (codec k) (order-preserving (::subkey v)) (codec (::value v)))
              (.map b n (codec k) (codec v)))]
    (swap! (:refs setup) assoc n ref)
    nil))

(defrecord Ctx [^QueryContext context refs])

(defn- ref-of [^Ctx ctx name]
  (or (get @(:refs ctx) (str name))
      (throw (ex-info (str "no depot or PState " name " in this module; declared: "
                           (vec (keys @(:refs ctx))))
                      {:name name}))))

(defn- store [^Ctx ctx name]
  (let [ref (ref-of ctx name)
        ^QueryContext c (:context ctx)]
    (condp instance? ref
      MapRef (.store c ^MapRef ref)
      ListRef (.store c ^ListRef ref)
      SortedMapRef (.store c ^SortedMapRef ref))))

(defn stream-topology
  "Declares stream topology `name` on depot `depot-name`: `(f ctx record)` runs on the task
  owning each record, one record at a time; its return value is the record's ack value.
  If it throws, the record's writes are discarded (the engine's guarantee)."
  [^Setup setup name depot-name f]
  (let [refs (:refs setup)
        depot (or (get @refs (str depot-name))
                  (throw (ex-info (str "stream topology " name ": no depot " depot-name) {})))]
    (.stream ^ModuleBuilder (:builder setup) (str name) depot
             (reify ProcessorSupplier
               (get [_]
                 (let [ctx (volatile! nil)]
                   (reify Processor
                     (init [_ c] (vreset! ctx (->Ctx c refs)))
                     (process [_ r] (f @ctx (.value ^DepotRecord r))))))))
    nil))

(defn query-topology
  "Declares query `name`: `(handler ctx args)` runs on the task owning
  `(partition-key args)`, between records, reading its PStates atomically."
  [^Setup setup name partition-key handler]
  (let [refs (:refs setup)]
    (.query ^ModuleBuilder (:builder setup) (str name)
            (reify Function (apply [_ args] (partition-key args)))
            (reify QueryHandler (handle [_ args c] (handler (->Ctx c refs) args))))
    nil))

(defn module*
  "The functional form of `defmodule`: a Module named `name` whose definition runs
  `(define setup)`."
  ^Module [name define]
  (reify Module
    (name [_] (str name))
    (define [_ b] (define (->Setup b (atom {}))))))

(defmacro defmodule
  "Defines `name` as a coedit Module called \"name\", declared by `body` with `setup` (and,
  as in Rama, `topologies`: the same builder) bound to the module's builder."
  [name [setup topologies] & body]
  `(def ~name
     (module* ~(str name) (fn [~setup] (let [~(or topologies '_) ~setup] ~@body)))))

(defn local-get
  "A map PState's value of `k`, or with `subkey` a sorted map's value; nil when absent."
  ([ctx pstate k] (.get ^ReadOnlyMapStore (store ctx pstate) k))
  ([ctx pstate k subkey] (.get ^ReadOnlySortedMapStore (store ctx pstate) k subkey)))

(defn local-size
  "The size of `k`'s list or sorted map."
  ^long [ctx pstate k]
  (let [s (store ctx pstate)]
    (if (instance? ReadOnlyListStore s) (.size ^ReadOnlyListStore s k) (.size ^ReadOnlySortedMapStore s k))))

(defn local-nth
  "Element `i` of `k`'s list."
  [ctx pstate k i]
  (.get ^ReadOnlyListStore (store ctx pstate) k (long i)))

(defn local-range
  "Elements `from` (inclusive) to `to` (exclusive, clamped) of `k`'s list, as a vector."
  [ctx pstate k from to]
  (vec (.range ^ReadOnlyListStore (store ctx pstate) k (long from) (long to))))

(defn local-put!
  "Sets `k` of a map PState to `v`, or with `subkey`, `k`'s sorted-map entry."
  ([ctx pstate k v] (.put ^MapStore (store ctx pstate) k v))
  ([ctx pstate k subkey v] (.put ^SortedMapStore (store ctx pstate) k subkey v)))

(defn local-append!
  "Appends `v` to `k`'s list; returns its index."
  ^long [ctx pstate k v]
  (.append ^ListStore (store ctx pstate) k v))

(defn local-set!
  "Replaces element `i` of `k`'s list with `v`."
  [ctx pstate k i v]
  (.set ^ListStore (store ctx pstate) k (long i) v))

(defn local-remove!
  "Removes `k` from a map PState, or with `subkey`, that entry of `k`'s sorted map."
  ([ctx pstate k] (.remove ^MapStore (store ctx pstate) k))
  ([ctx pstate k subkey] (.remove ^SortedMapStore (store ctx pstate) k subkey)))

(defn depot-append!
  "Appends `record` to depot `depot-name` from a processor: exactly once, atomically with
  the current record's writes."
  [^Ctx ctx depot-name record]
  (.append ^TaskContext (:context ctx) (ref-of ctx depot-name) record))
