(ns coedit.todo-model-test
  "coedit.todo.TodoModule against a pure Clojure model of the todo lists and counts.

  A history is a vector of events, `{:f :new :user u :text t}`, `{:f :complete :user u
  :index i :time ms}`, `{:f :reorder :user u :from i :to j}`, with indexes that are often
  out of range and texts that are sometimes empty. `step` is the model: a pure function
  of the state and one event, returning the next state and the expected ack
  (`{:index i}` done, `{:error ...}` failed, state unchanged). Each event is appended with
  ACK; every ack must match the model's, and at the end every user's `$$todos` and
  `$$completedCount`, read through `coedit.api/select`, must equal the model's."
  (:require [clojure.test :refer [deftest is use-fixtures]]
            [clojure.test.check :as tc]
            [clojure.test.check.generators :as gen]
            [clojure.test.check.properties :as prop]
            [com.rpl.specter :as sp]
            [coedit.api :as api]
            [coedit.test-support :as support])
  (:import (coedit.todo TodoModule)
           (coedit.todo.data CompleteTodo NewTodo ReorderTodo)))

;; ---------------------------------------------------------------- the model

(defn step
  "The model: [state' expected-ack] for one event. State: user -> vector of
  `{:todo text :completed-at ms-or-nil}`."
  [state {:keys [f user text index time from to]}]
  (let [todos (get state user [])
        n (count todos)
        in-range? #(and (int? %) (< -1 % n))
        fail [state {:error true}]]
    (case f
      :new (if (empty? text)
             fail
             [(assoc state user (conj todos {:todo text :completed-at nil})) {:index n}])
      :complete (if (or (not (in-range? index)) (:completed-at (todos index)))
                  fail
                  [(assoc-in state [user index :completed-at] time) {:index index}])
      :reorder (if (and (in-range? from) (in-range? to))
                 (let [moved (todos from)
                       without (into (subvec todos 0 from) (subvec todos (inc from)))]
                   [(assoc state user (into (conj (subvec without 0 to) moved) (subvec without to)))
                    {:index to}])
                 fail))))

(defn completed-count [todos] (count (filter :completed-at todos)))

;; ---------------------------------------------------------------- generators

(def users ["alice" "bob" "carol"])

(def event
  (let [user (gen/elements users)
        index (gen/choose -1 6)]
    (gen/frequency
     [[4 (gen/hash-map :f (gen/return :new) :user user
                       :text (gen/frequency [[9 (gen/not-empty gen/string-alphanumeric)]
                                             [1 (gen/elements ["" "😀 todo" "buy milk"])]]))]
      [3 (gen/hash-map :f (gen/return :complete) :user user :index index
                       :time (gen/large-integer* {:min 1 :max 2000000000000}))]
      [2 (gen/hash-map :f (gen/return :reorder) :user user :from index :to index)]])))

;; ---------------------------------------------------------------- the engine side

(def ^:dynamic *todo* nil)

(use-fixtures :once
  (fn [f]
    (with-open [c (api/start-cluster {:modules [(TodoModule.)] :fsync :never})]
      (binding [*todo* (api/module c TodoModule/NAME)]
        (f)))))

(defn- ->record [prefix {:keys [f user text index time from to]}]
  (let [u (str prefix user)]
    (case f
      :new (NewTodo. u text)
      :complete (CompleteTodo. u (int index) (long time))
      :reorder (ReorderTodo. u (int from) (int to)))))

(defn run-history
  "Appends `events` for users named with `prefix`; returns the anomalies (empty: valid)."
  [prefix events]
  (let [depot (api/depot *todo* TodoModule/TODO_DEPOT)
        todos (api/pstate *todo* TodoModule/TODOS)
        counts (api/pstate *todo* TodoModule/COMPLETED_COUNT)
        [model anomalies]
        (reduce (fn [[model anomalies] ev]
                  (let [[model' expected] (step model ev)
                        ack (-> (api/append! depot (->record prefix ev)) :acks (get TodoModule/TOPOLOGY))
                        ack (coedit.api.data/->data ack)]
                    [model'
                     (cond-> anomalies
                       (not (if (:error expected) (string? (:error ack)) (= expected ack)))
                       (conj {:type :ack :event ev :expected expected :got ack}))]))
                [{} []]
                events)]
    (into anomalies
          (for [user users
                :let [expected (get model user [])
                      actual (api/select-one [(sp/keypath (str prefix user)) (sp/srange-dynamic (constantly 0) count)] todos)
                      n (api/select-one [(sp/keypath (str prefix user)) (sp/nil->val 0)] counts)]
                anomaly [(when (not= expected actual)
                           {:type :todos :user user :expected expected :got actual})
                         (when (not= (completed-count expected) n)
                           {:type :completed-count :user user :expected (completed-count expected) :got n})]
                :when anomaly]
            anomaly))))

(deftest the-model-itself
  (is (= [{"a" [{:todo "x" :completed-at nil} {:todo "y" :completed-at nil}]} {:index 1}]
         (step {"a" [{:todo "x" :completed-at nil}]} {:f :new :user "a" :text "y"})))
  (is (= [{"a" [:b :c :a]} {:index 2}] (step {"a" [:a :b :c]} {:f :reorder :user "a" :from 0 :to 2})))
  (is (= [{"a" [:c :a :b]} {:index 0}] (step {"a" [:a :b :c]} {:f :reorder :user "a" :from 2 :to 0})))
  (is (= {:error true} (second (step {} {:f :complete :user "a" :index 0 :time 1})))))

(deftest todo-module-matches-the-model
  (let [totals (atom {:histories 0 :events 0})
        result (tc/quick-check
                (support/trials 100)
                (prop/for-all [events (gen/vector event 0 40)]
                  (swap! totals #(-> % (update :histories inc) (update :events + (count events))))
                  (empty? (run-history (str (random-uuid) "-") events))))]
    (println (format "todo model: %,d histories, %,d events, %d failures"
                     (:histories @totals) (:events @totals) (if (:pass? result) 0 1)))
    (is (:pass? result)
        (let [events (first (get-in result [:shrunk :smallest]))]
          (str "shrunk history: " (pr-str events) "\nanomalies: " (pr-str (run-history "shrunk-" events)))))))
