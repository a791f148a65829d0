(ns coedit.friendsforever-test
  "The friendsforever trace (two people typing at once with 1 s of latency; 26,078 txns;
  ../shared/traces, CC BY 4.0, Joseph Gentle's editing-traces) replayed as two simulated
  clients through the engine and the editor module, twice:

  - with coedit.tools.replay.ConcurrentReplay, whose agents decide ties between
    concurrent inserts by the trace's merge order: clients, server and the replay of the
    server's history end at the trace's endContent exactly;
  - with the clients below, written independently here, which leave every tie to the
    server: clients, server and history must agree.

  Each client is the protocol's client: one change in flight (a coedit.ot.ClientState)
  and the rest waiting; server changes are transformed over what is in flight and
  waiting. The client's document must be exactly what the trace says its author saw when
  typing a txn: the server changes its parents include, plus its own. So a client
  integrates another agent's change only once its next txn has seen it, and it sends
  its waiting txns one by one rather than composed into one buffer: with ot.js's
  composing buffer, the other agent would sometimes need half of a composed change (on
  this trace, at txn 154), which no server stream can deliver. The server's order is
  the order submissions arrive; each txn is one submission, one version.

  Scheduling: repeatedly, every client takes the server entries it may see, then the
  earliest txn (in file order) whose author has seen exactly its parents is typed."
  (:require [clojure.test :refer [deftest is]]
            [coedit.api :as api]
            [coedit.api.data :as data]
            [coedit.history :as h]
            [coedit.test-support :as support])
  (:import (coedit.editor EngineDocumentService)
           (coedit.ot Change ClientState ClientStep Insert Delete Edit Ot Rope Synchronized
                      Transformed)
           (coedit.tools.replay ConcurrentReplay)
           (coedit.tools.trace Traces Patch ConcurrentTrace ConcurrentTrace$Txn)
           (java.util ArrayList List)))

(set! *warn-on-reflection* true)


(defn- txn-change ^Change [^ConcurrentTrace$Txn txn]
  (Change. ^List (vec (mapcat (fn [^Patch p]
                                (cond-> []
                                  (pos? (.deleteCount p)) (conj (Delete. (.position p) (.deleteCount p)))
                                  (seq (.insert p)) (conj (Insert. (.position p) (.insert p)))))
                              (.patches txn)))))

