(ns coedit.api.views
  "Lazy, read-only views of PStates, so ordinary Specter paths become engine reads.

  `coedit.api/select` hands Specter a root view of a PState; Specter navigates it with its
  own navigators, and the views turn each step into the cheapest engine read:

  | path step on a view            | engine read                                    |
  |--------------------------------|------------------------------------------------|
  | `(keypath k)` on the root      | map: `get k`; list / sorted map: none (a view)  |
  | `(keypath i)` on a list        | `get k i` (one element)                        |
  | `(view count)` on a list / map | `size k`                                       |
  | `(srange s e)` on a list       | `size k` for the bounds, then ranges from `s`  |
  | `ALL`, `FIRST`, `LAST`, seq    | ranges, in windows growing 16, 32, ... 4096    |

  Ranges are read in windows starting at the first index used (16 elements, doubling
  while iteration continues, at most 4096), so a range read costs O(log n + n) element
  reads and fetches at most about twice the elements it uses (at least 16).
  | `(keypath s)` on a sorted map  | `get k s`                                      |
  | `(nil->val v)`                 | none: it sees the nil of an absent key         |

  Why it works: Specter's `srange` calls `vec` then `subvec`; a list view is a vector
  (`vec` keeps it, `subvec` wraps it without reading), and the wrapper reads elements by
  index, which the view serves from one window of consecutive elements fetched by one
  range read. Anything that would modify a view (`conj`, `assoc`, ...) realizes it first
  and returns a plain vector or map, so transforms stay correct, just not lazy.

  Each engine read is atomic; a path doing several reads is not one snapshot (use a query
  for that). Views belong to one `select` call: they cache what they read."
  (:import (clojure.lang APersistentVector$SubVector Associative IFn ILookup IMeta IObj
                         IPersistentMap IPersistentVector IReduce IReduceInit Indexed
                         MapEntry Reversible Sequential)
           (coedit.engine ListPState MapPState SortedMapPState)
           (java.util List Map$Entry)))

(set! *warn-on-reflection* true)

(def ^:private ^:const first-window 16)
(def ^:private ^:const max-window 4096)
(def ^:private ^:const map-page 256)

(defn- note! [on-read event]
  (when on-read (on-read event)))

(definterface ListReader
  (^long size [])
  (elementAt [^long i]))

;; Caches the size and one window of consecutive elements. A miss right after the window
;; (sequential iteration) doubles the next window, so reading n elements costs
;; O(log n + n / 4096) range reads; any other miss starts again small.
(deftype CachingListReader [^ListPState ps key on-read value-fn
                            ^:unsynchronized-mutable ^long size-cache
                            ^:unsynchronized-mutable ^long win-start
                            ^:unsynchronized-mutable ^List win
                            ^:unsynchronized-mutable ^long next-window]
  ListReader
  (size [_]
    (when (neg? size-cache)
      (note! on-read [:size (.name ps) key])
      (set! size-cache (.size ps key)))
    size-cache)
  (elementAt [this i]
    (let [n (.size this)]
      (when (or (neg? i) (>= i n))
        (throw (IndexOutOfBoundsException.
                (str "index " i " outside [0, " n ") of " (.name ps) " " (pr-str key)))))
      (when-not (and win (>= i win-start) (< i (+ win-start (.size win))))
        (let [sequential? (and win (== i (+ win-start (.size win))))
              want (if sequential? (min max-window (* 2 next-window)) first-window)
              to (min n (+ i want))]
          (note! on-read [:range (.name ps) key i to])
          (set! win (mapv value-fn (.range ps key i to)))
          (set! win-start i)
          (set! next-window want)))
      (.get win (int (- i win-start))))))

(defn- list-reader ^ListReader [^ListPState ps key on-read value-fn]
  (CachingListReader. ps key on-read value-fn -1 0 nil first-window))

(declare realize-list)

