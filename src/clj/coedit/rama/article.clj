(ns coedit.rama.article
  "The records and helpers of Red Planet Labs' article \"Massively scalable collaborative
  text editor backend with Rama in 120 LOC\", so its client snippets run verbatim against
  coedit's editor module:

    (def edit-depot (foreign-depot ipc \"editor\" \"*edit-depot\"))
    (foreign-append! edit-depot (mk-add-edit 123 3 5 \"to the \"))
    (foreign-select [(keypath 123) (srange 3 8)] (foreign-pstate ipc \"editor\" \"$$edits\"))
    (foreign-invoke-query (foreign-query ipc \"editor\" \"doc+version\") 123)

  - `->Edit`, `->AddText`, `->RemoveText`: the article's records; an Edit appended to the
    editor's depot becomes one coedit submission (`AddText` an insert, `RemoveText` a
    delete, the id the document \"123\", numbered by the depot client).
  - `mk-add-edit`, `mk-remove-edit`: the article's test helpers, with its defaults (document
    123, version 0).

  One difference: coedit's version counts accepted submissions, the article's the pieces a
  transformed edit splits into (see README, \"Versions\")."
  (:require [coedit.rama :as rama])
  (:import (coedit.editor.data EditSubmission)
           (coedit.ot Change Delete Insert)))

(set! *warn-on-reflection* true)

(defrecord AddText [content])
(defrecord RemoveText [amount])
(defrecord Edit [id version offset action])

(defn mk-add-edit
  "An Edit adding `content` at `offset`, made on `version` of document `id` (default 123, 0)."
  ([offset content] (mk-add-edit 123 0 offset content))
  ([id version offset content] (->Edit id version offset (->AddText content))))

(defn mk-remove-edit
  "An Edit removing `amount` characters at `offset`, made on `version` of document `id`."
  ([offset amount] (mk-remove-edit 123 0 offset amount))
  ([id version offset amount] (->Edit id version offset (->RemoveText amount))))

(defn- edit-change ^Change [{:keys [offset action]}]
  (Change/of (into-array coedit.ot.Edit
                         [(if (instance? AddText action)
                            (Insert. (int offset) (:content action))
                            (Delete. (int offset) (int (:amount action))))])))

(extend-protocol rama/EditorRecord
  Edit
  (-submission [e depot]
    (EditSubmission. (str (:id e)) (:client-id depot) (rama/next-seq! depot)
                     (long (:version e)) (edit-change e))))
