// Document names as ids (docs/protocol.md, "Ids"): any Unicode name, taken as typed after
// NFC normalisation and trimming; percent-encoded (UTF-8) wherever it goes into a URL.
// The checks mirror coedit.editor.Ids, so the page refuses a name before the server would.

const MAX_LENGTH = 128;
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

/** The id a typed name stands for: NFC, without surrounding whitespace. */
export function normalise(name) {
  return name.normalize('NFC').trim();
}

/** Why `id` cannot be a document id (a sentence for people), or null when it can. */
export function problem(id) {
  if (id === '') return 'Type a document name.';
  if ([...id].length > MAX_LENGTH) return `A document name has at most ${MAX_LENGTH} characters.`;
  if (FORBIDDEN.test(id)) return 'A document name cannot contain control characters or invisible direction marks.';
  if (/\p{Cs}/u.test(id.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''))) return 'That name is not valid text.';
  if (id === '.' || id === '..') return 'A document name cannot be just dots.';
  return null;
}

/** The page of document `id`, relative to the site root. */
export function pageUrl(id) {
  return `./?doc=${encodeURIComponent(id)}`;
}

/** The HTTP API path of document `id` (one percent-encoded segment: a '/' in a name stays in it). */
export function apiPath(id) {
  return `/api/docs/${encodeURIComponent(id)}`;
}

/** A file name for downloading document `id` as text: characters file systems dislike become '_'. */
export function fileName(id) {
  return `${id.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 120) || 'document'}.txt`;
}
