// Who is here: one entry per person, however many tabs they have open. The protocol
// knows connections (client ids), not people; a person is a display name and colour, so
// connections that share both are one person, and one that shares ours is us in another tab.

/** [{key, name, colour, clientIds, me}]: people in `peers` plus `me`, me first, the rest by name. */
export function people(me, peers) {
  const key = (p) => `${p.name || ''}\u0000${(p.colour || '').toLowerCase()}`;
  const mine = { key: key(me), name: me.name, colour: me.colour, clientIds: [me.clientId], me: true };
  const byKey = new Map([[mine.key, mine]]);
  for (const p of Object.values(peers)) {
    const k = key(p);
    const entry = byKey.get(k);
    if (entry) entry.clientIds.push(p.clientId);
    else byKey.set(k, { key: k, name: p.name, colour: p.colour, clientIds: [p.clientId], me: false });
  }
  const others = [...byKey.values()].filter((p) => !p.me).sort((a, b) => (a.name || '').localeCompare(b.name || ''));
  return [mine, ...others];
}

const shown = new WeakMap(); // element -> the list it shows, as JSON

/** Renders `list` (from people()) into the <ul> `element`; names are text, never HTML. Unchanged lists are not redrawn. */
export function showPeople(element, list) {
  const json = JSON.stringify(list);
  if (shown.get(element) === json) return;
  shown.set(element, json);
  element.replaceChildren(...list.map((p) => {
    const li = document.createElement('li');
    li.dataset.clientId = p.clientIds[0];
    if (p.me) li.className = 'me';
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.backgroundColor = p.colour;
    const name = document.createElement('span');
    name.className = 'name';
    const tabs = p.clientIds.length > 1 ? ` (${p.clientIds.length} tabs)` : '';
    name.textContent = (p.name || 'anonymous') + (p.me ? ' (you)' : '') + tabs;
    li.append(swatch, name);
    return li;
  }));
}
