(ns coedit.history
  "Concurrent editing histories as data (after jepsen's knossos and elle): simulated
  clients run the real client state machine (coedit.ot.ClientState) against an editor,
  over a network whose every delivery is an event; a pure checker judges the outcome.

  Design. A test generates a vector of events, runs them through `run-events` one after
  another (so a run is deterministic and test.check can shrink the vector), lets the
  system quiesce, then `check`s the result. Events never fail to apply: one that does not
  fit the current state (a send with nothing on the wire) does nothing, so any
  sub-vector of a history is a history, which is what shrinking needs.

  Events (short form in brackets, for `parse`):
    {:f :edit :client c :edits [[:ins pos text] [:del pos n] ...]}   [0i3:ab+d$:1]
        a local edit of several edits; pos is :start, :end or an integer taken modulo
        the text length + 1 (deletes are clamped to the text), so any edit fits
    {:f :send :client c}        [0s]  the oldest message on c's wire reaches the server
    {:f :recv :client c}        [0r]  the next server history entry reaches c (if online)
    {:f :dup :client c}         [0u]  the network duplicates c's last sent submission
    {:f :disconnect :client c :lose? b}  [0x lose the wire, 0X keep it]  c goes offline
    {:f :reconnect :client c}   [0c]  c comes back and resends its unacknowledged change
    {:f :crash :sends k}        [!k]  k messages leave the wires, then at once the server
                                      dies abruptly and restarts (if the editor can)

  A client is Synchronized / AwaitingConfirm / AwaitingWithBuffer as in ot.js: one change
  in flight, later edits composed into a buffer. It learns its acknowledgement from the
  history stream (its own client id and seq), like collab; the submit ack is only logged.

  The observed log is a vector of op maps, `{:process 0 :type :invoke|:ok|:fail|:info :f
  :submit :value {...}}`. The checker's verdict is `{:valid? bool :anomaly-types [...]
  :anomalies {type [details]}}`.

  An editor is a map of functions: `:submit` (submission map -> ack map, see
  coedit.api/submit!), `:entries` (doc-id, from, to -> entry maps with from < version <= to),
  `:read` (doc-id -> {:text :version}); optionally `:submit-async` (-> a future of the ack)
  and `:crash!` (kill the server abruptly and start it again on the same data)."
  (:require [clojure.pprint :as pprint]
            [clojure.string :as str]
            [clojure.test.check :as tc]
            [clojure.test.check.properties :as prop]
            [coedit.api.data :as data])
  (:import (coedit.editor ModelDocumentService)
           (coedit.ot AwaitingConfirm AwaitingWithBuffer Change ClientState ClientStep Ot
                      Synchronized)
           (java.util.concurrent Future TimeUnit)))

(set! *warn-on-reflection* true)

;; ---------------------------------------------------------------- the short form

(defn- parse-pos [^String s]
  (case s "^" :start "$" :end (parse-long s)))

(defn- parse-edit [^String s]
  (let [[_ kind pos arg] (re-matches #"([id])(\^|\$|\d+):(.+)" s)]
    (when-not kind (throw (ex-info (str "bad edit " (pr-str s) ", expected like i3:ab or d$:1") {:edit s})))
    (if (= kind "i") [:ins (parse-pos pos) arg] [:del (parse-pos pos) (parse-long arg)])))

(defn parse
  "Events from the short form: `(parse \"0i^:ab 0s 1i$:c 1s 0r 1r\")`."
  [s]
  (vec (for [tok (str/split (str/trim s) #"\s+")
             :when (seq tok)]
         (if (str/starts-with? tok "!")
           {:f :crash :sends (or (parse-long (subs tok 1)) 0)}
           (let [[_ c op rest] (re-matches #"(\d+)([isruxXc])(.*)" tok)
                 c (some-> c parse-long)]
             (case op
               "i" {:f :edit :client c :edits (mapv parse-edit (str/split (str "i" rest) #"\+"))}
               "s" {:f :send :client c}
               "r" {:f :recv :client c}
               "u" {:f :dup :client c}
               "x" {:f :disconnect :client c :lose? true}
               "X" {:f :disconnect :client c :lose? false}
               "c" {:f :reconnect :client c}
               (throw (ex-info (str "bad event " (pr-str tok)) {:token tok}))))))))

;; ---------------------------------------------------------------- local edits

(defn- cp-count ^long [^String s] (.codePointCount s 0 (.length s)))

(defn- resolve-pos ^long [pos ^long len]
  (case pos :start 0 :end len (mod (long pos) (inc len))))

(defn concrete-edits
  "The edit maps that `edits` (abstract, as in :edit events) denote on `text`, in order;
  edits that would change nothing (a delete on an empty text) are dropped."
  [^String text edits]
  (loop [[e & more] edits, text text, out []]
    (if-not e
      out
      (let [len (cp-count text)
            edit (case (first e)
                   :ins (let [[_ pos t] e] {:type :insert :offset (resolve-pos pos len) :text t})
                   :del (let [[_ pos n] e
                              off (min (resolve-pos pos len) (dec len))]
                          (when (pos? len)
                            {:type :delete :offset off :length (max 1 (min (long n) (- len off)))})))]
        (if edit
          (recur more (Ot/apply text (data/->change edit)) (conj out edit))
          (recur more text out))))))

;; ---------------------------------------------------------------- clients

(defn- new-client [i]
  {:id (str "c" i) :cs (Synchronized. 0) :text "" :seq 0
   :pending nil      ; the submission in flight (sent or waiting to be), until acknowledged
   :wire []          ; submissions on their way to the server
   :last-sent nil
   :online? true})

(defn- log [st op] (update st :log conj op))

(defn- next-submission
  "After a step that yields `to-send`: the submission carrying it, on the wire if online."
  [st c ^ClientStep step]
  (let [cl (get-in st [:clients c])
        next-cs ^ClientState (.next step)]
    (if-let [to-send (.toSend step)]
      (let [sub {:doc-id (:doc-id st) :client-id (:id cl) :seq (inc (long (:seq cl)))
                 :version (.version next-cs) :change (data/change->data to-send)}]
        (-> st
            (update :submitted conj [(:id cl) (:seq sub)])
            (update-in [:clients c] merge {:cs next-cs :seq (:seq sub) :pending sub})
            (cond-> (:online? cl) (update-in [:clients c :wire] conj sub))))
      (assoc-in st [:clients c :cs] next-cs))))

(defn- local-edit [st c edits]
  (let [cl (get-in st [:clients c])
        concrete (concrete-edits (:text cl) edits)]
    (if (empty? concrete)
      st
      (let [change (data/->change concrete)
            st (-> (assoc-in st [:clients c :text] (Ot/apply ^String (:text cl) change))
                   (log {:process c :type :ok :f :edit :value concrete}))]
        (next-submission st c (.applyLocal ^ClientState (:cs cl) change))))))

(defn- receive-entry
  "Client `c` integrates history `entry`: its own pending submission's entry is the ack."
  [st c {:keys [version client-id seq change] :as entry}]
  (let [cl (get-in st [:clients c])
        ^ClientState cs (:cs cl)
        own? (and (= client-id (:id cl)) (= seq (:seq (:pending cl))))]
    (cond
      (not= version (inc (.version cs)))
      (log st {:process c :type :fail :f :recv :value {:expected (inc (.version cs)) :got version}})

      own?
      (-> (assoc-in st [:clients c :pending] nil)
          (log {:process c :type :ok :f :recv :value {:version version :own? true}})
          (next-submission c (.serverAck cs version)))

      :else
      (let [st (cond-> st
                 (= client-id (:id cl))
                 (log {:process c :type :info :f :recv
                       :value {:version version :unexpected-own-seq seq :pending (:seq (:pending cl))}}))
            step (.applyServer cs (data/->change change))]
        (-> st
            (update-in [:clients c] assoc
                       :cs (.next step)
                       :text (Ot/apply ^String (:text cl) ^Change (.toApply step)))
            (log {:process c :type :ok :f :recv :value {:version version :own? false}}))))))

(defn- client-version ^long [st c] (.version ^ClientState (get-in st [:clients c :cs])))

(defn- recv [st editor c]
  (let [v (client-version st c)]
    (if-let [entry (and (get-in st [:clients c :online?])
                        (first ((:entries editor) (:doc-id st) v (inc v))))]
      (receive-entry st c entry)
      st)))

(defn- recv-all [st editor c]
  (reduce #(receive-entry %1 c %2) st
          ((:entries editor) (:doc-id st) (client-version st c) Long/MAX_VALUE)))

;; ---------------------------------------------------------------- the server side

(defn- ack-op [c sub ack]
  (if (= :accepted (:status ack))
    {:process c :type :ok :f :submit
     :value {:seq (:seq sub) :version (:version ack) :duplicate? (:duplicate? ack)}}
    {:process c :type :fail :f :submit :value {:seq (:seq sub) :error (:error ack)}}))

(defn- collect-acks
  "Logs the async submissions that completed (all of them, waiting, when `wait?`)."
  [st wait?]
  (let [{done true waiting false}
        (group-by (fn [{:keys [^Future future]}]
                    (or (.isDone future)
                        (and wait? (try (.get future 30 TimeUnit/SECONDS) true
                                        (catch Exception _ true)))))
                  (:in-flight st))]
    (reduce (fn [st {:keys [c sub ^Future future]}]
              (log st (try (ack-op c sub (.get future))
                           (catch Exception e
                             {:process c :type :info :f :submit
                              :value {:seq (:seq sub) :error (str (or (ex-cause e) e))}}))))
            (assoc st :in-flight (vec waiting))
            done)))

(defn- send-one [st editor c]
  (if-let [sub (first (get-in st [:clients c :wire]))]
    (let [st (-> (update-in st [:clients c :wire] (comp vec rest))
                 (assoc-in [:clients c :last-sent] sub)
                 (log {:process c :type :invoke :f :submit
                       :value (select-keys sub [:seq :version :change])}))]
      (if-let [submit-async (:submit-async editor)]
        (update st :in-flight conj {:c c :sub sub :future (submit-async sub)})
        (log st (try (ack-op c sub ((:submit editor) sub))
                     (catch Exception e
                       {:process c :type :info :f :submit
                        :value {:seq (:seq sub) :error (str e)}})))))
    st))

(declare step)

(defn- crash
  "Sends up to `sends` messages from the clients' wires without waiting for them, then
  kills the server at once, so some appends are in flight when it dies."
  [st editor sends]
  (if-let [crash! (:crash! editor)]
    (let [with-wire #(filter (fn [c] (seq (get-in % [:clients c :wire]))) (keys (:clients %)))
          st (loop [st st, k (long (or sends 0))]
               (if-let [c (and (pos? k) (first (with-wire st)))]
                 (recur (send-one st editor c) (dec k))
                 st))
          st (log st {:process :nemesis :type :invoke :f :crash})
          online (filter #(get-in st [:clients % :online?]) (keys (:clients st)))]
      (crash!)
      ;; The connections died with the server: in-flight appends have unknown outcomes and
      ;; nothing on the wire arrives. Clients that were online reconnect at once to the
      ;; restarted server and resend their pending change.
      (as-> (collect-acks st true) st
        (update st :clients update-vals #(assoc % :online? false :wire []))
        (log st {:process :nemesis :type :ok :f :crash})
        (reduce #(step %1 editor {:f :reconnect :client %2}) st online)))
    st))

(defn step
  "Applies one event to the run state."
  [st editor {:keys [f client] :as ev}]
  (let [st (cond-> st (seq (:in-flight st)) (collect-acks false))
        c (when client (mod (long client) (count (:clients st))))]
    (case f
      :edit (local-edit st c (:edits ev))
      :send (send-one st editor c)
      :recv (recv st editor c)
      :dup (if-let [sub (get-in st [:clients c :last-sent])]
             (update-in st [:clients c :wire] conj sub)
             st)
      :disconnect (update-in st [:clients c] #(cond-> (assoc % :online? false)
                                                 (:lose? ev) (assoc :wire [])))
      :reconnect (if (get-in st [:clients c :online?])
                   st
                   (update-in st [:clients c]
                              #(cond-> (assoc % :online? true)
                                 (:pending %) (update :wire conj (:pending %)))))
      :crash (crash st editor (:sends ev)))))

(defn- quiet? [st server-version]
  (every? (fn [[c cl]] (and (empty? (:wire cl)) (nil? (:pending cl))
                            (= server-version (client-version st c))))
          (:clients st)))

(defn quiesce
  "Reconnects everyone, then delivers every message until nothing moves: all wires empty,
  nothing pending, every client at the server's version (or `max-rounds` rounds passed)."
  [st editor max-rounds]
  (let [st (reduce #(step %1 editor {:f :reconnect :client %2}) st (keys (:clients st)))]
    (loop [st st, round 0]
      (let [st (collect-acks st true)
            v (:version ((:read editor) (:doc-id st)))]
        (if (or (quiet? st v) (>= round max-rounds))
          (assoc st :rounds round)
          (let [st (reduce (fn [st c]
                             (loop [st st]
                               (if (seq (get-in st [:clients c :wire]))
                                 (recur (send-one st editor c))
                                 st)))
                           st (keys (:clients st)))
                st (collect-acks st true)
                st (reduce #(recv-all %1 editor %2) st (keys (:clients st)))]
            (recur st (inc round))))))))

(defn run-events
  "Runs `events` with `n` clients on document `doc-id` through `editor`, quiesces, and
  returns the run: `:log`, the final `:clients`, the server's `:final` doc and `:history`,
  and `:submitted` (every [client-id seq] a client created)."
  [editor doc-id n events]
  (let [st0 {:doc-id doc-id :log [] :in-flight [] :submitted []
             :clients (into (sorted-map) (map (juxt identity new-client)) (range n))}
        st (quiesce (reduce #(step %1 editor %2) st0 events) editor 50)]
    (assoc st
           :final ((:read editor) doc-id)
           :history ((:entries editor) doc-id 0 Long/MAX_VALUE))))

;; ---------------------------------------------------------------- the checker

(defn replay
  "The text that applying every entry's change in order to the empty document gives."
  [entries]
  (reduce (fn [text e] (Ot/apply ^String text (data/->change (:change e)))) "" entries))

(defn check
  "The verdict on a finished run: every client's text equals the server's, which equals
  the replay of its history; history versions are 1..n and the document is at n; every
  submission a client created is in the history exactly once; accepted acks name their
  own entry (duplicates the original one) and rise by one; nothing valid was rejected;
  clients learned about their entries in order and ended at the server's version."
  [{:keys [final history clients submitted log rounds]}]
  (let [text (:text final)
        n (count history)
        by-sub (group-by (juxt :client-id :seq) history)
        entry-at (into {} (map (juxt :version identity)) history)
        acks (filter #(and (= :submit (:f %)) (= :ok (:type %))) log)
        fresh-versions (map (comp :version :value) (remove (comp :duplicate? :value) acks))
        unknown-outcomes? (some #(and (= :submit (:f %)) (= :info (:type %))) log)
        client-id (fn [c] (get-in clients [c :id]))
        anomalies
        (cond-> {}
          (> (or rounds 0) 40)
          (assoc :no-quiescence [{:rounds rounds}])

          (not= (map :version history) (range 1 (inc n)))
          (assoc :version-gap [{:versions (mapv :version history)}])

          (not= (:version final) n)
          (assoc :doc-version [{:doc-version (:version final) :history-length n}])

          (not= text (replay history))
          (assoc :replay-mismatch [{:server text :replay (replay history)}])

          (seq (for [[c cl] clients :when (not= text (:text cl))] c))
          (assoc :diverged (vec (for [[c cl] clients :when (not= text (:text cl))]
                                  {:client c :text (:text cl) :server text})))

          (seq (for [[c cl] clients
                     :when (not= (:version final) (.version ^ClientState (:cs cl)))] c))
          (assoc :client-version (vec (for [[c cl] clients
                                            :let [v (.version ^ClientState (:cs cl))]
                                            :when (not= (:version final) v)]
                                        {:client c :version v})))

          (seq (remove #(= 1 (count (by-sub %))) submitted))
          (assoc :not-exactly-once (vec (for [s submitted
                                              :let [k (count (by-sub s))]
                                              :when (not= 1 k)]
                                          {:submission s :entries k})))

          (seq (remove (set submitted) (keys by-sub)))
          (assoc :unknown-entry (vec (remove (set submitted) (keys by-sub))))

          (seq (for [{c :process {:keys [seq version]} :value} acks
                     :let [e (entry-at version)]
                     :when (not= [(client-id c) seq] [(:client-id e) (:seq e)])] c))
          (assoc :wrong-ack (vec (for [{c :process {:keys [seq version]} :value :as op} acks
                                       :let [e (entry-at version)]
                                       :when (not= [(client-id c) seq] [(:client-id e) (:seq e)])]
                                   {:op op :entry (dissoc e :change)})))

          (not (apply < -1 fresh-versions))
          (assoc :acks-not-increasing [{:versions (vec fresh-versions)}])

          (and (not unknown-outcomes?)
               (not= fresh-versions (range 1 (inc (count fresh-versions)))))
          (assoc :acks-not-consecutive [{:versions (vec fresh-versions)}])

          (seq (filter #(and (= :submit (:f %)) (= :fail (:type %))) log))
          (assoc :rejected (vec (filter #(and (= :submit (:f %)) (= :fail (:type %))) log)))

          (seq (filter #(and (= :recv (:f %)) (#{:fail :info} (:type %))) log))
          (assoc :stream-order (vec (filter #(and (= :recv (:f %)) (#{:fail :info} (:type %))) log))))]
    {:valid? (empty? anomalies)
     :anomaly-types (vec (sort (keys anomalies)))
     :anomalies anomalies
     :stats {:events (count log) :versions n
             :submissions (count submitted)
             :duplicates (count (filter (comp :duplicate? :value) acks))
             :in-doubt (count (filter #(and (= :submit (:f %)) (= :info (:type %))) log))}}))

;; ---------------------------------------------------------------- a reference server

(defn model-editor
  "The editor's reference model (coedit.editor.ModelDocumentService: the module's own
  DocumentStep over in-memory lists), for testing the harness. With
  `{:transform? false}` it forgets to transform: a mutant the checker must catch."
  ([] (model-editor nil))
  ([{:keys [transform?] :or {transform? true}}]
   (let [^ModelDocumentService model (if transform?
                                       (ModelDocumentService.)
                                       (ModelDocumentService/forgettingToTransform))]
     {:submit (fn [submission]
                (data/result->data (.submitNow model (data/->submission submission))))
      :entries (fn [doc-id from to]
                 (mapv data/entry->data (.history model doc-id (long from) (long to))))
      :read (fn [doc-id] (data/snapshot->data (.read model doc-id)))})))

;; ---------------------------------------------------------------- properties

(defn- totals-line [title {:keys [trials events ops submissions duplicates versions crashes in-doubt]} failures]
  (format (str "%s: %,d histories, %,d events (%,d ops logged), %,d submissions, %,d duplicate acks,"
               " %,d versions, %,d crashes, %,d appends in doubt at a crash, %d failures")
          title trials events ops submissions duplicates versions crashes in-doubt failures))

(defn check-histories
  "Runs `trials` histories from `gen` (coedit.history-gen/history) through the editor that
  `(make-editor)` returns, each on a fresh document, and shrinks a failure to a minimal
  history. Returns `{:pass? bool :summary \"...\" :report \"...\"}` where the report prints
  the shrunk history as data (paste it into a test or save it under
  test/resources/histories/) with its verdict. `:seed` repeats a run."
  [title make-editor gen trials & {:keys [seed]}]
  (let [totals (atom {:trials 0 :events 0 :ops 0 :submissions 0 :duplicates 0 :versions 0
                      :crashes 0 :in-doubt 0})
        editor (make-editor)
        run (fn [{:keys [clients events]}]
              (let [r (run-events editor (str "h-" (random-uuid)) clients events)
                    verdict (check r)]
                (swap! totals #(merge-with + % (select-keys (:stats verdict)
                                                            [:submissions :duplicates :versions :in-doubt])
                                           {:trials 1 :events (count events) :ops (count (:log r))
                                            :crashes (count (filter (comp #{:crash} :f) events))}))
                verdict))
        result (tc/quick-check trials (prop/for-all [h gen] (:valid? (run h)))
                               :seed (or seed (System/currentTimeMillis)))
        failures (if (:pass? result) 0 1)
        summary (totals-line title @totals failures)]
    (println summary)
    (if (:pass? result)
      {:pass? true :summary summary}
      (let [smallest (first (get-in result [:shrunk :smallest]))]
        {:pass? false
         :summary summary
         :report (with-out-str
                   (println title "failed; seed" (:seed result) "; shrunk history:")
                   (pprint/pprint smallest)
                   (println "verdict:")
                   (pprint/pprint (dissoc (check (run-events editor "shrunk" (:clients smallest) (:events smallest)))
                                          :stats)))}))))
