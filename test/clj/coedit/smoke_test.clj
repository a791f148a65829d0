(ns coedit.smoke-test
  (:require [clojure.test :refer [deftest is]]
            [clojure.test.check.clojure-test :refer [defspec]]
            [clojure.test.check.generators :as gen]
            [clojure.test.check.properties :as prop]
            [com.rpl.specter :as sp]))

(deftest specter-loads (is (= [2 3] (sp/transform [sp/ALL] inc [1 2]))))
(defspec reverse-twice 50 (prop/for-all [v (gen/vector gen/small-integer)] (= v (reverse (reverse v)))))
