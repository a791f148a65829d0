// People's colours made readable: a name flag is set in black or white, whichever
// contrasts more with the person's colour (WCAG 2 contrast ratio). For every colour one
// of the two reaches at least 4.58:1, so every flag meets the 4.5:1 of WCAG AA.

/** WCAG 2 relative luminance of `#rrggbb`. */
export function luminance(colour) {
  const n = Number.parseInt(colour.slice(1), 16);
  const channel = (v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(n >> 16) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** WCAG 2 contrast ratio of two `#rrggbb` colours, 1 to 21. */
export function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Black or white: the text colour that reads best on `colour`. */
export function textOn(colour) {
  return contrast(colour, '#000000') >= contrast(colour, '#ffffff') ? '#000000' : '#ffffff';
}

/** Inline style of a name flag on `colour`. */
export function flagStyle(colour) {
  return { backgroundColor: colour, color: textOn(colour) };
}

/** `#rrggbb` at a third of its strength, for selected text. */
export function tint(colour) {
  const n = Number.parseInt(colour.slice(1), 16);
  return `rgba(${n >> 16}, ${(n >> 8) & 255}, ${n & 255}, 0.3)`;
}