(deftype ListView [^ListReader reader ^ListPState ps key on-read value-fn _meta]
  IPersistentVector
  (length [_] (int (.size reader)))
  (assocN [this i v] (assoc (realize-list this) i v))
  (cons [this o] (conj (realize-list this) o))
  (count [_] (int (.size reader)))
  (empty [_] [])
  (equiv [this o] (= (realize-list this) o))
  (seq [this]
    (let [n (.size reader)]
      (when (pos? n)
        (map #(.elementAt reader %) (range n)))))
  (containsKey [_ k] (and (integer? k) (< -1 (long k) (.size reader))))
  (entryAt [this k] (when (.containsKey this k) (MapEntry/create k (.nth this (int k)))))
  (assoc [this k v] (assoc (realize-list this) k v))
  (peek [_] (let [n (.size reader)] (when (pos? n) (.elementAt reader (dec n)))))
  (pop [this] (pop (realize-list this)))
  (rseq [this] (rseq (realize-list this)))
  (nth [_ i] (.elementAt reader i))
  (nth [_ i not-found]
    (if (< -1 i (.size reader)) (.elementAt reader i) not-found))

  ILookup
  (valAt [this k] (.valAt this k nil))
  (valAt [_ k not-found]
    ;; One element by key (keypath i): a single `get`, no window.
    (if (and (integer? k) (< -1 (long k) (.size reader)))
      (do (note! on-read [:get (.name ps) key k])
          (value-fn (.get ps key (long k))))
      not-found))

  IFn
  (invoke [this k] (.nth this (int k)))

  IReduceInit
  (reduce [_ f init]
    (let [n (.size reader)]
      (loop [i 0 acc init]
        (cond (reduced? acc) @acc
              (< i n) (recur (inc i) (f acc (.elementAt reader i)))
              :else acc))))

  IReduce
  (reduce [this f]
    (let [n (.size reader)]
      (if (zero? n)
        (f)
        (loop [i 1 acc (.elementAt reader 0)]
          (cond (reduced? acc) @acc
                (< i n) (recur (inc i) (f acc (.elementAt reader i)))
                :else acc)))))

  Sequential
  Iterable
  (iterator [this] (let [^Iterable s (or (.seq this) ())] (.iterator s)))

  IMeta
  (meta [_] _meta)
  IObj
  (withMeta [_ m] (ListView. reader ps key on-read value-fn m))

  Object
  (equals [this o] (.equals ^Object (realize-list this) o))
  (hashCode [this] (.hashCode ^Object (realize-list this)))
  (toString [_] (str "#list-view[" (.name ps) " " (pr-str key) "]")))

(defn- realize-list [^ListView v] (into [] v))

(defn- entry-pages
  "The entries of one sorted map, lazily, a page per range read; each page resumes at the
  last subkey seen (an inclusive bound, so that entry is dropped from the next page)."
  [^SortedMapPState ps key on-read value-fn]
  (letfn [(page [from]
            (lazy-seq
             (let [limit (if (some? from) (inc map-page) map-page)
                   _ (note! on-read [:range (.name ps) key from nil limit])
                   entries (cond->> (seq (.range ps key from nil (int limit)))
                             (some? from) (drop-while #(= from (.getKey ^Map$Entry %))))
                   last-key (some-> ^Map$Entry (last entries) (.getKey))]
               (when (seq entries)
                 (concat (map #(MapEntry/create (value-fn (.getKey ^Map$Entry %))
                                                (value-fn (.getValue ^Map$Entry %)))
                              entries)
                         (when (>= (count entries) map-page)
                           (page last-key)))))))]
    (page nil)))

;; `entries` is a delay of the lazy paged seq, shared by every traversal of the view.
(deftype SortedMapView [^SortedMapPState ps key on-read value-fn entries _meta]
  IPersistentMap
  (assoc [this k v] (assoc (into (sorted-map) this) k v))
  (assocEx [this k v] (.assocEx ^IPersistentMap (into (sorted-map) this) k v))
  (without [this k] (dissoc (into (sorted-map) this) k))
  (count [_]
    (note! on-read [:size (.name ps) key])
    (int (.size ps key)))
  (cons [this o] (conj (into (sorted-map) this) o))
  (empty [_] (sorted-map))
  (equiv [this o] (= (into (sorted-map) this) o))
  (seq [_] (seq @entries))
  (containsKey [this k] (some? (.valAt this k)))
  (entryAt [this k] (when-some [v (.valAt this k)] (MapEntry/create k v)))
  (iterator [this] (let [^Iterable s (or (.seq this) ())] (.iterator s)))

  ILookup
  (valAt [this k] (.valAt this k nil))
  (valAt [_ k not-found]
    (note! on-read [:get (.name ps) key k])
    (let [v (.get ps key k)] (if (some? v) (value-fn v) not-found)))

  IFn
  (invoke [this k] (.valAt this k))

  IMeta
  (meta [_] _meta)
  IObj
  (withMeta [_ m] (SortedMapView. ps key on-read value-fn entries m))

  Object
  (equals [this o] (.equals ^Object (into (sorted-map) this) o))
  (hashCode [this] (.hashCode ^Object (into (sorted-map) this)))
  (toString [_] (str "#sorted-map-view[" (.name ps) " " (pr-str key) "]")))

(defn pstate-name
  "The name of a Java PState client (map, list or sorted map)."
  ^String [client]
  (condp instance? client
    MapPState (.name ^MapPState client)
    ListPState (.name ^ListPState client)
    SortedMapPState (.name ^SortedMapPState client)
    (str client)))

(defn- cannot-enumerate [pstate-name]
  (ex-info (str "PState " pstate-name " cannot be enumerated or counted as a whole: start the "
                "path with a key, e.g. [(keypath \"doc-1\") ...]")
           {:pstate pstate-name}))

;; The root of a select: a key lookup, nothing else (PStates are not scanned).
(deftype RootView [kind client on-read value-fn key-fn]
  ILookup
  (valAt [this k] (.valAt this k nil))
  (valAt [_ k0 not-found]
    (let [k (key-fn k0)]
     (case kind
      :map (let [^MapPState ps client]
             (note! on-read [:get (.name ps) k])
             (let [v (.get ps k)] (if (some? v) (value-fn v) not-found)))
      :list (let [^ListPState ps client]
              (ListView. (list-reader ps k on-read value-fn) ps k on-read value-fn nil))
      :sorted-map (SortedMapView. client k on-read value-fn
                                  (delay (entry-pages client k on-read value-fn)) nil))))

  clojure.lang.Seqable
  (seq [_] (throw (cannot-enumerate (pstate-name client))))
  clojure.lang.Counted
  (count [_] (throw (cannot-enumerate (pstate-name client))))

  Object
  (toString [_] (str "#pstate[" (pstate-name client) "]")))

(defn root-view
  "The root a Specter path navigates for a PState client of `kind` (:map, :list or
  :sorted-map). Options: `:on-read`, a fn given each engine read as a vector such as
  `[:range \"$$history\" \"doc-1\" 0 16]`; `:value-fn`, applied to every value read
  (and sorted-map subkey listed) before Specter sees it (default: identity); `:key-fn`,
  applied to the key a path looks up at the root (default: identity; coedit.rama turns
  numeric document ids into the editor's string ids with it)."
  [kind client {:keys [on-read value-fn key-fn]}]
  (RootView. kind client on-read (or value-fn identity) (or key-fn identity)))

(defn realize
  "A select result as plain data: a list view (or a range of one) becomes a vector, a
  sorted-map view a sorted map; other values are returned as they are."
  [x]
  (cond
    (instance? ListView x) (into [] x)
    (and (instance? APersistentVector$SubVector x)
         (instance? ListView (.-v ^APersistentVector$SubVector x))) (into [] x)
    (instance? SortedMapView x) (into (sorted-map) x)
    :else x))

(defmethod print-method ListView [v ^java.io.Writer w] (.write w (str v)))
(defmethod print-method SortedMapView [v ^java.io.Writer w] (.write w (str v)))
(defmethod print-method RootView [v ^java.io.Writer w] (.write w (str v)))
