// Who else is in the document, and where their cursors are: an immutable map
// clientId -> {clientId, name, colour, selection}. Selections ({anchor, head} in code
// points, or null) are kept in the server's coordinates at the client's server version:
// every change the server accepted moves them (entries and our own acks), with the
// protocol's rule (ot.js mapPosition). The local text also holds our unacknowledged
// edits, so a selection is mapped through them to be drawn (toLocal) and our own caret is
// mapped back through them before it is sent (toServer).

import { length } from './codepoints.js';
import { mapPosition } from './ot.js';

/** Nobody else present. */
export const nobody = Object.freeze({});

/** `peers` updated by a server `presence` message. */
export function receive(peers, msg) {
  const { clientId, name, colour, selection } = msg;
  return Object.freeze({ ...peers, [clientId]: Object.freeze({ clientId, name, colour, selection: selection ?? null }) });
}

/** Whether two views of the peers show the same people, names, colours and selections. */
export function sameView(a, b) {
  const ids = Object.keys(a);
  if (ids.length !== Object.keys(b).length) return false;
  return ids.every((id) => {
    const p = a[id];
    const q = b[id];
    return q !== undefined && p.name === q.name && p.colour === q.colour && same(p.selection, q.selection);
  });
}

/** `peers` without the one who left. */
export function leave(peers, clientId) {
  const { [clientId]: _gone, ...rest } = peers;
  return Object.freeze(rest);
}

/** Every selection moved through `change`, accepted by the server. */
export function moveAll(peers, change) {
  if (change.length === 0) return peers;
  const out = {};
  for (const [id, p] of Object.entries(peers)) {
    out[id] = p.selection ? Object.freeze({ ...p, selection: through(p.selection, change) }) : p;
  }
  return Object.freeze(out);
}

/** `selection` (or null) moved through `change`, accepted by the server. */
export function move(selection, change) {
  return selection && through(selection, change);
}

/** True when two selections (or nulls) are the same. */
export function same(a, b) {
  return a === b || (a !== null && b !== null && a.anchor === b.anchor && a.head === b.head);
}

/** A selection in server coordinates mapped into the local text, through our `pending` changes (in order). */
export function toLocal(selection, pending) {
  return pending.reduce((s, change) => through(s, change), selection);
}

/** Our local selection mapped back to the server's text, undoing our `pending` changes (last first). */
export function toServer(selection, pending) {
  let { anchor, head } = selection;
  for (let c = pending.length - 1; c >= 0; c--) {
    const change = pending[c];
    for (let i = change.length - 1; i >= 0; i--) {
      anchor = unmap(anchor, change[i]);
      head = unmap(head, change[i]);
    }
  }
  return { anchor, head };
}

function through(selection, change) {
  return { anchor: mapPosition(selection.anchor, change), head: mapPosition(selection.head, change) };
}

/** A position before edit `e` was made; text the edit inserted collapses to its start. */
function unmap(p, e) {
  if (e.type === 'insert') {
    const n = length(e.text);
    if (p >= e.offset + n) return p - n;
    return Math.min(p, e.offset);
  }
  return p > e.offset ? p + e.length : p;
}