(defn causality
  "Per txn, per agent: the last txn of that agent among the txn's ancestors (itself
  included), -1 for none; and per agent the txns it typed, in order."
  [^ConcurrentTrace trace]
  (let [agents (.numAgents trace)
        ^List txns (.txns trace)
        known (object-array (.size txns))]
    (dotimes [i (.size txns)]
      (let [^ConcurrentTrace$Txn t (.get txns i)
            v (long-array agents -1)]
        (doseq [p (.parents t)]
          (let [^longs pv (aget known (int p))]
            (dotimes [a agents] (aset v a (max (aget v a) (aget pv a))))))
        (aset v (.agent t) (long i))
        (aset known i v)))
    {:known known
     :chains (vec (for [a (range agents)]
                    (vec (filter #(= a (.agent ^ConcurrentTrace$Txn (.get txns (int %)))) (range (.size txns))))))}))

(defn replay
  "Replays `trace` through `editor` (coedit.api editor module instance) on `doc-id`.
  Returns {:texts [client texts] :server text :submissions n} or {:error ...}."
  [^ConcurrentTrace trace editor doc-id]
  (let [^List txns (.txns trace)
        agents (.numAgents trace)
        {:keys [^objects known chains]} (causality trace)
        changes (object-array (map txn-change txns))
        ;; Empty txns are never submitted: what another agent needs is the last non-empty
        ;; txn of an agent at or before the one its parents name.
        last-sent (vec (for [a (range agents)]
                         (let [arr (long-array (.size txns))]
                           (loop [i 0 last -1]
                             (when (< i (.size txns))
                               (let [last (if (and (= a (.agent ^ConcurrentTrace$Txn (.get txns i)))
                                                   (not (.isEmpty ^Change (aget changes i))))
                                            i last)]
                                 (aset arr i (long last))
                                 (recur (inc i) last))))
                           arr)))
        entries (ArrayList.)
        fetch! (fn [v]
                 ;; Entries are cached as fetched: the server never changes a version.
                 (when (> (long v) (.size entries))
                   (.addAll entries (api/history editor doc-id {:from (.size entries)})))
                 (when (<= (long v) (.size entries)) (.get entries (dec (long v)))))
        clients (vec (for [a (range agents)]
                       (volatile! {:agent a :id (str "agent-" a) :cs (Synchronized. 0) :rope (Rope.)
                                   :queue clojure.lang.PersistentQueue/EMPTY :in-flight nil
                                   :received 0 :next 0 :seen (vec (repeat agents -1))})))
        submissions (volatile! 0)
        need (fn ^long [a g]
               ;; What agent a's next txn has seen of agent g (Long/MAX_VALUE when a is done).
               (let [{:keys [next]} @(clients a)
                     chain (chains a)]
                 (if (>= (long next) (count chain))
                   Long/MAX_VALUE
                   (let [k (aget ^longs (aget known (int (chain next))) (int g))]
                     (if (neg? k) -1 (aget ^longs (last-sent g) (int k)))))))
        send! (fn [c ^ClientState cs txn ^Change change]
                (let [^ClientStep step (.applyLocal cs change)
                      ^ClientState cs' (.next step)
                      ack (api/submit! editor {:doc-id doc-id :client-id (:id @c) :seq txn
                                               :version (.version cs') :change (.toSend step)})]
                  (vswap! submissions inc)
                  (when-not (= :accepted (:status ack))
                    (throw (ex-info (str "txn " txn " was not accepted: " (pr-str ack)) {:ack ack})))
                  (vswap! c assoc :cs cs' :in-flight txn)))
        integrate! (fn [a]
                     ;; Takes the server entries agent a may see; true when it took any.
                     (let [c (clients a)]
                       (loop [took? false]
                         (let [{:keys [^ClientState cs received in-flight queue id ^Rope rope]} @c
                               v (inc (long received))
                               e (fetch! v)]
                           (cond
                             (nil? e) took?

                             (= id (:client-id e))
                             (let [cs' (.next (.serverAck cs v))]
                               (when-not (= in-flight (:seq e))
                                 (throw (ex-info (str id " got an ack for txn " (:seq e) " but "
                                                      in-flight " is in flight") {:entry e})))
                               (vswap! c assoc :cs cs' :in-flight nil :received v)
                               (when-let [[txn change] (peek queue)]
                                 (vswap! c update :queue pop)
                                 (send! c cs' txn change))
                               (recur true))

                             (<= (long (:seq e)) (need a (.agent ^ConcurrentTrace$Txn (.get txns (int (:seq e))))))
                             (let [g (.agent ^ConcurrentTrace$Txn (.get txns (int (:seq e))))
                                   ^ClientStep step (.applyServer cs (data/->change (:change e)))
                                   [s queue'] (reduce (fn [[^Change s q] [txn ^Change mine]]
                                                        (let [^Transformed t (Ot/transform s mine)]
                                                          [(.acceptedPrime t) (conj q [txn (.incomingPrime t)])]))
                                                      [(.toApply step) clojure.lang.PersistentQueue/EMPTY]
                                                      queue)]
                               (Ot/apply rope ^Change s)
                               (vswap! c #(-> (assoc % :cs (.next step) :queue queue' :received v)
                                              (assoc-in [:seen g] (:seq e))))
                               (recur true))

                             :else took?)))))
        type! (fn [a]
                (let [c (clients a)
                      {:keys [next ^ClientState cs in-flight ^Rope rope]} @c
                      txn ((chains a) next)
                      ^Change change (aget changes (int txn))]
                  (vswap! c update :next inc)
                  (when-not (.isEmpty change)
                    (Ot/apply rope change)
                    (if in-flight
                      (vswap! c update :queue conj [txn change])
                      (send! c cs txn change)))))
        ready? (fn [a]
                 ;; Agent a may type its next txn once its document holds exactly the
                 ;; other agents' txns that the txn's parents include.
                 (let [{:keys [next seen]} @(clients a)]
                   (and (< (long next) (count (chains a)))
                        (every? #(or (= % a) (= (need a %) (long (seen %)))) (range agents)))))]
    (loop [typed 0]
      (while (some true? (mapv integrate! (range agents))))
      (if (< typed (.size txns))
        (if-let [a (first (sort-by #((chains %) (:next @(clients %)))
                                   (filter ready? (range agents))))]
          (do (type! a) (recur (inc typed)))
          {:error (str "no agent can type after " typed " txns")})
        (let [server (api/doc editor doc-id)]
          {:texts (mapv #(str (:rope @%)) clients)
           :queues (mapv #(count (:queue @%)) clients)
           :server (:text server)
           :version (:version server)
           :submissions @submissions})))))

(defn- with-trace [f]
  (if-let [file (support/shared-trace "friendsforever.json.gz")]
    (f (Traces/readConcurrent (.toPath file)))
    (support/skip! (str "shared/traces/friendsforever.json.gz not found above " (support/repo-root)))))

(deftest friendsforever-reaches-end-content-when-agents-break-ties-by-the-traces-merge-order
  ;; coedit.tools.replay.ConcurrentReplay: ClientState agents whose user view lags their
  ;; document, with ties between concurrent inserts decided by the trace's merge order.
  (with-trace
    (fn [^ConcurrentTrace trace]
      (with-open [c (api/start-cluster {:modules [(api/editor-module)] :fsync :never})]
        (let [editor (api/module c "editor")
              r (ConcurrentReplay/run (EngineDocumentService. editor) "friendsforever" trace)]
          (println (format "friendsforever (ConcurrentReplay): %,d submissions in %.1f s"
                           (.submissions r) (/ (.nanos r) 1e9)))
          (is (nil? (.problem r)) (.problem r))
          (is (= (.endContent trace) (:text (api/doc editor "friendsforever"))))
          (is (= (.endContent trace) (h/replay (api/history editor "friendsforever")))
              "the server's history does not replay to endContent"))))))

(deftest friendsforever-converges-with-causal-clients-leaving-ties-to-the-server
  ;; This namespace's own clients (see the namespace docstring): the server orders and
  ;; transforms every concurrent txn. Clients and server must agree with each other and
  ;; with the history. Their text matches endContent except where two concurrent inserts
  ;; land on one offset after a deleted character (positional OT cannot tell which side
  ;; of it each was typed on; the server's order decides): counted, not asserted.
  (with-trace
    (fn [^ConcurrentTrace trace]
      (with-open [c (api/start-cluster {:modules [(api/editor-module)] :fsync :never})]
        (let [editor (api/module c "editor")
              started (System/nanoTime)
              r (replay trace editor "friendsforever")]
          (is (nil? (:error r)) (:error r))
          (when-not (:error r)
            (println (format (str "friendsforever (causal clients): %,d txns, %,d submissions in %.1f s;"
                                  " %d of %,d characters placed differently from endContent by ties")
                             (.size (.txns trace)) (:submissions r)
                             (/ (- (System/nanoTime) started) 1e9)
                             (count (remove true? (map = (:server r) (.endContent trace))))
                             (count (.endContent trace))))
            (is (= [(:server r) (:server r)] (:texts r)) "a client disagrees with the server")
            (is (= (:server r) (h/replay (api/history editor "friendsforever"))))
            (is (= (count (.endContent trace)) (count (:server r))))
            (is (= (:submissions r) (:version r)))))))))
