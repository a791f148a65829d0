// The textarea's text copied into a mirror element, laid out the same way, so that the
// position of any character can be measured (a textarea cannot say where its characters
// are). The copy is cut into blocks of whole lines, one <div> and one text node per block:
// an edit changes only the text nodes it touches, so the browser lays out again only those
// blocks, and a keystroke costs the same in a 1 MB document as in a short one. (One text
// node holding the whole text would be laid out again in full on every keystroke.)
//
// Invariants: the blocks' texts, in order, are the text; every block but the last ends
// with "\n" and is not empty, so each block starts a line and wraps exactly as those lines
// do in the textarea. The last block also holds a zero-width space after its text: a
// textarea shows a line after a final "\n", a <div> would not.

const BLOCK = 2048; // UTF-16 units a block is cut to (whole lines: a longer line is one block)
const MAX_BLOCK = 4 * BLOCK; // a block grown past this by typing is cut again

/** The text of a textarea in `container`, as blocks of lines; `doc` makes the nodes. */
export class MirrorText {
  constructor(container, text, doc = container.ownerDocument) {
    this.doc = doc;
    this.container = container;
    this.tail = doc.createTextNode('\u200b');
    /** The blocks' text nodes, in order; each is the only text of its own <div>. */
    this.nodes = cutLines(text).map((s) => this.block(s));
    /** Their lengths (UTF-16), kept here: reading them off the nodes costs a DOM call each. */
    this.sizes = this.nodes.map((n) => n.length);
    container.replaceChildren(...this.nodes.map((n) => n.parentNode));
    this.keepTail();
  }

  /** The text's length in UTF-16 units. */
  get length() {
    let n = 0;
    for (const size of this.sizes) n += size;
    return n;
  }

  /** The whole text (O(length): for tests and checks). */
  toString() {
    return this.nodes.map((n) => n.data).join('');
  }

  /** Replaces `removed` UTF-16 units at `at` by `inserted`, touching only the blocks concerned. */
  edit(at, removed, inserted) {
    if (removed > 0) this.remove(at, removed);
    if (inserted !== '') this.insert(at, inserted);
  }

  /**
   * Where UTF-16 index `at` of the text is: {node, offset} in a block's text node, the
   * block that holds the character at `at` (a line's start is in its own block), or the
   * zero-width tail at the very end of the text.
   */
  locate(at) {
    const [k, offset] = this.find(at);
    const node = this.nodes[k];
    if (k === this.nodes.length - 1 && offset >= this.sizes[k]) return { node: this.tail, offset: 0 };
    return { node, offset };
  }

  /**
   * The range of blocks whose boxes meet the vertical band [top, bottom] (pixels from
   * the top of the container's offset parent), as [first, last] block indexes, with the
   * UTF-16 index where the first starts and where the last ends. Binary search: O(log blocks).
   */
  visible(top, bottom) {
    const firstBelow = (y) => { // first block whose bottom edge is below y
      let lo = 0;
      let hi = this.nodes.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const el = this.nodes[mid].parentNode;
        if (el.offsetTop + el.offsetHeight <= y) lo = mid + 1; else hi = mid;
      }
      return lo;
    };
    const first = firstBelow(top);
    const last = Math.max(first, firstBelow(bottom));
    let start = 0;
    for (let k = 0; k < first; k++) start += this.sizes[k];
    let end = start;
    for (let k = first; k <= last; k++) end += this.sizes[k];
    return { first, last, start, end };
  }

  // ---- inside ----

  /** [block index, offset in it] of UTF-16 index `at`; the end of the text is in the last block. */
  find(at) {
    let left = at;
    const last = this.nodes.length - 1;
    for (let k = 0; k < last; k++) {
      const n = this.sizes[k];
      if (left < n) return [k, left];
      left -= n;
    }
    return [last, Math.min(left, this.sizes[last])];
  }

  insert(at, text) {
    const [k, offset] = this.find(at);
    this.nodes[k].insertData(offset, text);
    this.sizes[k] += text.length;
    if (this.sizes[k] > MAX_BLOCK) this.cut(k);
  }

  remove(at, count) {
    const [first, offset] = this.find(at);
    let k = first;
    let from = offset;
    let left = count;
    while (left > 0 && k < this.nodes.length) {
      const take = Math.min(left, this.sizes[k] - from);
      this.nodes[k].deleteData(from, take);
      this.sizes[k] -= take;
      left -= take;
      if (this.sizes[k] === 0 && k < this.nodes.length - 1) this.drop(k);
      else k += 1;
      from = 0;
    }
    // Only the first block touched can have lost its final newline (any later block either
    // went entirely or lost only its head): join it with the blocks after it until it ends
    // a line again.
    if (first < this.nodes.length && this.sizes[first] > 0) this.join(first);
    this.keepTail();
  }

  /** Block `k` joined with the next ones until it ends with "\n" (or is the last). */
  join(k) {
    const node = this.nodes[k];
    while (k < this.nodes.length - 1 && node.data.charCodeAt(this.sizes[k] - 1) !== 10) {
      node.appendData(this.nodes[k + 1].data);
      this.sizes[k] += this.sizes[k + 1];
      this.drop(k + 1);
    }
    if (this.sizes[k] > MAX_BLOCK) this.cut(k);
  }

  /** Block `k` cut into blocks of about BLOCK units of whole lines. */
  cut(k) {
    const pieces = cutLines(this.nodes[k].data);
    if (pieces.length === 1) return;
    this.nodes[k].data = pieces[0];
    this.sizes[k] = pieces[0].length;
    const added = pieces.slice(1).map((s) => this.block(s));
    this.nodes[k].parentNode.after(...added.map((n) => n.parentNode));
    this.nodes.splice(k + 1, 0, ...added);
    this.sizes.splice(k + 1, 0, ...pieces.slice(1).map((s) => s.length));
    this.keepTail();
  }

  drop(k) {
    this.nodes[k].parentNode.remove();
    this.nodes.splice(k, 1);
    this.sizes.splice(k, 1);
  }

  block(text) {
    const el = this.doc.createElement('div');
    const node = this.doc.createTextNode(text);
    el.append(node);
    return node;
  }

  keepTail() {
    const lastBlock = this.nodes[this.nodes.length - 1].parentNode;
    if (this.tail.parentNode !== lastBlock) lastBlock.append(this.tail);
  }
}

/**
 * `text` as pieces of whole lines of at least BLOCK units each (a longer line stays whole),
 * all but the last ending with "\n"; one piece (maybe empty) when the text is short.
 */
export function cutLines(text) {
  const out = [];
  let i = 0;
  while (text.length - i > BLOCK) {
    const nl = text.indexOf('\n', i + BLOCK - 1);
    if (nl < 0 || nl === text.length - 1) break;
    out.push(text.slice(i, nl + 1));
    i = nl + 1;
  }
  out.push(text.slice(i));
  return out;
}
