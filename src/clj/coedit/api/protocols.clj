(ns coedit.api.protocols
  "Extension points of coedit.api; the public functions there drop the dash.

  - `AsChange`: anything that denotes a change becomes a `coedit.ot.Change`. Built in:
    a Change, one edit map, a sequence of edit maps or Edit records, nil (no edits).
  - `Selectable`: anything `select` can navigate becomes a root view for Specter. Built
    in: the engine's MapPState, ListPState and SortedMapPState clients. Extend it to read
    another store through the same paths.
  - `Watchable`: anything `watch!` can subscribe to. Built in: the engine's PState
    clients (one key each).")

(defprotocol AsChange
  (-change [x] "This value as a coedit.ot.Change; ex-info naming the bad part otherwise."))

(defprotocol Selectable
  (-root [pstate opts]
    "The root a Specter path navigates; `opts` as coedit.api.views/root-view takes."))

(defprotocol Watchable
  (-watch [pstate key opts]
    "Subscribes to `key`: `((:on-update opts) new diff old)` per committed change,
    `((:on-resync opts) current)` after dropped updates, every value passed through
    `(:value-fn opts)` first. Returns a coedit.engine.Proxy."))
