// The connection status in plain words, for people rather than protocol fans: "Saved",
// "Saving…", "Connecting…", "Offline: 3 changes kept on this device". The element is a
// polite live region, so its text is only written when the words change, and "Saving…"
// only shows when saving takes a moment: typing online never flickers or chatters.

import { afterQuiet } from './quiet-timer.js';

const SHOW_SAVING_AFTER = 800;

/** The words for a session status {state, pending, ready, readOnly}. */
export function describe({ state, pending, ready, readOnly }) {
  const changes = `${pending} ${pending === 1 ? 'change' : 'changes'}`;
  if (state === 'offline') return pending > 0 ? `Offline: ${changes} kept on this device` : 'Offline';
  if (!ready || (state === 'syncing' && pending === 0)) return 'Connecting…';
  if (readOnly && pending === 0) return 'Up to date (read-only)';
  return pending > 0 ? 'Saving…' : 'Saved';
}

/**
 * Shows statuses in `element` (and the retry `button` while offline). Returns
 * show(status): data-state and data-read-only follow every call (for styles and tests).
 * The number of pending changes is not mirrored into the page (it changes with every
 * keystroke and acknowledgement, and writing the attribute cost more script than the rest
 * of the status); the session answers it (`session.pending()`).
 */
export function statusView(element, button) {
  let wanted = '';
  // What the page shows, remembered here: reading it back from the DOM on every call (each
  // keystroke and acknowledgement) cost more than deciding the words.
  const shown = { state: undefined, readOnly: undefined };
  let written = element.textContent;
  const write = (words) => { if (written !== words) { written = words; element.textContent = words; } };
  // "Saving…" replaces "Saved" once the latest save has gone on for SHOW_SAVING_AFTER.
  const savingStarted = afterQuiet(SHOW_SAVING_AFTER, () => { if (wanted === 'Saving…') write(wanted); });
  return function show(status) {
    const readOnly = String(Boolean(status.readOnly));
    if (status.state !== shown.state) {
      shown.state = status.state;
      element.dataset.state = status.state;
      button.hidden = status.state !== 'offline';
    }
    if (readOnly !== shown.readOnly) {
      shown.readOnly = readOnly;
      element.dataset.readOnly = readOnly;
    }
    const words = describe(status);
    if (words === wanted) return;
    wanted = words;
    if (words === 'Saving…' && written === 'Saved') savingStarted();
    else write(words);
  };
}
