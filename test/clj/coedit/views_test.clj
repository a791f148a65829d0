(ns coedit.views-test
  "Law of coedit.api.views: a Specter path selects through a lazy PState view exactly what
  it selects from the same data held in memory, while reading only what it needs.
  PStates here are in-memory fakes of the engine's client interfaces that log reads."
  (:require [clojure.test :refer [deftest is testing]]
            [clojure.test.check.clojure-test :refer [defspec]]
            [clojure.test.check.generators :as gen]
            [clojure.test.check.properties :as prop]
            [com.rpl.specter :as sp]
            [coedit.api :as api]
            [coedit.test-support :as support])
  (:import (coedit.engine ListPState MapPState SortedMapPState)
           (java.util AbstractMap$SimpleImmutableEntry)))

(defn fake-list
  "A ListPState over `data` (key -> vector)."
  [data]
  (reify ListPState
    (name [_] "$$list")
    (size [_ k] (count (get data k [])))
    (get [_ k i] (nth (get data k) i))
    (range [_ k from to] (let [v (get data k [])] (subvec v (int from) (int (min (count v) to)))))))

(defn fake-map [data]
  (reify MapPState
    (name [_] "$$map")
    (get [_ k] (get data k))))

(defn fake-sorted-map
  "A SortedMapPState over `data` (key -> sorted map)."
  [data]
  (reify SortedMapPState
    (name [_] "$$sorted")
    (size [_ k] (count (get data k {})))
    (get [_ k s] (get-in data [k s]))
    (range [_ k from to limit]
      (->> (get data k (sorted-map))
           (filter (fn [[s]] (and (or (nil? from) (>= (compare s from) 0))
                                  (or (nil? to) (neg? (compare s to))))))
           (take limit)
           (mapv (fn [[s v]] (AbstractMap$SimpleImmutableEntry. s v)))))))

;; Paths over one list: navigators the views make cheap, and some they merely survive.
(defn- path-gen [n]
  (let [idx (gen/choose 0 (max 0 n))]
    (gen/let [[s e] (gen/fmap sort (gen/tuple idx idx))
              i (gen/choose 0 (max 0 (dec n)))
              tail (gen/elements [[] [(sp/view count)] [sp/ALL] [sp/ALL even?] [sp/FIRST] [sp/LAST]
                                  [(sp/view count) (sp/nil->val 0)]])
              head (gen/elements [:whole :srange :keypath])]
      (case head
        :whole (into [(sp/keypath "k")] tail)
        :srange (into [(sp/keypath "k") (sp/srange s e)] tail)
        :keypath (if (pos? n) [(sp/keypath "k") (sp/keypath i)] [(sp/keypath "k") (sp/view count)])))))

(defspec list-views-select-what-the-data-selects (support/trials 300)
  (prop/for-all [[v path] (gen/let [v (gen/vector gen/small-integer 0 300)
                                    path (path-gen (count v))]
                            [v path])]
    (= (sp/select* path {"k" v})
       (api/select path (fake-list {"k" v})))))

(defn- reads [path pstate]
  (let [log (atom [])]
    (api/select path pstate {:on-read #(swap! log conj %)})
    @log))

(deftest list-reads-are-proportional-to-the-path
  (let [ps (fake-list {"k" (vec (range 10000))})]
    (testing "(view count) is one size read"
      (is (= [[:size "$$list" "k"]] (reads [(sp/keypath "k") (sp/view count)] ps))))
    (testing "keypath i is one element read (after the size)"
      (is (= [[:size "$$list" "k"] [:get "$$list" "k" 42]] (reads [(sp/keypath "k") (sp/keypath 42)] ps))))
    (testing "srange reads from its start, not the whole list"
      (is (= [[:size "$$list" "k"] [:range "$$list" "k" 5000 5016]]
             (reads [(sp/keypath "k") (sp/srange 5000 5010)] ps)))
      (is (= [5000 5001 5002] (api/select-one [(sp/keypath "k") (sp/srange 5000 5003)] ps))))
    (testing "a long range costs O(log n + n / 4096) range reads"
      (is (<= (count (reads [(sp/keypath "k") sp/ALL] ps)) 12)))
    (testing "LAST reads the last element only"
      (is (= [[:size "$$list" "k"] [:range "$$list" "k" 9999 10000]] (reads [(sp/keypath "k") sp/LAST] ps))))))

(deftest map-and-sorted-map-views
  (let [m (fake-map {"a" 1})
        sm (fake-sorted-map {"k" (into (sorted-map) (map (fn [i] [i (* i i)])) (range 1000))})]
    (is (= [1] (api/select [(sp/keypath "a")] m)))
    (is (= [:none] (api/select [(sp/keypath "b") (sp/nil->val :none)] m)))
    (is (= [[:get "$$map" "b"]] (reads [(sp/keypath "b") (sp/nil->val :none)] m)))
    (is (= 1000 (api/select-one [(sp/keypath "k") (sp/view count)] sm)))
    (is (= [[:size "$$sorted" "k"]] (reads [(sp/keypath "k") (sp/view count)] sm)))
    (is (= 49 (api/select-one [(sp/keypath "k") (sp/keypath 7)] sm)))
    (is (= (map #(* % %) (range 1000)) (api/select [(sp/keypath "k") sp/MAP-VALS] sm)))
    (is (= 4 (count (reads [(sp/keypath "k") sp/MAP-VALS] sm))) "pages of 256")
    (is (= (into (sorted-map) (map (fn [i] [i (* i i)])) (range 1000))
           (api/select-one [(sp/keypath "k")] sm)))))

(deftest whole-pstates-are-not-scanned
  (is (thrown-with-msg? clojure.lang.ExceptionInfo #"cannot be enumerated.*start the path with a key"
                        (api/select [sp/ALL] (fake-list {})))))
