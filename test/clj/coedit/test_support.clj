(ns coedit.test-support
  "Small helpers shared by the Clojure suites.

  - `repo-root`: the repository's root directory (the one holding pom.xml and deps.edn),
    found from where this namespace was loaded, so tests work under `mvn test`, under
    `bin/clj -M:test` and from a REPL started anywhere.
  - `trials`: the number of trials a hand-rolled property should run: the system
    property `coedit.trials` when set, else the given default.
  - `temp-dir!`: a fresh temporary directory, deleted (recursively) at JVM exit.
  - `shared-trace`: a file of ../shared/traces (CC BY 4.0 editing traces), looked up from
    the repository root and its parents (a worktree sits deeper); nil when absent.
  - `skip!`: marks the running test as skipped, saying why (the JUnit bridge reports it)."
  (:require [clojure.java.io :as io])
  (:import (java.io File)
           (java.nio.file Files Path)
           (java.nio.file.attribute FileAttribute)))

(set! *warn-on-reflection* true)

(defn repo-root
  ^File []
  (loop [^File dir (-> (io/resource "coedit/test_support.clj") io/file .getParentFile)]
    (cond
      (nil? dir) (throw (ex-info "no directory with pom.xml and deps.edn above the test sources" {}))
      (and (.isFile (io/file dir "pom.xml")) (.isFile (io/file dir "deps.edn"))) dir
      :else (recur (.getParentFile dir)))))

(defn trials
  ^long [^long default]
  (or (some-> (System/getProperty "coedit.trials") parse-long) default))

(defn- delete-tree! [^File f]
  (when (.isDirectory f) (run! delete-tree! (.listFiles f)))
  (.delete f))

(defn temp-dir!
  ^File [prefix]
  (let [f (.toFile ^Path (Files/createTempDirectory (str prefix) (make-array FileAttribute 0)))]
    (.addShutdownHook (Runtime/getRuntime) (Thread. ^Runnable #(delete-tree! f)))
    f))

(defn shared-trace
  ^File [name]
  (->> (iterate #(.getParentFile ^File %) (repo-root))
       (take-while some?)
       (map #(io/file % "shared" "traces" name))
       (filter #(.isFile ^File %))
       first))

(def ^:dynamic *skipped*
  "Bound by coedit.junit-bridge around each test to an atom holding why it skipped, if it did."
  nil)

(defn skip!
  "Marks the running test as skipped, saying why (e.g. an input file is absent): the JUnit
  bridge reports it as skipped, not passed. Outside the bridge it prints the reason."
  [reason]
  (if *skipped*
    (reset! *skipped* reason)
    (println "skipped:" reason)))
