// Keeps every submission under the server's message limit (joined.limits.maxMessageBytes):
// a change too large for one `submit` is cut into a first part that fits and the rest,
// which the session sends as the next submission(s). Edits apply in list order, so a list
// cut anywhere is two valid changes, and an insert cut after k code points is the same
// text inserted in two steps: applying the parts in order equals applying the whole.

/** Bytes of `text` in UTF-8 (what the server measures). */
export function utf8Length(text) {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) { n += 4; i++; } else n += 3;
  }
  return n;
}

/** The UTF-8 bytes of the submit message for (seq, version, edits), exactly as sent. */
export function submitBytes(seq, version, edits) {
  return utf8Length(JSON.stringify({ type: 'submit', seq, version, edits }));
}

/**
 * [first, rest]: `first` is the longest prefix of `change` whose submit message fits in
 * `maxBytes`, cutting an insert's text if one edit alone is too big; `rest` (null when the
 * whole change fits) is what remains, to apply after `first`. `first` is never empty.
 */
export function fitSubmission(seq, version, change, maxBytes) {
  const whole = JSON.stringify({ type: 'submit', seq, version, edits: change });
  if (whole.length * 3 <= maxBytes || utf8Length(whole) <= maxBytes) return [change, null];
  // Room for edits: the limit less the envelope, less a margin for the edit's own fields.
  const envelope = utf8Length(JSON.stringify({ type: 'submit', seq, version, edits: [] }));
  const room = maxBytes - envelope;
  let used = 0;
  let k = 0;
  while (k < change.length) {
    const cost = utf8Length(JSON.stringify(change[k])) + 1;
    if (used + cost > room) break;
    used += cost;
    k += 1;
  }
  if (k > 0) return [change.slice(0, k), change.slice(k)];
  const e = change[0];
  if (e.type !== 'insert') throw new Error(`edit ${JSON.stringify(e).slice(0, 80)} cannot fit in ${maxBytes} bytes`);
  const fields = utf8Length(JSON.stringify({ ...e, text: '' })) + 1;
  const [head, tail] = cutText(e.text, room - fields);
  if (head === '') throw new Error(`a message limit of ${maxBytes} bytes leaves no room for text`);
  const headLength = [...head].length;
  return [[{ type: 'insert', offset: e.offset, text: head }],
    [{ type: 'insert', offset: e.offset + headLength, text: tail }, ...change.slice(1)]];
}

/** [head, tail] of `text` with head's JSON string content at most `budget` bytes; never splits a code point. */
function cutText(text, budget) {
  let used = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length;
    let cost;
    if (c === 0x22 || c === 0x5c || c === 0x08 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d) cost = 2;
    else if (c < 0x20) cost = 6;
    else if (c < 0x80) cost = 1;
    else if (c < 0x800) cost = 2;
    else cost = pair ? 4 : 3;
    if (used + cost > budget) break;
    used += cost;
    i += pair ? 2 : 1;
  }
  return [text.slice(0, i), text.slice(i)];
}
