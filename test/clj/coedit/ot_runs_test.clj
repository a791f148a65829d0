(ns coedit.ot-runs-test
  "The fast paths of coedit.ot equal the change-by-change ones, change for change (not just
  in effect): a stale submission transformed over a ComposedHistory, a run of changes
  transformed against one (Ot/transformRun), and a client catching up on a run of server
  changes (ClientState/applyServerRun). Each property is headed by its invariant.

  Ties are the point: documents are tiny (often empty, at most 12 code points) and histories
  long, so inserts land on the same gap and inside text deleted before or after them all the
  time; `tiny-doc` (at most 2 code points) makes them nearly certain."
  (:require [clojure.test :refer [deftest is]]
            [clojure.test.check.clojure-test :refer [defspec]]
            [clojure.test.check.generators :as gen]
            [clojure.test.check.properties :as prop]
            [coedit.ot-gen :as g])
  (:import (coedit.ot AwaitingConfirm AwaitingWithBuffer Change ClientRun ClientState ClientStep
                      ComposedHistory Ot Synchronized Transformed TransformedRun)
           (java.util List)))

(set! *warn-on-reflection* true)

(def ^:private tiny-doc (gen/fmap #(apply str %) (gen/vector (gen/elements g/base-alphabet) 0 2)))

(def ^:private some-doc (gen/frequency [[3 g/doc] [1 tiny-doc]]))

(defn- history-on
  "A generator of n changes in alphabet a, each made on the text the ones before it left."
  [d n alphabet]
  (if (zero? n)
    (gen/return [])
    (gen/let [h (g/change-for d alphabet)
              more (history-on (g/apply-change d h) (dec n) alphabet)]
      (into [h] more))))

(defn- transform-in-turn
  "The reference: (acceptedPrimes, incomingPrime) of folding Ot/transform over the run."
  [run ^Change incoming]
  (reduce (fn [[primes ^Change in] ^Change a]
            (let [^Transformed t (Ot/transform a in)]
              [(conj primes (.acceptedPrime t)) (.incomingPrime t)]))
          [[] incoming]
          run))

;; invariant: transformRun(run, c) == the fold of transform over the run, component for
;; component: every accepted prime and the incoming prime
(defspec transform-run-is-the-fold-of-transform
  (prop/for-all [[run c] (gen/let [d some-doc
                                   n (gen/choose 0 10)
                                   c (g/change-for d g/b-alphabet)
                                   run (history-on d n g/a-alphabet)]
                           [run c])]
    (let [^TransformedRun fast (Ot/transformRun ^List run c)
          [primes in] (transform-in-turn run c)]
      (and (= (vec (.acceptedPrimes fast)) primes)
           (= (.incomingPrime fast) in)))))

;; ---- clients ----

(defn- client-state
  "A generator of [state text] for a client at version 0 of d: synchronized, one change in
  flight, or one in flight and a buffer made after it; text is the client's local text."
  [d]
  (gen/let [kind (gen/elements [:synchronized :confirm :buffer])
            in-flight (gen/such-that #(not (.isEmpty ^Change %)) (g/change-for d g/b-alphabet) 50)
            buffer (gen/such-that #(not (.isEmpty ^Change %))
                                  (g/change-for (g/apply-change d in-flight) ["r" "s"]) 50)]
    (case kind
      :synchronized [(Synchronized. 0) d]
      :confirm [(AwaitingConfirm. 0 in-flight) (g/apply-change d in-flight)]
      :buffer [(AwaitingWithBuffer. 0 in-flight buffer) (-> d (g/apply-change in-flight) (g/apply-change buffer))])))

(defn- steps-in-turn
  "The reference: applyServer on each server change in turn; [final state, changes applied]."
  [^ClientState state run]
  (reduce (fn [[^ClientState s applied] ^Change c]
            (let [^ClientStep step (.applyServer s c)]
              [(.next step) (conj applied (.toApply step))]))
          [state []]
          run))

;; invariant: applyServerRun(run) gives the state and the changes to apply that applyServer
;; gives on each server change in turn (so the local text is the same too), for every state
(defspec client-run-is-applyServer-in-turn
  (prop/for-all [[state text run] (gen/let [d some-doc
                                            [state text] (client-state d)
                                            n (gen/choose 0 10)
                                            run (history-on d n g/a-alphabet)]
                                    [state text run])]
    (let [^ClientRun fast (.applyServerRun ^ClientState state ^List run)
          [next applied] (steps-in-turn state run)]
      (and (= (.next fast) next)
           (= (vec (.toApply fast)) applied)
           (= (reduce g/apply-change text (.toApply fast)) (reduce g/apply-change text applied))))))

;; The brief for this work suggested composing the run and transforming the pending changes
;; once; that differs from the state machine whenever a buffer's insert ties with a server
;; insert made after the server deleted text the client still had (shrunk by the property
;; above against such an implementation). applyServerRun keeps the machine's answer.
(deftest a-composed-run-would-move-the-buffer
  (let [in-flight (Change/of (into-array coedit.ot.Edit [(coedit.ot.Delete. 1 5)]))
        buffer (Change/of (into-array coedit.ot.Edit [(coedit.ot.Insert. 0 "r")]))
        run [(Change/of (into-array coedit.ot.Edit [(coedit.ot.Delete. 5 1) (coedit.ot.Delete. 0 2)]))
             (Change/of (into-array coedit.ot.Edit [(coedit.ot.Insert. 2 "xy") (coedit.ot.Insert. 1 "xy")]))]
        state (AwaitingWithBuffer. 0 in-flight buffer)
        ;; "abcdef" -> the client keeps "a" and types "r" before it; the server deletes
        ;; "ab" and "f", then inserts around "d": the client sees "a" go, then "xyxy" arrive.
        [^AwaitingWithBuffer stepped applied] (steps-in-turn state run)
        ^ClientRun fast (.applyServerRun state ^List run)
        composed (reduce (fn [^Change a ^Change b] (Ot/compose a b)) Change/EMPTY run)
        ^Transformed over-in-flight (Ot/transform composed in-flight)
        ^Transformed over-buffer (Ot/transform (.acceptedPrime over-in-flight) buffer)]
    (is (= "xyxyr" (reduce g/apply-change "ra" applied)))
    (is (= (.next fast) stepped))
    (is (= (Change/of (into-array coedit.ot.Edit [(coedit.ot.Insert. 4 "r")])) (.buffer stepped)))
    (is (= (Change/of (into-array coedit.ot.Edit [(coedit.ot.Insert. 0 "r")])) (.incomingPrime over-buffer))
        "composing first puts the buffer's r before the server's text instead")))

;; ---- the server's history ----

;; invariant: ComposedHistory.transformSince(v, c) == Ot.transformOverHistory(c, h_v+1 .. h_n)
;; component for component, and lengthDeltaSince(v) == the sum of their length deltas, for
;; every v of a history appended change by change from any base version
(defspec composed-history-is-transform-over-history
  (prop/for-all [[base hs v c] (gen/let [d some-doc
                                         base (gen/choose 0 5)
                                         n (gen/choose 0 24)
                                         hs (history-on d n g/a-alphabet)
                                         v (gen/choose 0 n)
                                         c (g/change-for (reduce g/apply-change d (take v hs)) g/b-alphabet)]
                                 [base hs v c])]
    (let [h (ComposedHistory. base)]
      (run! #(.append h ^Change %) hs)
      (let [since (subvec hs v)]
        (and (= (.headVersion h) (+ base (count hs)))
             (= (.transformSince h (+ base v) c) (Ot/transformOverHistory c ^List since))
             (= (.lengthDeltaSince h (+ base v)) (reduce + 0 (map #(.lengthDelta ^Change %) since))))))))

;; invariant: however a ComposedHistory got its changes (appended, or read later for older
;; versions and prepended) and whatever it forgot, it transforms as transformOverHistory over
;; the changes it holds, and it holds exactly the changes after the version it forgot up to
(defspec composed-history-prepended-and-forgotten-is-transform-over-history
  (prop/for-all [[hs j f v c] (gen/let [d some-doc
                                        n (gen/choose 0 24)
                                        hs (history-on d n g/a-alphabet)
                                        j (gen/choose 0 n)
                                        f (gen/choose 0 n)
                                        v (gen/choose f n)
                                        c (g/change-for (reduce g/apply-change d (take v hs)) g/b-alphabet)]
                                [hs j f v c])]
    (let [h (ComposedHistory. j)]
      (run! #(.append h ^Change %) (subvec hs j))
      (.prepend h ^List (subvec hs 0 j))
      (.forgetBefore h f)
      (and (= 0 (.baseVersion (doto (ComposedHistory. 0) (.prepend ^List [])))) ; a no-op prepend at 0
           (= (.baseVersion h) f)
           (= (zero? (.weight h)) (= f (count hs)))
           (= (.transformSince h v c) (Ot/transformOverHistory c ^List (subvec hs v)))))))

;; invariant: compose is associative component for component (not just in effect), which is
;; what lets ComposedHistory group a history into any ranges:
;; compose(compose(a, b), c) == compose(a, compose(b, c))
(defspec compose-is-associative-component-for-component
  (prop/for-all [[a b c] (gen/let [d some-doc
                                   [a b c] (history-on d 3 g/a-alphabet)]
                           [a b c])]
    (= (Ot/compose (Ot/compose a b) c) (Ot/compose a (Ot/compose b c)))))
