(ns coedit.history-gen
  "test.check generators of the events of coedit.history: local edits (inserts and
  deletes at the start, the end and in the middle; several edits in one change; non-BMP
  text), sends and receives in any interleaving (network delay and reordering between
  clients), duplicated messages, disconnects with offline editing, and crashes.
  Everything shrinks towards fewer, simpler events."
  (:require [clojure.test.check.generators :as gen]))

(def text
  "Short texts mixing ASCII, a newline, a combining mark and characters outside the BMP
  (surrogate pairs in UTF-16, one code point each)."
  (gen/frequency [[6 (gen/elements ["a" "b" "c" "xy" "hello "])]
                  [2 (gen/elements ["😀" "𝄞" "a😀b" "🎉🎉"])]
                  [1 (gen/elements ["\n" "é" "e\u0301" "中文"])]]))

(def pos
  (gen/frequency [[2 (gen/return :start)] [2 (gen/return :end)] [5 (gen/choose 0 40)]]))

(def edit
  (gen/frequency [[3 (gen/tuple (gen/return :ins) pos text)]
                  [2 (gen/tuple (gen/return :del) pos (gen/choose 1 5))]]))

(defn- event [clients]
  (let [client (gen/choose 0 (dec clients))]
    (gen/frequency
     [[6 (gen/hash-map :f (gen/return :edit) :client client
                       :edits (gen/vector edit 1 3))]
      [5 (gen/hash-map :f (gen/return :send) :client client)]
      [6 (gen/hash-map :f (gen/return :recv) :client client)]
      [1 (gen/hash-map :f (gen/return :dup) :client client)]
      [1 (gen/hash-map :f (gen/return :disconnect) :client client :lose? gen/boolean)]
      [1 (gen/hash-map :f (gen/return :reconnect) :client client)]])))

(defn history
  "A generator of `{:clients n :events [...]}` with 2..`max-clients` clients and
  `min-events`..`max-events` events; `:crashes? true` mixes in `{:f :crash}` events."
  [{:keys [max-clients min-events max-events crashes?] :or {max-clients 8 min-events 0 max-events 60}}]
  ;; Independent of the client count (events name clients modulo it), so both shrink.
  (gen/hash-map :clients (gen/choose 2 max-clients)
                :events (gen/vector (if crashes?
                                      (gen/frequency [[15 (event max-clients)]
                                                      [1 (gen/hash-map :f (gen/return :crash) :sends (gen/choose 0 4))]])
                                      (event max-clients))
                                    min-events max-events)))
