// Operational transformation of plain text: the browser's twin of coedit.ot (Java).
//
// A change is an array of edits in the wire format of docs/protocol.md, applied one after
// another: {type: "insert", offset, text} and {type: "delete", offset, length}. Offsets
// and lengths count Unicode code points ([...text].length), never UTF-16 units.
//
// Inside, changes become ot.js-style operations: a walk over the document made of retain
// {r: n}, insert {i: text, n: codePoints} and delete {d: n} components, then an implicit
// infinite retain. As in the Java core, an insert is never moved across an adjacent delete:
// the order records which gap of the base text the insert sits in, and the tie rule orders
// concurrent inserts by gap. Outputs are positional again, in DESCENDING offset order with
// every offset in the base document's coordinates, exactly as Java emits them.

import { hasLoneSurrogate, length, utf16Index } from './codepoints.js';
import { OpTree } from './op-tree.js';

/**
 * The text after applying `change` to `doc`. The whole change is validated first, so a
 * change is applied entirely or not at all; an invalid one throws an Error naming the edit,
 * the problem and the document length.
 */
export function apply(doc, change) {
  validate(length(doc), change);
  let text = doc;
  for (const e of change) {
    const at = utf16Index(text, e.offset);
    text = e.type === 'insert'
      ? text.slice(0, at) + e.text + text.slice(at)
      : text.slice(0, at) + text.slice(utf16Index(text, e.length, at));
  }
  return text;
}

/**
 * For changes made concurrently on one text, `accepted` having been applied first, returns
 * [acceptedPrime, incomingPrime] such that
 *   apply(apply(d, accepted), incomingPrime) === apply(apply(d, incoming), acceptedPrime).
 * Inserts at the same offset: accepted's text stays first.
 */
export function transform(accepted, incoming) {
  const [a, b] = transformOps(fromChange(accepted), fromChange(incoming));
  return [toChange(a), toChange(b)];
}

/**
 * `accepted` is a run of changes, each made on the text the one before it left, and
 * `incoming` was made on the text the first one was: returns [acceptedPrimes, incomingPrime],
 * each accepted change as it applies after `incoming` (and the accepted primes before it),
 * and `incoming` as it applies after the whole run. Exactly what folding `transform` over the
 * run gives, change for change, ties included; but in O(k + m log k) for an incoming change
 * of k components instead of O(m · k), as `incoming` is held as a tree (op-tree.js) that each
 * accepted change only touches where it edits.
 */
export function transformRun(accepted, incoming) {
  if (!Array.isArray(accepted)) throw new Error(`a run must be an array of changes, not ${typeof accepted}`);
  if (accepted.length === 0) return [[], incoming];
  const tree = OpTree.of(fromChange(incoming));
  const primes = accepted.map((a) => toChange(tree.transformAccepted(fromChange(a))));
  return [primes, toChange(tree.toOps())];
}

/** One change with the effect of both: apply(apply(d, first), second) === apply(d, compose(first, second)). */
export function compose(first, second) {
  return toChange(composeOps(fromChange(first), fromChange(second)));
}

/**
 * The change that takes the text after `change` back to the text before it:
 * apply(apply(d, c), invert(c, slice)) === d, where `slice(from, to)` reads the text
 * before `change` (d) by code point offsets. Inserted text becomes a delete of exactly
 * its length; deleted text is read from `d` and inserted again where it was.
 */
export function invert(change, slice) {
  const out = [];
  let pos = 0;
  for (const c of fromChange(change)) {
    if (c.r !== undefined) { retain(out, c.r); pos += c.r; }
    else if (c.i !== undefined) remove(out, c.n);
    else { const text = slice(pos, pos + c.d); insert(out, text, c.d); pos += c.d; }
  }
  return toChange(trimmed(out));
}

/**
 * A position moved through `change`, edit by edit: an insert before it pushes it right, one
 * exactly at it too unless `stayBefore` (the local caret keeps its place before text
 * others insert right there); a delete pulls it left, and collapses it to the start of
 * the deleted range when inside it. This is the protocol's rule when `stayBefore` is false.
 */
export function mapPosition(pos, change, stayBefore = false) {
  let p = pos;
  for (const e of change) {
    if (e.type === 'insert') {
      if (e.offset < p || (e.offset === p && !stayBefore)) p += length(e.text);
    } else if (p > e.offset) {
      p = p >= e.offset + e.length ? p - e.length : e.offset;
    }
  }
  return p;
}

/** Throws unless every edit of `change`, in order, fits a document of `docLength` code points. */
export function validate(docLength, change) {
  if (!Array.isArray(change)) throw new Error(`a change must be an array of edits, not ${typeof change}`);
  let len = docLength;
  change.forEach((e, i) => { len += check(i, e, len); });
}

// ---- validation ----

function check(index, e, len) {
  const fail = (problem) => {
    throw new Error(`edit ${index} ${JSON.stringify(e)}: ${problem}` + (len >= 0 ? ` (document length ${len})` : ''));
  };
  if (e === null || typeof e !== 'object') fail('an edit must be an object');
  if (!Number.isInteger(e.offset) || e.offset < 0) fail('offset must be a non-negative integer');
  if (e.type === 'insert') {
    if (typeof e.text !== 'string' || e.text === '') fail('text must be a non-empty string');
    if (hasLoneSurrogate(e.text)) fail('text has an unpaired surrogate (not valid Unicode)');
    if (len >= 0 && e.offset > len) fail(`offset ${e.offset} is past the end of the document`);
    return length(e.text);
  }
  if (e.type === 'delete') {
    if (!Number.isInteger(e.length) || e.length <= 0) fail('length must be a positive integer');
    if (len >= 0 && e.offset + e.length > len) {
      fail(`range [${e.offset}, ${e.offset + e.length}) runs past the end of the document`);
    }
    return -e.length;
  }
  return fail(`unknown edit type '${e.type}' (expected 'insert' or 'delete')`);
}

