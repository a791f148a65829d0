(ns coedit.api-test
  "coedit.api against the in-process engine with the editor module: appends at each ack
  level, queries, selects that read little, watches, edits as data, and clear errors."
  (:require [clojure.test :refer [deftest is testing use-fixtures]]
            [clojure.test.check.clojure-test :refer [defspec]]
            [clojure.test.check.generators :as gen]
            [clojure.test.check.properties :as prop]
            [com.rpl.specter :as sp]
            [coedit.api :as api]
            [coedit.test-support :as support])
  (:import (coedit.editor.data EditSubmission)
           (coedit.ot Change InvalidChangeException)))

(def ^:dynamic *editor* nil)

(use-fixtures :once
  (fn [f]
    (with-open [c (api/start-cluster {:modules [(api/editor-module)] :fsync :never})]
      (binding [*editor* (api/module c "editor")]
        (f)))))

(defn- fresh-doc [] (str "doc-" (random-uuid)))

(defn- type! [doc-id client seq version edits]
  (api/submit! *editor* {:doc-id doc-id :client-id client :seq seq :version version :change edits}))

;; ---------------------------------------------------------------- edits as data

(def edit-gen
  (gen/one-of [(gen/hash-map :type (gen/return :insert) :offset gen/nat
                             :text (gen/not-empty gen/string))
               (gen/hash-map :type (gen/return :delete) :offset gen/nat :length gen/nat)]))

(defspec edits-round-trip-through-the-java-records (support/trials 200)
  (prop/for-all [edits (gen/vector edit-gen 0 5)]
    (= edits (api/change->data (api/->change edits)))))

(deftest edits-as-data
  (is (instance? Change (api/->change nil)))
  (is (= [{:type :insert :offset 0 :text "x"}] (api/change->data (api/->change {:type :insert :offset 0 :text "x"}))))
  (is (= "he😀llo" (api/apply-change "hello" [{:type :insert :offset 2 :text "😀"}])))
  (is (= "h😀o" (api/apply-change "he😀llo" [{:type :delete :offset 1 :length 1} {:type :delete :offset 2 :length 2}])))
  (testing "bad data names what is wrong"
    (is (thrown-with-msg? clojure.lang.ExceptionInfo #":type :move, expected :insert or :delete"
                          (api/->change [{:type :move :offset 1}])))
    (is (thrown-with-msg? clojure.lang.ExceptionInfo #"has no :length"
                          (api/->change {:type :delete :offset 1})))
    (is (thrown-with-msg? clojure.lang.ExceptionInfo #":offset must be an integer, got \"1\""
                          (api/->change {:type :insert :offset "1" :text "x"})))
    (is (thrown-with-msg? clojure.lang.ExceptionInfo #"must be a map"
                          (api/->change ["insert"])))
    (is (thrown? InvalidChangeException (api/apply-change "ab" [{:type :delete :offset 1 :length 5}])))))

;; ---------------------------------------------------------------- appends and queries

