// The history dialog: a slider over every version of the document, showing the text as it
// was, from GET /api/docs/{id}/history (fetched in pages the first time it opens and as
// the document grows). Versions are rebuilt from the entries on a Rope, so scrubbing is
// cheap: each step applies or reuses the texts already built.

import { Rope, applyToRope } from './rope.js';

/**
 * Wires the dialog `els` ({dialog, slider, label, meta, text}) for the document at
 * `apiPath`; `headers()` gives each request's extra headers (the bearer token on a server
 * that requires one).
 */
export function historyView(els, apiPath, headers = () => ({})) {
  const entries = []; // entries[v - 1] is the entry that made version v
  const texts = [Rope.of('')]; // texts[v], built on demand in order

  async function load() {
    for (;;) {
      const from = entries.length;
      const r = await fetch(`${apiPath}/history?from=${from}`, { headers: headers() });
      if (!r.ok) throw new Error(`history: ${r.status}`);
      const page = await r.json();
      entries.push(...page.entries);
      if (page.next === undefined) return;
    }
  }

  function textAt(v) {
    while (texts.length <= v) texts.push(applyToRope(texts[texts.length - 1], entries[texts.length - 1].edits));
    return texts[v].toString();
  }

  function show() {
    const v = Number(els.slider.value);
    els.label.textContent = `${v} of ${entries.length}`;
    els.text.textContent = textAt(v);
    const e = entries[v - 1];
    els.meta.textContent = e ? `Saved ${new Date(e.time).toLocaleString()} by ${e.author ?? e.clientId}` : 'Before the first edit';
  }

  els.slider.addEventListener('input', show);
  return {
    async open() {
      els.dialog.showModal();
      els.meta.textContent = 'Loading…';
      try {
        await load();
      } catch (e) {
        els.meta.textContent = `The history could not be loaded (${e.message}).`;
        return;
      }
      els.slider.max = String(entries.length);
      els.slider.value = String(entries.length);
      show();
      els.slider.focus();
    },
  };
}
