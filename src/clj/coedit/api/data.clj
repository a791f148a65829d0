(ns coedit.api.data
  "The Java records of coedit.ot and coedit.editor as plain Clojure data, and back.

    {:type :insert :offset 5 :text \"x\"}   <->  Insert(5, \"x\")
    {:type :delete :offset 5 :length 2}     <->  Delete(5, 2)
    [edit ...]                              <->  Change (edits applied in order)
    {:doc-id :client-id :seq :version :change}              ->  EditSubmission
    DocSnapshot    ->  {:doc-id :text :version}
    HistoryEntry   ->  {:version :client-id :seq :time-millis :change}
    SubmitResult   ->  {:status :accepted :version :change :duplicate? bool}
                       or {:status :rejected :code :invalid-change :error \"...\"}

  Any other Java record (a PState value such as a todo item) becomes a map of its
  components under kebab-case keys, by `->data`, which `select` applies to what it reads.

  Offsets and lengths count Unicode code points. Data that is not an edit (wrong :type,
  missing key, a non-integer offset) is an ex-info naming it; edits that are well formed
  but do not fit the document are the engine's to reject, as for any client.
  `clojure.datafy/datafy` turns each of these records into its map as well."
  (:require [clojure.core.protocols :as cp]
            [coedit.api.protocols :as p])
  (:import (coedit.editor.data SubmitResult SubmitResult$Accepted SubmitResult$Rejected
                               DocSnapshot HistoryEntry EditSubmission)
           (coedit.ot Change Delete Edit Insert)
           (java.lang.reflect RecordComponent)
           (java.util List Map)))

(set! *warn-on-reflection* true)

(defn- bad [msg data]
  (throw (ex-info msg (assoc data :coedit/error :invalid-data))))

(defn- long-field ^long [m k what]
  (let [v (get m k)]
    (cond
      (not (contains? m k)) (bad (str what " " (pr-str m) " has no " k) {:value m})
      (not (int? v)) (bad (str what " " (pr-str m) ": " k " must be an integer, got " (pr-str v))
                          {:value m})
      :else v)))

(defn- int-field ^long [m k what]
  (let [v (long-field m k what)]
    (when-not (<= Integer/MIN_VALUE v Integer/MAX_VALUE)
      (bad (str what " " (pr-str m) ": " k " " v " does not fit in an int") {:value m}))
    v))

(defn ->edit
  "An edit map as a coedit.ot.Edit (an Edit is returned as is)."
  ^Edit [e]
  (cond
    (instance? Edit e) e
    (not (map? e)) (bad (str "an edit must be a map such as {:type :insert :offset 0 :text \"x\"}, got "
                             (pr-str e))
                        {:value e})
    :else
    (case (:type e)
      :insert (let [text (:text e)]
                (when-not (string? text)
                  (bad (str "insert " (pr-str e) ": :text must be a string, got " (pr-str text))
                       {:value e}))
                (Insert. (int (int-field e :offset "insert")) ^String text))
      :delete (Delete. (int (int-field e :offset "delete")) (int (int-field e :length "delete")))
      (bad (str "edit " (pr-str e) " has :type " (pr-str (:type e))
                ", expected :insert or :delete")
           {:value e}))))

(defn edit->data
  "A coedit.ot.Edit as a map."
  [^Edit e]
  (if (instance? Insert e)
    {:type :insert :offset (.offset ^Insert e) :text (.text ^Insert e)}
    {:type :delete :offset (.offset ^Delete e) :length (.length ^Delete e)}))

(defn ->change
  "A coedit.ot.Change from a Change, one edit map, a sequence of edits, or nil."
  ^Change [x]
  (p/-change x))

(defn change->data
  "A coedit.ot.Change as a vector of edit maps."
  [^Change c]
  (mapv edit->data (.edits c)))

(extend-protocol p/AsChange
  Change
  (-change [c] c)
  nil
  (-change [_] Change/EMPTY)
  clojure.lang.IPersistentMap
  (-change [m] (Change/of (into-array Edit [(->edit m)])))
  clojure.lang.Sequential
  (-change [edits] (Change. ^List (mapv ->edit edits)))
  Edit
  (-change [e] (Change/of (into-array Edit [e]))))

(defn ->submission
  "A submission map `{:doc-id :client-id :seq :version :change}` as an EditSubmission.
  `:change` is anything `->change` takes."
  ^EditSubmission [{:keys [doc-id client-id change] :as m}]
  (when-not (and (string? doc-id) (string? client-id))
    (bad (str "a submission needs string :doc-id and :client-id, got " (pr-str (select-keys m [:doc-id :client-id])))
         {:value m}))
  (EditSubmission. doc-id client-id (long-field m :seq "submission") (long-field m :version "submission")
                   (->change change)))

(defn snapshot->data [^DocSnapshot s]
  {:doc-id (.docId s) :text (.text s) :version (.version s)})

(defn entry->data [^HistoryEntry e]
  {:version (.version e) :client-id (.clientId e) :seq (.seq e)
   :time-millis (.timeMillis e) :change (change->data (.change e))})

(defn submission->data [^EditSubmission s]
  {:doc-id (.docId s) :client-id (.clientId s) :seq (.seq s) :version (.version s)
   :change (change->data (.change s))})

(defn result->data [^SubmitResult r]
  (if (instance? SubmitResult$Accepted r)
    (let [^SubmitResult$Accepted a r]
      {:status :accepted :version (.version a) :change (change->data (.change a))
       :duplicate? (.duplicate a)})
    (let [^SubmitResult$Rejected rejected r]
      {:status :rejected
       :code (keyword (.replace (.wireName (.code rejected)) "_" "-"))
       :error (.message rejected)})))

(extend-protocol cp/Datafiable
  Insert (datafy [e] (edit->data e))
  Delete (datafy [e] (edit->data e))
  Change (datafy [c] (change->data c))
  DocSnapshot (datafy [s] (snapshot->data s))
  HistoryEntry (datafy [e] (entry->data e))
  EditSubmission (datafy [s] (submission->data s))
  SubmitResult$Accepted (datafy [r] (result->data r))
  SubmitResult$Rejected (datafy [r] (result->data r)))

(def ^:private kebab
  (memoize (fn [^String s] (keyword (.toLowerCase (.replaceAll s "([a-z0-9])([A-Z])" "$1-$2"))))))

(def ^:private components
  (memoize (fn [^Class c] (vec (.getRecordComponents c)))))

(declare ->data)

(defn- record->data [^java.lang.Record r]
  (into {} (map (fn [^RecordComponent rc]
                  [(kebab (.getName rc)) (->data (.invoke (.getAccessor rc) r (object-array 0)))]))
        (components (class r))))

(defn ->data
  "A value read from the engine as Clojure data: the records above as described, other
  records as maps of their components, Java lists as vectors, Java maps as maps,
  recursively; anything else as it is."
  [x]
  (cond
    (nil? x) nil
    (instance? java.lang.Record x) (cp/datafy x)
    (and (instance? List x) (not (vector? x))) (mapv ->data x)
    (and (instance? Map x) (not (map? x))) (into {} (map (fn [[k v]] [(->data k) (->data v)])) x)
    :else x))

(extend-protocol cp/Datafiable
  java.lang.Record (datafy [r] (record->data r)))