// ---- operations: build, convert ----

function retain(ops, n) {
  if (n === 0) return;
  const last = ops[ops.length - 1];
  if (last && last.r !== undefined) ops[ops.length - 1] = { r: last.r + n };
  else ops.push({ r: n });
}

function insert(ops, text, n) {
  if (n === 0) return;
  const last = ops[ops.length - 1];
  if (last && last.i !== undefined) ops[ops.length - 1] = { i: last.i + text, n: last.n + n };
  else ops.push({ i: text, n });
}

function remove(ops, n) {
  if (n === 0) return;
  const last = ops[ops.length - 1];
  if (last && last.d !== undefined) ops[ops.length - 1] = { d: last.d + n };
  else ops.push({ d: n });
}

function trimmed(ops) {
  const last = ops[ops.length - 1];
  if (last && last.r !== undefined) ops.pop();
  return ops;
}

/** The operation with the effect of `change`: linear for descending edits, else composed edit by edit. */
function fromChange(change) {
  if (!Array.isArray(change)) throw new Error(`a change must be an array of edits, not ${typeof change}`);
  change.forEach((e, i) => check(i, e, -1));
  const descending = change.every((e, i) => i === 0
    || e.offset + (e.type === 'delete' ? e.length : 0) <= change[i - 1].offset);
  if (descending) {
    const ops = [];
    let pos = 0;
    for (let i = change.length - 1; i >= 0; i--) {
      const e = change[i];
      retain(ops, e.offset - pos);
      if (e.type === 'insert') {
        insert(ops, e.text, length(e.text));
        pos = e.offset;
      } else {
        remove(ops, e.length);
        pos = e.offset + e.length;
      }
    }
    return trimmed(ops);
  }
  let ops = [];
  for (const e of change) ops = composeOps(ops, fromChange([e]));
  return ops;
}

/** Positional edits, descending, in base coordinates. */
function toChange(ops) {
  const ascending = [];
  let pos = 0;
  for (const c of ops) {
    if (c.r !== undefined) pos += c.r;
    else if (c.i !== undefined) ascending.push({ type: 'insert', offset: pos, text: c.i });
    else { ascending.push({ type: 'delete', offset: pos, length: c.d }); pos += c.d; }
  }
  return ascending.reverse();
}

/** Walks an operation, consuming components in parts; past the end it is an infinite retain. */
class Cursor {
  constructor(ops) { this.ops = ops; this.index = 0; this.current = ops[0] ?? null; }
  done() { return this.current === null; }
  size() {
    const c = this.current;
    if (c === null) return Infinity;
    return c.r ?? c.d ?? c.n;
  }
  consume(m) {
    const c = this.current;
    if (c === null) return;
    const size = this.size();
    if (m === size) {
      this.index++;
      this.current = this.ops[this.index] ?? null;
    } else if (c.r !== undefined) {
      this.current = { r: size - m };
    } else if (c.d !== undefined) {
      this.current = { d: size - m };
    } else {
      this.current = { i: c.i.slice(utf16Index(c.i, m)), n: size - m };
    }
  }
}

// ---- transform and compose (the Java core's Transform and Compose, step for step) ----

function transformOps(a, b) {
  const aPrime = [];
  const bPrime = [];
  const x = new Cursor(a);
  const y = new Cursor(b);
  while (!x.done() || !y.done()) {
    // Inserts first, a's before b's: that is the tie rule. An insert of a inside a range b
    // deletes is retained by b', which splits b's delete around it.
    if (x.current?.i !== undefined) {
      const { i, n } = x.current;
      insert(aPrime, i, n); retain(bPrime, n); x.consume(n);
      continue;
    }
    if (y.current?.i !== undefined) {
      const { i, n } = y.current;
      retain(aPrime, n); insert(bPrime, i, n); y.consume(n);
      continue;
    }
    // Both walk the original document (retain or delete; past the end, infinite retain).
    const m = Math.min(x.size(), y.size());
    const aDeletes = x.current?.d !== undefined;
    const bDeletes = y.current?.d !== undefined;
    if (aDeletes && !bDeletes) remove(aPrime, m);
    else if (bDeletes && !aDeletes) remove(bPrime, m);
    else if (!aDeletes) { retain(aPrime, m); retain(bPrime, m); }
    // Both deleting: the overlap is gone on each side already, so neither deletes it again.
    x.consume(m);
    y.consume(m);
  }
  return [trimmed(aPrime), trimmed(bPrime)];
}

function composeOps(a, b) {
  const out = [];
  const x = new Cursor(a);
  const y = new Cursor(b);
  while (!x.done() || !y.done()) {
    // b's inserts pass through; one made where a deleted a range goes before that range.
    if (y.current?.i !== undefined) {
      const { i, n } = y.current;
      insert(out, i, n); y.consume(n);
      continue;
    }
    // a's deletes happened first and b never saw that text: they pass through.
    if (x.current?.d !== undefined) {
      const { d } = x.current;
      remove(out, d); x.consume(d);
      continue;
    }
    // x is a retain or an insert, y a retain or a delete; both walk a's output.
    const m = Math.min(x.size(), y.size());
    const bDeletes = y.current?.d !== undefined;
    if (x.current?.i !== undefined) {
      // Text a inserted and b kept survives; text a inserted and b deleted never existed.
      if (!bDeletes) insert(out, x.current.i.slice(0, utf16Index(x.current.i, m)), m);
    } else if (bDeletes) {
      remove(out, m);
    } else {
      retain(out, m);
    }
    x.consume(m);
    y.consume(m);
  }
  return trimmed(out);
}
