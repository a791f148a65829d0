(ns coedit.ot-properties-test
  "The laws of coedit.ot as test.check properties, each headed by its invariant. Generators
  (coedit.ot-gen) cover empty documents, edits at both ends, adjacent and identical offsets,
  overlapping deletes, multi-edit changes and non-BMP characters."
  (:require [clojure.test.check.clojure-test :refer [defspec]]
            [clojure.test.check.generators :as gen]
            [clojure.test.check.properties :as prop]
            [coedit.ot-gen :as g])
  (:import (coedit.ot Change ClientRun ClientState ClientStep Delete Edit Insert Ot Rope Synchronized Transformed)
           (java.util List)))

(set! *warn-on-reflection* true)

(def ^:private concurrent-pair
  "A document and two changes made on it concurrently, a with a's alphabet, b with b's."
  (gen/let [d g/doc
            a (g/change-for d g/a-alphabet)
            b (g/change-for d g/b-alphabet)]
    [d a b]))

(defn- valid-on? [^String document ^Change change]
  (try (Ot/validate (int (g/cp-count document)) change) true
       (catch coedit.ot.InvalidChangeException _ false)))

(defn- descending? [^Change change]
  (let [edits (.edits change)]
    (every? (fn [[^Edit prev ^Edit e]]
              (<= (+ (.offset e) (if (instance? Delete e) (.length ^Delete e) 0)) (.offset prev)))
            (partition 2 1 edits))))

;; invariant (TP1): apply(apply(d, a), b') == apply(apply(d, b), a'), a accepted first
(defspec convergence
  (prop/for-all [[d a b] concurrent-pair]
    (let [^Transformed t (Ot/transform a b)]
      (= (g/apply-change (g/apply-change d a) (.incomingPrime t))
         (g/apply-change (g/apply-change d b) (.acceptedPrime t))))))

