(ns coedit.rama.todo-module
  "The todo list of \"Rama in five minutes\", defined in Clojure with coedit.rama's
  `defmodule`: the twin of coedit.todo.TodoModule (the same story runs against both, in
  coedit.rama.todo-module-test). Events and items are plain maps:

    {:type :new :user-id \"alice\" :text \"buy milk\"}
    {:type :complete :user-id \"alice\" :index 1 :time-millis 1000}
    {:type :reorder :user-id \"alice\" :from-index 2 :to-index 0}

  Guarantees:
  - Each event is applied exactly once, also across crashes (the engine commits a record's
    writes with its processed mark).
  - A user's events apply one at a time in append order: they share the partition of the
    user id, whose task runs them serially, so no two events race on one list.
  - `$$completed-count` always equals the number of completed todos in `$$todos`: both are
    written by the same event, atomically.
  - An event with an out-of-range index (or a missing text, or an already completed todo)
    is acked `{:failed \"why\"}` and changes nothing; others are acked `{:done index}`."
  (:require [coedit.rama :refer [declare-depot declare-pstate defmodule hash-by local-append!
                                 local-get local-nth local-put! local-range local-set!
                                 local-size query-topology stream-topology vector-schema]]))

(set! *warn-on-reflection* true)

(def max-text
  "Longest todo text, in chars."
  10000)

(defn- out-of-range [what index size user-id]
  (when-not (and (int? index) (<= 0 index) (< index size))
    (str what " " index " is out of range: " user-id " has " size " todo" (if (= 1 size) "" "s")
         (if (zero? size) "" (str " (indexes 0 to " (dec size) ")")))))

(defn- add [ctx {:keys [user-id text]}]
  (cond
    (not (and (string? text) (seq text))) {:failed "a new todo needs a non-empty text"}
    (> (count text) max-text) {:failed (str "todo text has " (count text) " chars; at most "
                                            max-text " are allowed")}
    ;; Appending to a subindexed list is O(1) and never rewrites the user's other todos.
    :else {:done (local-append! ctx "$$todos" user-id {:todo text :completed-at nil})}))

(defn- complete [ctx {:keys [user-id index time-millis]}]
  (let [size (local-size ctx "$$todos" user-id)]
    (if-let [bad (out-of-range "index" index size user-id)]
      {:failed bad}
      (let [item (local-nth ctx "$$todos" user-id index)]
        (if (:completed-at item)
          {:failed (str "todo " index " of " user-id " is already completed")}
          (do
            ;; Both writes commit together, so the count never disagrees with the list.
            (local-set! ctx "$$todos" user-id index (assoc item :completed-at time-millis))
            (local-put! ctx "$$completed-count" user-id
                        (inc (or (local-get ctx "$$completed-count" user-id) 0)))
            {:done index}))))))

(defn- reorder [ctx {:keys [user-id from-index to-index]}]
  (let [size (local-size ctx "$$todos" user-id)]
    (if-let [bad (or (out-of-range "fromIndex" from-index size user-id)
                     (out-of-range "toIndex" to-index size user-id))]
      {:failed bad}
      ;; Shift the todos between the two positions by one, then place the moved one: only
      ;; the |from - to| + 1 affected elements are rewritten.
      (let [moved (local-nth ctx "$$todos" user-id from-index)
            step (if (> to-index from-index) 1 -1)]
        (loop [i from-index]
          (when (not= i to-index)
            (local-set! ctx "$$todos" user-id i (local-nth ctx "$$todos" user-id (+ i step)))
            (recur (+ i step))))
        (local-set! ctx "$$todos" user-id to-index moved)
        {:done to-index}))))

(defn process-event
  "The stream topology's body: one event of one user, checked before the first write."
  [ctx {:keys [type user-id] :as event}]
  (cond
    (not (and (string? user-id) (seq user-id))) {:failed "userId is empty"}
    (= type :new) (add ctx event)
    (= type :complete) (complete ctx event)
    (= type :reorder) (reorder ctx event)
    :else {:failed (str "unknown event type " (pr-str type))}))

(defmodule TodoModule [setup topologies]
  ;; All of a user's events and PState keys live on the partition of the user id.
  (declare-depot setup "*todo-depot" (hash-by :user-id))
  (declare-pstate setup "$$todos" {String (vector-schema Object {:subindex? true})})
  (declare-pstate setup "$$completed-count" {String Long})
  (stream-topology topologies "todos" "*todo-depot" process-event)
  ;; Runs on the user's task between events: the list and the count are read at one point.
  (query-topology topologies "todos-of" identity
                  (fn [ctx user-id]
                    {:todos (local-range ctx "$$todos" user-id 0 Long/MAX_VALUE)
                     :completed (or (local-get ctx "$$completed-count" user-id) 0)})))
