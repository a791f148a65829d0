// A text as an immutable list of chunks, each knowing its length in code points, so an
// edit costs the size of one chunk plus a walk over chunk lengths, not a copy or a scan of
// the whole text: the session keeps a 1 MB document this way at a few microseconds per
// keystroke (docs/benchmarks.md). Ropes are values: every edit returns a new rope sharing
// the untouched chunks with the old one, so keeping an old version costs next to nothing.
//
// Offsets count Unicode code points, as everywhere in the protocol; utf16At/codePointAt
// convert for editors that count UTF-16 units. A chunk never splits a surrogate pair.

import { length, utf16Index } from './codepoints.js';
import { validate } from './ot.js';

const CHUNK = 1024; // UTF-16 units a new chunk holds
const MAX = 2 * CHUNK; // a chunk grown past this by typing is cut again

/** An immutable code point text. */
export class Rope {
  /** Use Rope.of(text); `chunks` is [{s, n}] with n the code points of s, none empty. */
  constructor(chunks, cps, units) {
    this.chunks = chunks;
    this.length = cps;
    this.utf16Length = units;
    Object.freeze(this);
  }

  /** The rope of `text`. */
  static of(text) {
    const chunks = cut(text);
    return new Rope(chunks, chunks.reduce((n, c) => n + c.n, 0), text.length);
  }

  toString() {
    return this.chunks.map((c) => c.s).join('');
  }

  /** The text from code point `from` to `to` (exclusive). */
  slice(from, to = this.length) {
    if (from >= to) return '';
    let [k, at] = this.locate(from);
    let out = '';
    let left = to - from;
    while (left > 0 && k < this.chunks.length) {
      const c = this.chunks[k];
      const i = utf16Index(c.s, at);
      const take = Math.min(left, c.n - at);
      out += c.s.slice(i, utf16Index(c.s, take, i));
      left -= take;
      k += 1;
      at = 0;
    }
    return out;
  }

  /** This text with `text` inserted at code point `at`. */
  insert(at, text) {
    if (text === '') return this;
    const [k, inChunk] = this.locate(at);
    const c = this.chunks[k];
    const n = length(text);
    const pieces = c
      ? cut(c.s.slice(0, utf16Index(c.s, inChunk)) + text + c.s.slice(utf16Index(c.s, inChunk)), c.s.length + text.length <= MAX)
      : cut(text);
    const chunks = this.chunks.slice();
    chunks.splice(k, c ? 1 : 0, ...pieces);
    return new Rope(chunks, this.length + n, this.utf16Length + text.length);
  }

  /** This text without the `count` code points from `at`. */
  delete(at, count) {
    if (count <= 0) return this;
    const [k1, a1] = this.locate(at);
    const [k2, a2] = this.locate(at + count);
    const first = this.chunks[k1];
    const last = this.chunks[k2];
    const head = first.s.slice(0, utf16Index(first.s, a1));
    const tail = last ? last.s.slice(utf16Index(last.s, a2)) : '';
    let removedUnits = 0;
    for (let k = k1; k <= k2 && k < this.chunks.length; k++) removedUnits += this.chunks[k].s.length;
    const kept = head + tail;
    const chunks = this.chunks.slice();
    chunks.splice(k1, Math.min(k2, this.chunks.length - 1) - k1 + 1, ...(kept ? cut(kept, true) : []));
    return new Rope(chunks, this.length - count, this.utf16Length - removedUnits + kept.length);
  }

  /** The UTF-16 index of code point offset `cp`. */
  utf16At(cp) {
    let units = 0;
    let left = cp;
    for (const c of this.chunks) {
      if (left <= c.n) return units + utf16Index(c.s, left);
      units += c.s.length;
      left -= c.n;
    }
    return units;
  }

  /** The code point offset of UTF-16 index `index`. */
  codePointAt(index) {
    let cps = 0;
    let left = index;
    for (const c of this.chunks) {
      if (left <= c.s.length) return cps + length(c.s.slice(0, left));
      cps += c.n;
      left -= c.s.length;
    }
    return cps;
  }

  /** [chunk index, code points into it] of offset `cp`; past the last chunk: [chunks.length, 0]. */
  locate(cp) {
    let left = cp;
    for (let k = 0; k < this.chunks.length; k++) {
      const n = this.chunks[k].n;
      if (left < n || (left === n && k === this.chunks.length - 1)) return [k, left];
      left -= n;
    }
    return [this.chunks.length, 0];
  }
}

/** `change` (docs/protocol.md edits) applied to `rope`, validated first: all or nothing. */
export function applyToRope(rope, change) {
  validate(rope.length, change);
  let r = rope;
  for (const e of change) r = e.type === 'insert' ? r.insert(e.offset, e.text) : r.delete(e.offset, e.length);
  return r;
}

/** `text` in chunks of about CHUNK units (one chunk when `whole` and it is not too long). */
function cut(text, whole = false) {
  if (text === '') return [];
  if (whole && text.length <= MAX) return [{ s: text, n: length(text) }];
  const out = [];
  for (let i = 0; i < text.length;) {
    let j = Math.min(text.length, i + CHUNK);
    const last = text.charCodeAt(j - 1);
    if (j < text.length && last >= 0xd800 && last <= 0xdbff) j += 1; // keep a surrogate pair whole
    const s = text.slice(i, j);
    out.push({ s, n: length(s) });
    i = j;
  }
  return out;
}
