;; The `-X` (exec) mode of bin/clj, as the official CLI's clojure.run.exec does it: take
;; the function and its arguments from the alias (:exec-fn, :exec-args, :ns-default,
;; :ns-aliases in the basis argmap), let the command line name another function and add
;; `:key value` pairs (`:a:b v` sets a nested key; values are EDN, or strings when they
;; are not EDN), then call the function with the one resulting map.
(require '[clojure.edn :as edn]
         '[clojure.java.basis :as basis])

(defn- exec-fail [& msg]
  (binding [*out* *err*] (println (apply str "bin/clj -X: " msg)))
  (System/exit 1))

(defn- read-value [^String s]
  (try (edn/read-string s) (catch Exception _ s)))

(defn- key-path [^String s]
  (if (.startsWith s ":")
    (mapv keyword (remove empty? (.split s ":")))
    (exec-fail "expected a :key, got " (pr-str s))))

(defn- qualify [sym {:keys [ns-default ns-aliases]}]
  (cond
    (nil? sym) (exec-fail "no function: name one, or give the alias an :exec-fn")
    (not (symbol? sym)) (exec-fail "not a function name: " (pr-str sym))
    (namespace sym) (symbol (str (get ns-aliases (symbol (namespace sym)) (namespace sym))) (name sym))
    ns-default (symbol (str ns-default) (name sym))
    :else (exec-fail "unqualified function " sym " and no :ns-default")))

(let [argmap (:argmap (basis/current-basis))
      args *command-line-args*
      [f kvs] (if (odd? (count args))
                [(read-value (first args)) (rest args)]
                [(:exec-fn argmap) args])
      fq (qualify f argmap)
      fn-var (try (requiring-resolve fq)
                  (catch Exception e (exec-fail "cannot load " fq ": " (.getMessage e))))
      arg-map (reduce (fn [m [k v]] (assoc-in m (key-path k) (read-value v)))
                      (or (:exec-args argmap) {})
                      (partition 2 kvs))]
  (when-not fn-var (exec-fail "no such function: " fq))
  (fn-var arg-map)
  (shutdown-agents))
