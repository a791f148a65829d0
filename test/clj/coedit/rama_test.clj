(ns coedit.rama-test
  "The article's client code, verbatim, against coedit's editor module through
  coedit.rama; then the rest of Rama's client API (paths, proxies, cluster managers)."
  (:require [clojure.test :refer [deftest is testing]]
            [coedit.rama :refer [close! create-ipc foreign-append! foreign-append-async!
                                 foreign-depot foreign-invoke-query foreign-proxy
                                 foreign-pstate foreign-query foreign-select
                                 foreign-select-one get-module-name launch-module!
                                 open-cluster-manager]]
            [coedit.rama.article :refer [->AddText ->Edit ->RemoveText mk-add-edit
                                         mk-remove-edit]]
            [coedit.test-support :as support]
            [com.rpl.specter :refer [ALL FIRST LAST keypath nil->val srange view]])
  (:import (coedit.editor CollaborativeDocumentEditorModule)))

(defn- eventually [f]
  (loop [n 0]
    (or (f) (when (< n 200) (Thread/sleep 10) (recur (inc n))))))

(deftest the-articles-module-test-runs-verbatim-with-coedits-versions
  (with-open [ipc (create-ipc)]
    (launch-module! ipc (CollaborativeDocumentEditorModule.) {:tasks 4 :threads 2})
    (let [module-name (get-module-name (CollaborativeDocumentEditorModule.))
          edit-depot (foreign-depot ipc module-name "*edit-depot")
          doc+version (foreign-query ipc module-name "doc+version")]
      (foreign-append! edit-depot (->Edit 123 0 0 (->AddText "Hellox")))
      (is (= {:doc "Hellox" :version 1} (foreign-invoke-query doc+version 123)))
      (foreign-append! edit-depot (->Edit 123 1 5 (->RemoveText 1)))
      (is (= {:doc "Hello" :version 2} (foreign-invoke-query doc+version 123)))
      (foreign-append! edit-depot (->Edit 123 2 5 (->AddText " wor")))
      (is (= {:doc "Hello wor" :version 3} (foreign-invoke-query doc+version 123)))
      (foreign-append! edit-depot (->Edit 123 3 9 (->AddText "ld!")))
      (is (= {:doc "Hello world!" :version 4} (foreign-invoke-query doc+version 123)))
      ;; Three edits made on old versions, transformed over what they missed. The article
      ;; ends at version 6 (it counts the pieces of a split delete); coedit counts
      ;; submissions, and the last one, deleting text already deleted, is empty: version 7.
      (foreign-append! edit-depot (->Edit 123 2 5 (->AddText "abcd")))
      (foreign-append! edit-depot (->Edit 123 2 0 (->RemoveText 4)))
      (foreign-append! edit-depot (->Edit 123 1 0 (->RemoveText 3)))
      (is (= {:doc "o world!abcd" :version 7} (foreign-invoke-query doc+version 123))))))

(deftest the-articles-snippets-run-at-the-repl
  (with-open [ipc (create-ipc)]
    (launch-module! ipc (CollaborativeDocumentEditorModule.) {:tasks 4 :threads 2})
    (let [edit-depot (foreign-depot ipc "editor" "*edit-depot")
          edits (foreign-pstate ipc "editor" "$$edits")
          doc+version (foreign-query ipc "editor" "doc+version")]
      (foreign-append! edit-depot (mk-add-edit 123 0 0 "Add text"))
      (foreign-append! edit-depot (mk-add-edit 123 1 3 " more"))
      (foreign-append! edit-depot (mk-remove-edit 123 2 0 4))
      (foreign-append! edit-depot (mk-add-edit 123 3 5 "to the "))
      (is (= {:doc "more to the text" :version 4} (foreign-invoke-query doc+version 123)))
      (doseq [v (range 4 10)] (foreign-append! edit-depot (mk-add-edit 123 v 0 (str v))))
      (testing "select [(keypath 123) (srange 3 8)] from the edits PState: entries 4 to 8"
        (let [entries (foreign-select-one [(keypath 123) (srange 3 8)] edits)]
          (is (= [4 5 6 7 8] (mapv :version entries)))
          (is (= [{:type :insert :offset 5 :text "to the "}] (:change (first entries))))))
      (is (= 10 (foreign-select-one [(keypath 123) (view count)] edits)))
      (is (= 0 (foreign-select-one [(keypath 999) (view count)] edits)) "an unknown document has no edits")
      (is (nil? (foreign-select-one [(keypath 999) FIRST] edits)))
      (is (= :none (foreign-select-one [(keypath 999) (nil->val :none)]
                                       (foreign-pstate ipc "editor" "$$snapshots")))
          "nil->val sees the nil of an absent key")
      (is (= (range 1 11) (foreign-select [(keypath 123) ALL :version] edits)))
      (is (= 10 (:version (foreign-select-one [(keypath 123) LAST] edits))))
      (is (= {:doc "" :version 0} (foreign-invoke-query doc+version 456)) "an unknown document is empty"))))