;; invariant: a' is valid on apply(d, b) and b' on apply(d, a), each in descending offset
;; order with base coordinates (every edit ends at or before the previous edit's offset)
(defspec transformed-edits-are-in-range
  (prop/for-all [[d a b] concurrent-pair]
    (let [^Transformed t (Ot/transform a b)]
      (and (valid-on? (g/apply-change d a) (.incomingPrime t))
           (valid-on? (g/apply-change d b) (.acceptedPrime t))
           (descending? (.incomingPrime t))
           (descending? (.acceptedPrime t))))))

;; invariant: text a side inserted is never deleted by the other side: the final text holds
;; exactly a's characters of apply(d, a), in order, and b's of apply(d, b) (a change deleting
;; its own inserted text is already reflected there)
(defspec inserted-text-survives
  (prop/for-all [[d a b] concurrent-pair]
    (let [^Transformed t (Ot/transform a b)
          final (g/apply-change (g/apply-change d a) (.incomingPrime t))
          only (fn [alphabet s] (filterv (set alphabet) (g/code-points s)))]
      (and (= (only g/a-alphabet final) (only g/a-alphabet (g/apply-change d a)))
           (= (only g/b-alphabet final) (only g/b-alphabet (g/apply-change d b)))))))

;; invariant: apply(d, compose(a, b)) == apply(apply(d, a), b)
(defspec compose-law
  (prop/for-all [[d a b] (gen/let [d g/doc
                                   a (g/change-for d g/a-alphabet)
                                   b (g/change-for (g/apply-change d a) g/b-alphabet)]
                           [d a b])]
    (= (g/apply-change d (Ot/compose a b))
       (g/apply-change (g/apply-change d a) b))))

;; invariant: transforming over each accepted change in turn (what transformOverHistory
;; does) equals transforming once over the composed history:
;; apply(D . h1..hn, transformOverHistory(c, [h1 .. hn])) == apply(D . h1..hn, T(compose(h1..hn), c))
(defn- history-on
  "A generator of n changes, each made on the text the ones before it left."
  [d n]
  (if (zero? n)
    (gen/return [])
    (gen/let [h (g/change-for d g/a-alphabet)
              more (history-on (g/apply-change d h) (dec n))]
      (into [h] more))))

(defspec history-in-turn-equals-composed-history
  (prop/for-all [[d c hs] (gen/let [d g/doc
                                    n (gen/choose 0 4)
                                    c (g/change-for d g/b-alphabet)
                                    hs (history-on d n)]
                            [d c hs])]
    (let [after-history (reduce g/apply-change d hs)
          composed (reduce (fn [^Change a ^Change b] (Ot/compose a b)) Change/EMPTY hs)]
      (= (g/apply-change after-history (Ot/transformOverHistory c ^List hs))
         (g/apply-change after-history (.incomingPrime ^Transformed (Ot/transform composed c)))))))

;; ---- n-way: clients with in-flight and buffered changes, a server, random delivery ----

(defn- client-step
  "Applies a ClientStep to client i of the world: its text, state and outgoing queue."
  [world i ^ClientStep step]
  (let [^ClientState next (.next step)]
    (cond-> (assoc-in world [:clients i :state] next)
      (.toApply step) (update-in [:clients i :text] g/apply-change (.toApply step))
      (.toSend step) (update-in [:up i] conj {:version (.version next) :change (.toSend step)}))))

(defn- local-edit [world i abstract]
  (let [{:keys [text ^ClientState state]} (get-in world [:clients i])
        change (g/realize abstract (g/cp-count text))]
    (-> world
        (assoc-in [:clients i :text] (g/apply-change text change))
        (client-step i (.applyLocal state change)))))

(defn- server-receive
  "The server takes client i's oldest submission, transforms it over the history since its
  version, applies it, and streams it to everyone: as an ack to i, as a change to the rest."
  [world i]
  (if-let [{:keys [version change]} (peek (get-in world [:up i]))]
    (let [history (get-in world [:server :history])
          accepted (Ot/transformOverHistory change ^List (subvec history version))
          v (inc (count history))]
      (-> world
          (update-in [:up i] pop)
          (update-in [:server :text] g/apply-change accepted)
          (update-in [:server :history] conj accepted)
          (update :down (fn [downs] (vec (map-indexed (fn [j q] (conj q (if (= i j) [:ack v] [:change accepted])))
                                                      downs))))))
    world))

(defn- client-receive [world i]
  (if-let [[kind x] (peek (get-in world [:down i]))]
    (let [^ClientState state (get-in world [:clients i :state])]
      (-> world
          (update-in [:down i] pop)
          (client-step i (if (= kind :ack) (.serverAck state (long x)) (.applyServer state ^Change x)))))
    world))

(defn- client-receive-run
  "Client i takes every server change at the head of its queue (up to an ack) as one run."
  [world i]
  (let [down (get-in world [:down i])
        run (mapv second (take-while #(= :change (first %)) down))]
    (if (empty? run)
      (client-receive world i)
      (let [^ClientState state (get-in world [:clients i :state])
            ^ClientRun r (.applyServerRun state ^List run)]
        (-> world
            (assoc-in [:down i] (reduce (fn [q _] (pop q)) down run))
            (assoc-in [:clients i :state] (.next r))
            (update-in [:clients i :text] #(reduce g/apply-change % (.toApply r))))))))

(defn- drain [world]
  (let [n (count (:clients world))
        busy? (fn [w] (some seq (concat (:up w) (:down w))))]
    (loop [w world]
      (if (busy? w)
        (recur (reduce (fn [w i] (-> w (server-receive i) (client-receive i))) w (range n)))
        w))))

(defn- start [d k]
  {:server {:text d :history []}
   :clients (vec (repeat k {:text d :state (Synchronized. 0)}))
   :up (vec (repeat k clojure.lang.PersistentQueue/EMPTY))
   :down (vec (repeat k clojure.lang.PersistentQueue/EMPTY))})

(def ^:private event
  (gen/one-of [(gen/tuple (gen/return :edit) gen/nat (g/abstract-change g/a-alphabet))
               (gen/tuple (gen/return :to-server) gen/nat)
               (gen/tuple (gen/return :to-client) gen/nat)
               (gen/tuple (gen/return :to-client-run) gen/nat)]))

;; invariant: k clients editing concurrently (each with a change in flight and more
;; buffered), a server that transforms each submission over the history since its version,
;; messages delivered in any order (FIFO per channel), one at a time or a client taking the
;; server changes queued for it as one run: once all are delivered, every client is
;; synchronized at the server's version with the server's text
(defspec n-way-convergence
  (prop/for-all [d g/doc
                 k (gen/choose 2 4)
                 events (gen/vector event 0 60)]
    (let [run (fn [w [kind n abstract]]
                (let [i (mod n k)]
                  (case kind
                    :edit (local-edit w i abstract)
                    :to-server (server-receive w i)
                    :to-client (client-receive w i)
                    :to-client-run (client-receive-run w i))))
          world (drain (reduce run (start d k) events))
          {:keys [text history]} (:server world)]
      (and (= text (reduce g/apply-change d history))
           (every? (fn [{t :text ^ClientState s :state}]
                     (and (= t text) (instance? Synchronized s) (= (.version s) (count history))))
                   (:clients world))))))

;; ---- rope ----

(defn- small-chunk-rope
  "A Rope with 8-char chunks (package-private constructor), so edits cross chunk boundaries."
  ^Rope [^String text]
  (let [ctor (doto (.getDeclaredConstructor Rope (into-array Class [Integer/TYPE])) (.setAccessible true))
        ^Rope r (.newInstance ctor (object-array [(int 8)]))]
    (when (seq text) (.insert r 0 text))
    r))

(defn- model-apply
  "Applies a change to a vector of one-code-point strings."
  [model ^Change change]
  (reduce (fn [m ^Edit e]
            (let [at (.offset e)]
              (if (instance? Insert e)
                (into (subvec m 0 at) cat [(g/code-points (.text ^Insert e)) (subvec m at)])
                (into (subvec m 0 at) (subvec m (+ at (.length ^Delete e)))))))
          model (.edits change)))

;; invariant: after every change of any sequence, a Rope (default or tiny chunks) holds the
;; same text as a code-point-vector model, with the same length, and agrees on a substring
(defspec rope-agrees-with-a-code-point-model
  (prop/for-all [d g/doc
                 steps (gen/vector (gen/tuple (g/abstract-change (into g/a-alphabet ["long text, 14"]))
                                              gen/nat gen/nat)
                                   1 40)]
    (let [ropes [(Rope. ^String d) (small-chunk-rope d)]]
      (loop [model (g/code-points d), steps steps]
        (if-let [[abstract x y] (first steps)]
          (let [change (g/realize abstract (count model))
                model (model-apply model change)
                n (count model)
                from (mod x (inc n))
                to (+ from (mod y (inc (- n from))))]
            (run! #(Ot/apply ^Rope % ^Change change) ropes)
            (if (every? (fn [^Rope r] (and (= (.length r) n)
                                           (= (.toString r) (apply str model))
                                           (= (.substring r (int from) (int to)) (apply str (subvec model from to)))))
                        ropes)
              (recur model (rest steps))
              false))
          true)))))