(deftest append-at-each-ack-level
  (let [depot (api/depot *editor* "*editDepot")
        doc-id (fresh-doc)
        sub (fn [seq version text]
              (EditSubmission. doc-id "alice" seq version (api/->change {:type :insert :offset 0 :text text})))
        acked (api/append! depot (sub 1 0 "a"))]
    (is (= #{"applyEdits"} (set (keys (:acks acked)))))
    (is (= {:status :accepted :version 1 :change [{:type :insert :offset 0 :text "a"}] :duplicate? false}
           (coedit.api.data/result->data (get-in acked [:acks "applyEdits"]))))
    (let [r (api/append! depot (sub 2 1 "b") {:ack :append-ack})]
      (is (= {} (:acks r)))
      (is (<= 0 (:offset r))))
    (is (= -1 (:offset (api/append! depot (sub 3 2 "c") {:ack :none}))))
    (is (= 4 (-> @(api/append-async! depot (sub 4 3 "d")) :acks (get "applyEdits") .version)))
    (is (= {:doc-id doc-id :text "dcba" :version 4} (api/doc *editor* doc-id)))
    (is (thrown-with-msg? clojure.lang.ExceptionInfo #":ack must be :ack, :append-ack or :none"
                          (api/append! depot (sub 5 4 "e") {:ack :sometime})))))

(deftest the-article-story
  ;; Alice and Bob edit "Hello" concurrently against version 1; Bob's edit is stale and
  ;; transformed. A resubmission is answered with the original version and applies nothing.
  (let [d (fresh-doc)]
    (is (= 1 (:version (type! d "alice" 1 0 [{:type :insert :offset 0 :text "Hello"}]))))
    (is (= {:status :accepted :version 2 :change [{:type :insert :offset 5 :text " world"}] :duplicate? false}
           (type! d "alice" 2 1 [{:type :insert :offset 5 :text " world"}])))
    (is (= {:status :accepted :version 3 :change [{:type :delete :offset 0 :length 1}
                                                  {:type :insert :offset 0 :text "J"}] :duplicate? false}
           (type! d "bob" 1 1 [{:type :delete :offset 0 :length 1} {:type :insert :offset 0 :text "J"}])))
    (is (:duplicate? (type! d "bob" 1 1 [{:type :delete :offset 0 :length 1} {:type :insert :offset 0 :text "J"}])))
    (is (= {:doc-id d :text "Jello world" :version 3} (api/doc *editor* d)))
    (is (= ["alice" "bob"] (map :client-id (api/history *editor* d {:from 1}))))
    (is (= [2] (map :version (api/history *editor* d {:from 1 :to 2}))))
    (is (= [] (api/history *editor* d {:from 7})))
    (testing "rejections say why"
      (is (re-find #"ahead of document" (:error (type! d "carol" 1 9 [{:type :insert :offset 0 :text "x"}]))))
      (is (re-find #"past the end" (:error (type! d "carol" 2 3 [{:type :insert :offset 99 :text "x"}])))))))

;; ---------------------------------------------------------------- PStates

(deftest selects-read-little-from-the-engine
  (let [d (fresh-doc)
        history (api/pstate *editor* "$$history")
        log (atom [])
        on-read #(swap! log conj (first %))]
    (dotimes [i 100] (type! d "alice" (inc i) i [{:type :insert :offset i :text "x"}]))
    (is (= 100 (api/select-one [(sp/keypath d) (sp/view count)] history {:on-read on-read})))
    (is (= [:size] @log))
    (reset! log [])
    (is (= [51 52 53] (api/select [(sp/keypath d) (sp/srange 50 53) sp/ALL :version] history {:on-read on-read})))
    (is (= [:size :range] @log))
    (is (= 100 (:version (api/select-one [(sp/keypath d) sp/LAST] history))))
    (is (= :none (api/select-one [(sp/keypath "no-such-doc") (sp/keypath 3) (sp/nil->val :none)] history)))
    (is (instance? coedit.editor.data.HistoryEntry
                   (api/select-one [(sp/keypath d) (sp/keypath 0)] history {:raw? true})))
    (testing "unknown names list what exists"
      (is (thrown-with-msg? clojure.lang.ExceptionInfo #"no PState \$\$nope"
                            (api/pstate *editor* "$$nope"))))
    (testing "select-one refuses several values"
      (is (thrown-with-msg? clojure.lang.ExceptionInfo #"navigated to 2 values"
                            (api/select-one [(sp/keypath d) (sp/srange 0 2) sp/ALL] history))))))

(deftest watches-see-every-change-in-order
  (let [d (fresh-doc)
        history (api/pstate *editor* "$$history")
        diffs (atom [])
        entries (atom [])]
    (type! d "alice" 1 0 [{:type :insert :offset 0 :text "a"}])
    (with-open [w (api/watch! history d (fn [_ diff _] (swap! diffs conj diff)))
                _ (api/watch-doc! *editor* d #(swap! entries conj %) {:from 0})]
      (is (= 1 @w))
      (let [acks (doall (for [i (range 1 40)]
                          (api/submit-async! *editor* {:doc-id d :client-id "bob" :seq i :version i
                                                       :change [{:type :insert :offset 0 :text "b"}]})))]
        (run! deref acks))
      ;; Proxies and watches deliver asynchronously: wait (up to 10 s on a loaded machine)
      ;; until both have seen everything before asserting on order.
      (loop [n 0]
        (when (and (or (< (count @entries) 40) (< (count @diffs) 39) (not= 40 @w)) (< n 1000))
          (Thread/sleep 10)
          (recur (inc n))))
      (is (= (range 1 41) (map :version @entries)) "replayed, then live, each entry once")
      (is (= 40 @w))
      (is (every? #{:appended} (map :type @diffs)))
      (is (= (range 1 40) (map :index @diffs))))))
