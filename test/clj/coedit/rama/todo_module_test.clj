(ns coedit.rama.todo-module-test
  "One story, told to the Java TodoModule and to its Clojure twin defined with
  coedit.rama's defmodule: both must answer every event the same way."
  (:require [clojure.test :refer [deftest is testing]]
            [coedit.api.data :as data]
            [coedit.rama :refer [create-ipc foreign-append! foreign-depot foreign-invoke-query
                                 foreign-pstate foreign-query foreign-select-one launch-module!]]
            [coedit.rama.todo-module :as twin]
            [com.rpl.specter :refer [keypath]])
  (:import (coedit.todo TodoModule)
           (coedit.todo.data CompleteTodo NewTodo ReorderTodo)))

(def ^:private java-module
  {:module (TodoModule.)
   :name TodoModule/NAME :depot TodoModule/TODO_DEPOT :todos TodoModule/TODOS
   :count TodoModule/COMPLETED_COUNT :topology TodoModule/TOPOLOGY
   :new (fn [user text] (NewTodo. user text))
   :complete (fn [user i t] (CompleteTodo. user (int i) t))
   :reorder (fn [user from to] (ReorderTodo. user (int from) (int to)))
   ;; TodoAck.Done / TodoAck.Failed as data: {:index i} / {:error "..."}
   :ack (fn [{:keys [index error]}] (if error [:failed error] [:done index]))})

(def ^:private clojure-twin
  {:module twin/TodoModule
   :name "TodoModule" :depot "*todo-depot" :todos "$$todos" :count "$$completed-count"
   :topology "todos"
   :new (fn [user text] {:type :new :user-id user :text text})
   :complete (fn [user i t] {:type :complete :user-id user :index i :time-millis t})
   :reorder (fn [user from to] {:type :reorder :user-id user :from-index from :to-index to})
   :ack (fn [{:keys [done failed]}] (if failed [:failed failed] [:done done]))})

(defn- alice-adds-completes-and-reorders-her-todos [{:keys [module name depot todos count topology ack] :as m}]
  (with-open [ipc (create-ipc)]
    (launch-module! ipc module {:tasks 4})
    (let [d (foreign-depot ipc name depot)
          todos (foreign-pstate ipc name todos)
          completed (foreign-pstate ipc name count)
          event! (fn [kind & args] (ack (data/->data (get (foreign-append! d (apply (m kind) args)) topology))))
          items (fn [user] (mapv #(select-keys % [:todo :completed-at])
                                 (foreign-select-one [(keypath user)] todos)))]
      (is (= [:done 0] (event! :new "alice" "buy milk")))
      (is (= [:done 1] (event! :new "alice" "write tests")))
      (is (= [:done 2] (event! :new "alice" "ship it")))
      (is (= [:done 0] (event! :new "bob" "read the article")))
      ;; Alice finishes her tests at t=1000, then moves "ship it" to the top.
      (is (= [:done 1] (event! :complete "alice" 1 1000)))
      (is (= [:done 0] (event! :reorder "alice" 2 0)))
      (is (= [{:todo "ship it" :completed-at nil} {:todo "buy milk" :completed-at nil}
              {:todo "write tests" :completed-at 1000}]
             (items "alice")))
      (is (= 1 (foreign-select-one (keypath "alice") completed)))
      (testing "out-of-range indexes and completed todos fail, saying why, and change nothing"
        (is (= [:failed "index 3 is out of range: alice has 3 todos (indexes 0 to 2)"]
               (event! :complete "alice" 3 2000)))
        (is (= [:failed "toIndex 7 is out of range: alice has 3 todos (indexes 0 to 2)"]
               (event! :reorder "alice" 0 7)))
        (is (= [:failed "fromIndex 0 is out of range: carol has 0 todos"]
               (event! :reorder "carol" 0 0)))
        (is (= [:failed "todo 2 of alice is already completed"] (event! :complete "alice" 2 3000)))
        (is (= [:failed "a new todo needs a non-empty text"] (event! :new "alice" "")))
        (is (= 3 (clojure.core/count (items "alice"))))
        (is (nil? (foreign-select-one (keypath "bob") completed)))))))

(deftest the-java-todo-module-tells-the-story
  (alice-adds-completes-and-reorders-her-todos java-module))

(deftest its-clojure-twin-tells-the-same-story
  (alice-adds-completes-and-reorders-her-todos clojure-twin))

(deftest the-twins-query-reads-a-users-list-and-count-together
  (with-open [ipc (create-ipc)]
    (launch-module! ipc twin/TodoModule {:tasks 2})
    (let [d (foreign-depot ipc "TodoModule" "*todo-depot")]
      (foreign-append! d {:type :new :user-id "ann" :text "a"})
      (foreign-append! d {:type :complete :user-id "ann" :index 0 :time-millis 5})
      (is (= {:todos [{:todo "a" :completed-at 5}] :completed 1}
             (foreign-invoke-query (foreign-query ipc "TodoModule" "todos-of") "ann"))))))
