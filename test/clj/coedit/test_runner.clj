(ns coedit.test-runner
  "The `:test` alias's main: runs every `*_test` namespace under test/clj the way `mvn
  test` does (same `^:perf` skipping, same trial counts, through coedit.junit-bridge),
  prints each var's report and a summary, and exits 1 on any failure or error.

    bin/clj -M:test                        all suites, modest trial counts
    bin/clj -M:test coedit.api-test        only the named namespaces
    COEDIT_TRIALS=10000 bin/clj -M:test    deep run (also -J-Dcoedit.trials=10000)
    COEDIT_PERF=true bin/clj -M:test       include ^:perf vars"
  (:require [clojure.java.io :as io]
            [coedit.junit-bridge :as bridge]))

(defn- test-root
  "The test/clj directory this namespace was loaded from, wherever the JVM was started."
  []
  (-> (io/resource "coedit/test_runner.clj") io/file .getParentFile .getParentFile))

(defn- property-from-env! [prop env]
  (when-let [v (and (nil? (System/getProperty prop)) (System/getenv env))]
    (System/setProperty prop v)))

(defn run
  "Runs the vars of `namespaces` (all test namespaces when empty); returns the summed
  `{:test n :pass n :fail n :error n}`."
  [namespaces]
  (reduce
   (fn [totals ns-sym]
     (reduce (fn [totals v]
               (println "Testing" (str (symbol v)))
               (let [{:keys [out] :as r} (bridge/run-var v)]
                 (print out)
                 (flush)
                 (-> (merge-with + totals (select-keys r [:pass :fail :error]))
                     (update :test inc))))
             totals
             (bridge/test-vars ns-sym)))
   {:test 0 :pass 0 :fail 0 :error 0}
   (or (seq (map symbol namespaces)) (bridge/test-namespaces (str (test-root))))))

(defn -main [& namespaces]
  (property-from-env! "coedit.trials" "COEDIT_TRIALS")
  (property-from-env! "coedit.perf" "COEDIT_PERF")
  (let [started (System/nanoTime)
        {:keys [test pass fail error] :as totals} (run namespaces)]
    (printf "%nRan %d tests containing %d assertions in %.1f s: %d failures, %d errors.%n"
            test (+ pass fail error) (/ (- (System/nanoTime) started) 1e9) fail error)
    (flush)
    (shutdown-agents)
    (System/exit (if (zero? (+ fail error)) 0 1))))
