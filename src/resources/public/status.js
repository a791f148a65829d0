// The connection status in plain words, for people rather than protocol fans: "Saved",
// "Saving…", "Connecting…", "Offline: 3 changes kept on this device". The element is a
// polite live region, so its text is only written when the words change, and "Saving…"
// only shows when saving takes a moment: typing online never flickers or chatters.

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
  let timer = 0;
  let wanted = '';
  const write = (words) => { if (element.textContent !== words) element.textContent = words; };
  const set = (name, value) => { if (element.dataset[name] !== value) element.dataset[name] = value; };
  return function show(status) {
    set('state', status.state);
    set('readOnly', String(Boolean(status.readOnly)));
    if (button.hidden !== (status.state !== 'offline')) button.hidden = status.state !== 'offline';
    const words = describe(status);
    if (words === wanted) return;
    wanted = words;
    clearTimeout(timer);
    if (words === 'Saving…' && element.textContent === 'Saved') timer = setTimeout(() => write(words), SHOW_SAVING_AFTER);
    else write(words);
  };
}
