// Strings measured in Unicode code points, the unit of every offset in the protocol.
// JavaScript strings index UTF-16 units: a character outside the BMP (😀) is two of them.

/** The length of `text` in code points. */
export function length(text) {
  let n = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    if (isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1))) { n--; i++; }
  }
  return n;
}

/** The UTF-16 index `cps` code points after UTF-16 index `from` of `text` (clamped to its end). */
export function utf16Index(text, cps, from = 0) {
  let i = from;
  for (let k = 0; k < cps && i < text.length; k++) {
    i += isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1)) ? 2 : 1;
  }
  return i;
}

/** The code point offset of UTF-16 index `index` of `text`. */
export function codePointIndex(text, index) {
  return length(text.slice(0, index));
}

/** True when `text` has a surrogate without its partner (not valid Unicode). */
export function hasLoneSurrogate(text) {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isHigh(c) && isLow(text.charCodeAt(i + 1))) i++;
    else if (isHigh(c) || isLow(c)) return true;
  }
  return false;
}

function isHigh(c) { return c >= 0xd800 && c <= 0xdbff; }
function isLow(c) { return c >= 0xdc00 && c <= 0xdfff; }
