(ns coedit.deps-edn-test
  "deps.edn mirrors pom.xml: the same runtime libraries at the same versions, and the
  Clojure test libraries in the :test alias, so `bin/clj` and `mvn` run the same code."
  (:require [clojure.edn :as edn]
            [clojure.java.io :as io]
            [clojure.string :as str]
            [clojure.test :refer [deftest is testing]]
            [clojure.xml :as xml]
            [coedit.test-support :as support]))

(defn- children [node tag] (filter #(= tag (:tag %)) (:content node)))
(defn- text [node tag] (some-> (first (children node tag)) :content first str/trim))

(defn pom-dependencies
  "pom.xml's dependencies as {lib-symbol {:version v :scope s}}, ${properties} resolved."
  [pom-file]
  (let [project (xml/parse (io/file pom-file))
        props (into {} (for [p (mapcat :content (children project :properties))
                             :when (map? p)]
                         [(name (:tag p)) (some-> p :content first str/trim)]))
        resolve-props (fn [s] (str/replace s #"\$\{([^}]+)\}" #(get props (second %) (first %))))]
    (into {} (for [d (mapcat #(children % :dependency) (children project :dependencies))]
               [(symbol (text d :groupId) (text d :artifactId))
                {:version (resolve-props (text d :version))
                 :scope (or (text d :scope) "compile")}]))))

(deftest deps-edn-matches-pom
  (let [root (support/repo-root)
        pom (pom-dependencies (io/file root "pom.xml"))
        deps (edn/read-string (slurp (io/file root "deps.edn")))
        versions (fn [m] (update-vals m :mvn/version))
        runtime (into {} (for [[lib {:keys [version scope]}] pom
                               :when (#{"compile" "runtime"} scope)]
                           [lib version]))
        clojure-test-libs (into {} (for [[lib {:keys [version scope]}] pom
                                         :when (and (= "test" scope) (= "org.clojure" (namespace lib)))]
                                     [lib version]))]
    (testing "runtime dependencies"
      (is (= runtime (versions (:deps deps)))))
    (testing "the :test alias carries the pom's Clojure test libraries"
      (is (= clojure-test-libs (versions (get-in deps [:aliases :test :extra-deps])))))
    (testing "the :dev alias has tools.namespace and nREPL"
      (is (every? (get-in deps [:aliases :dev :extra-deps])
                  '[org.clojure/tools.namespace nrepl/nrepl])))
    (testing "compiled Java and the Clojure sources are on :paths"
      (is (every? (set (:paths deps)) ["src/clj" "target/classes"])))))
