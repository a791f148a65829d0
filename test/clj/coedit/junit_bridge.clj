(ns coedit.junit-bridge
  "Runs clojure.test vars one at a time for the JUnit `@TestFactory` in
  test/java/coedit/ClojureTestsTest.java, so Surefire counts every Clojure test and a
  failing `defspec` fails the build with its shrunk counterexample in the message.

  - `test-namespaces`: given a source root, the `*-test` namespace symbols under it.
  - `test-vars`: given a namespace symbol, its test vars in source order, minus
    `^:perf` ones unless the system property `coedit.perf` is `true`.
  - `run-var`: given a var, run it; return `{:pass n :fail n :error n :out \"...\"}`, plus
    `:skipped \"why\"` when the test called `coedit.test-support/skip!`. A test that neither
    asserted anything nor skipped counts one failure: it cannot have checked anything.

  Trial counts: the system property `coedit.trials` (default 100, test.check's own
  default) sets the number of trials of every `defspec` that does not fix its own."
  (:require [clojure.java.io :as io]
            [clojure.string :as str]
            [clojure.test :as t]
            [clojure.test.check.clojure-test :as tcct]
            [coedit.test-support :as support]))

(defn test-namespaces
  [root]
  (->> (file-seq (io/file root))
       (map #(str (.relativize (.toPath (io/file root)) (.toPath ^java.io.File %))))
       (filter #(str/ends-with? % "_test.clj"))
       sort
       (map #(-> % (str/replace #"\.clj$" "") (str/replace "/" ".") (str/replace "_" "-") symbol))))

(defn- perf-enabled? [] (= "true" (System/getProperty "coedit.perf")))

(defn test-vars
  [ns-sym]
  (require ns-sym)
  (->> (vals (ns-interns ns-sym))
       (filter (comp :test meta))
       (remove #(and (:perf (meta %)) (not (perf-enabled?))))
       (sort-by (comp :line meta))))

(defn run-var
  [v]
  (let [trials (some-> (System/getProperty "coedit.trials") parse-long)
        counters (ref t/*initial-report-counters*)
        skipped (atom nil)
        out (with-out-str
              (binding [t/*test-out* *out*
                        t/*report-counters* counters
                        support/*skipped* skipped
                        tcct/*default-test-count* (or trials tcct/*default-test-count*)]
                (t/test-vars [v])))
        {:keys [pass fail error]} @counters]
    (cond-> {:pass pass :fail fail :error error :out out}
      @skipped (assoc :skipped @skipped)
      (and (nil? @skipped) (zero? (+ pass fail error)))
      (assoc :fail 1 :out (str out v " made no assertions and did not skip\n")))))
