(ns coedit.ot-gen
  "test.check generators for coedit.ot documents and changes, for any test that needs them.

  Changes are generated in an abstract form first (positions as `:start`, `:end` or any
  natural number, lengths as `:all` or any natural number) and then `realize`d against the
  document they apply to; so they shrink well, always come out valid, and a simulation can
  realize them against text only known at run time.

  - `base-alphabet`, `a-alphabet`, `b-alphabet`: disjoint sets of one-code-point strings,
    each with a non-BMP character, so a test can tell whose text is whose.
  - `doc`: a document string (often empty, at most 12 code points, some non-BMP).
  - `abstract-change`: given an alphabet for inserted text, 0 to 4 abstract edits.
  - `realize`: given abstract edits and a document length, a valid `coedit.ot.Change`.
  - `change-for`: given a document string and an alphabet, a generator of valid changes.
  - `code-points`: given a string, its code points as a vector of one-code-point strings.
  - `cp-count`: given a string, its length in code points.
  - `apply-change`: given a string and a Change, `Ot/apply` without reflection."
  (:require [clojure.test.check.generators :as gen])
  (:import (coedit.ot Change Delete Edit Insert Ot)
           (java.util List)))

(set! *warn-on-reflection* true)

(def base-alphabet ["a" "b" " " "\u00e9" "\uD83D\uDE00"])
(def a-alphabet ["x" "y" "\uD83C\uDF89"])
(def b-alphabet ["p" "q" "\uD834\uDD1E"])

(defn cp-count ^long [^String s] (.codePointCount s 0 (.length s)))

(defn code-points [^String s]
  (mapv #(String. (Character/toChars (int %))) (iterator-seq (.iterator (.codePoints s)))))

(defn apply-change ^String [^String document ^Change change] (Ot/apply document change))

(defn- text-of [alphabet] (gen/fmap #(apply str %) (gen/vector (gen/elements alphabet) 1 3)))

(def doc
  (gen/frequency [[1 (gen/return "")]
                  [4 (gen/fmap #(apply str %) (gen/vector (gen/elements base-alphabet) 1 12))]]))

(def ^:private position (gen/frequency [[1 (gen/return :start)] [1 (gen/return :end)] [3 gen/nat]]))
(def ^:private extent (gen/frequency [[1 (gen/return :all)] [4 gen/nat]]))

(defn abstract-change [alphabet]
  (gen/vector (gen/one-of [(gen/tuple (gen/return :ins) position (text-of alphabet))
                           (gen/tuple (gen/return :del) position extent)])
              0 4))

(defn- realize-edit
  "The concrete edit for abstract edit `e` on a document of `len` code points, or nil."
  ^Edit [[kind pos x] ^long len]
  (case kind
    :ins (Insert. (int (case pos :start 0 :end len (mod pos (inc len)))) ^String x)
    :del (when (pos? len)
           (let [at (case pos :start 0 :end (dec len) (mod pos len))
                 room (- len at)]
             (Delete. (int at) (int (if (= x :all) room (inc (mod x room)))))))))

(defn realize
  ^Change [abstract-edits ^long len]
  (loop [es abstract-edits, len len, out []]
    (if-let [e (first es)]
      (if-let [edit (realize-edit e len)]
        (recur (rest es)
               (if (instance? Insert edit)
                 (+ len (cp-count (.text ^Insert edit)))
                 (- len (.length ^Delete edit)))
               (conj out edit))
        (recur (rest es) len out))
      (Change. ^List out))))

(defn change-for [^String document alphabet]
  (gen/fmap #(realize % (cp-count document)) (abstract-change alphabet)))
