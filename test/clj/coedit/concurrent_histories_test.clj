(ns coedit.concurrent-histories-test
  "Concurrent editing histories through the real engine and editor module: 2-8 clients
  running coedit.ot.ClientState, random local edits, network delays and reordering,
  duplicates, disconnects with offline editing. At quiescence every client's text equals
  the server's, which equals a replay of its history; every submission is in the history
  exactly once; versions rise by one per accepted submission (coedit.history/check).

  Trials: `-Dcoedit.trials=N` (default 100); failures print a shrunk history as data."
  (:require [clojure.edn :as edn]
            [clojure.java.io :as io]
            [clojure.test :refer [deftest is testing use-fixtures]]
            [coedit.api :as api]
            [coedit.history :as h]
            [coedit.history-gen :as hg]
            [coedit.test-support :as support]))

(def ^:dynamic *editor* nil)

(defn engine-editor
  "The coedit.history editor functions over a launched editor module."
  [m]
  {:submit #(api/submit! m %)
   :entries (fn [doc-id from to] (api/history m doc-id {:from from :to to}))
   :read #(api/doc m %)})

(use-fixtures :once
  (fn [f]
    (with-open [c (api/start-cluster {:modules [(api/editor-module)] :fsync :never})]
      (binding [*editor* (engine-editor (api/module c "editor"))]
        (f)))))

(deftest histories-converge-through-the-engine
  (let [r (h/check-histories "concurrent histories (engine)" (constantly *editor*)
                             (hg/history {}) (support/trials 100))]
    (is (:pass? r) (:report r))))

(deftest the-checker-catches-a-server-that-does-not-transform
  ;; The harness has teeth: a server that applies changes without transforming them
  ;; diverges, and the failure shrinks to a handful of events.
  (let [r (h/check-histories "mutant server (no transform)" #(h/model-editor {:transform? false})
                             (hg/history {}) 200)]
    (is (not (:pass? r)))
    (is (re-find #":diverged|:replay-mismatch|:rejected" (str (:report r))))))

(defn- fixtures []
  (->> (file-seq (io/file (support/repo-root) "test/resources/histories"))
       (filter #(.endsWith (.getName ^java.io.File %) ".edn"))
       (sort-by #(.getName ^java.io.File %))))

(deftest saved-histories-stay-fixed
  (doseq [^java.io.File f (fixtures)
          :let [{:keys [clients events kind]} (edn/read-string (slurp f))]
          :when (not= kind :crash)]
    (testing (.getName f)
      (let [verdict (h/check (h/run-events *editor* (str "fixture-" (random-uuid)) clients events))]
        (is (:valid? verdict) (pr-str verdict))))))

(deftest a-scripted-history
  ;; Both clients append at the end of "Hello" concurrently; client 1's "!" reaches the
  ;; server first, so client 0's stale insert at the same offset goes after it (ties keep
  ;; the accepted text first), and everybody agrees.
  (let [doc-id (str "scripted-" (random-uuid))
        r (h/run-events *editor* doc-id 2 (h/parse "0i^:Hello 0s 0r 1r 0i$:_world 1i$:! 1s 0s 0r 1r"))]
    (is (= {:valid? true :anomaly-types []} (select-keys (h/check r) [:valid? :anomaly-types])))
    (is (= "Hello!_world" (get-in r [:final :text])))
    (is (= 3 (get-in r [:final :version])))))