(deftest appends-take-ramas-ack-levels-and-proxies-follow-changes
  (with-open [ipc (create-ipc)]
    (launch-module! ipc (CollaborativeDocumentEditorModule.) {:tasks 2})
    (let [edit-depot (foreign-depot ipc "editor" "*edit-depot")
          edits (foreign-pstate ipc "editor" "$$edits")
          seen (atom [])
          proxy (foreign-proxy [(keypath 7) (view count)] edits
                               {:callback-fn (fn [new diff old] (swap! seen conj [old new (:type diff)]))})]
      (is (= 0 @proxy))
      (testing ":ack returns the topology's ack as data"
        (is (= {"applyEdits" {:status :accepted :version 1 :duplicate? false
                              :change [{:type :insert :offset 0 :text "x"}]}}
               (foreign-append! edit-depot (mk-add-edit 7 0 0 "x")))))
      (testing ":append-ack and nil wait less and return no acks"
        (is (= {} (foreign-append! edit-depot (mk-add-edit 7 1 1 "y") :append-ack)))
        (is (= {} (foreign-append! edit-depot (mk-add-edit 7 2 2 "z") nil))))
      (is (= "applyEdits" (ffirst @(foreign-append-async! edit-depot (mk-add-edit 7 3 3 "!")))))
      (is (eventually #(= 4 @proxy)) "the proxy derefs to the current value")
      (is (eventually #(= 4 (second (last @seen)))) "the callback heard the last change")
      (is (= 0 (ffirst @seen)))
      (is (every? (fn [[[_ new] [old _]]] (= new old)) (partition 2 1 @seen))
          "each call's old value is the previous call's new value")
      (is (every? #(= :appended (nth % 2)) @seen))
      (close! proxy)
      (let [heard (count @seen)]
        (foreign-append! edit-depot (mk-add-edit 7 4 0 "-"))
        (Thread/sleep 50)
        (is (= heard (count @seen)) "a closed proxy hears nothing")))
    (testing "bad ack levels and unknown names are clear errors"
      (is (thrown-with-msg? clojure.lang.ExceptionInfo #"ack level"
                            (foreign-append! (foreign-depot ipc "editor" "*edit-depot") (mk-add-edit 1 0 0 "a") :sure)))
      (is (thrown-with-msg? clojure.lang.ExceptionInfo #"no module nope"
                            (foreign-depot ipc "nope" "*edit-depot")))
      (is (thrown-with-msg? IllegalArgumentException #"no depot \*nope"
                            (foreign-depot ipc "editor" "*nope"))))))

(deftest a-cluster-manager-joins-the-kafka-runtime
  (with-open [cluster (open-cluster-manager {:kafka (coedit.engine.testing.TestKafka/bootstrap)
                                             :namespace (str "rama" (System/nanoTime))
                                             :tasks 2
                                             :single-broker? true
                                             :modules [(CollaborativeDocumentEditorModule.)]})]
    (let [edit-depot (foreign-depot cluster "editor" "*edit-depot")
          doc+version (foreign-query cluster "editor" "doc+version")]
      (foreign-append! edit-depot (mk-add-edit 123 0 0 "on Kafka"))
      (foreign-append! edit-depot (mk-add-edit 123 1 0 "Rama's API "))
      (is (= {:doc "Rama's API on Kafka" :version 2} (foreign-invoke-query doc+version 123))))))

(deftest a-cluster-manager-reopens-its-data
  (let [dir (support/temp-dir! "coedit-rama-manager-")]
    (with-open [cluster (open-cluster-manager {:data-dir dir :modules [(CollaborativeDocumentEditorModule.)]})]
      (foreign-append! (foreign-depot cluster "editor" "*edit-depot") (mk-add-edit 5 0 0 "kept")))
    (with-open [cluster (open-cluster-manager {:data-dir dir :modules [(CollaborativeDocumentEditorModule.)]})]
      (is (= {:doc "kept" :version 1}
             (foreign-invoke-query (foreign-query cluster "editor" "doc+version") 5))))))
