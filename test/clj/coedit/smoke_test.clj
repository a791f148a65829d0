(ns coedit.smoke-test
  (:require [clojure.test :refer [deftest is]]
            [com.rpl.specter :as sp]))

;; Debian's Specter package works with the project's Clojure version.
(deftest specter-loads (is (= [2 3] (sp/transform [sp/ALL] inc [1 2]))))
