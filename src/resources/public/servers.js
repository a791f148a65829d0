// The servers a page may use: its own, then the other nodes of its cluster (docs/cluster.md)
// as GET /api/nodes lists them, asked again every 30 s of whichever node answers first. When
// the page's node goes away, socket.js moves on to the next; a lone server lists itself.

const REFRESH = 30_000;

/** The live endpoint of a node's base URL (http://host:port -> ws://host:port/api/live). */
export function liveUrl(base) {
  return `${base.replace(/^http/, 'ws').replace(/\/$/, '')}/api/live`;
}

/**
 * Follows the cluster's nodes, starting from `origin` (the page's own server). Returns
 * {urls(): live URLs to use in turn, own node first while it is listed; refresh(); close()}.
 */
export function clusterNodes(origin = location.origin, { fetchImpl = globalThis.fetch, every = REFRESH } = {}) {
  let nodes = [origin];
  let stopped = false;

  async function refresh() {
    for (const base of [...nodes]) {
      try {
        const answer = await fetchImpl(`${base}/api/nodes`, { cache: 'no-store' });
        if (!answer.ok) continue;
        const listed = (await answer.json()).nodes;
        if (!Array.isArray(listed) || listed.length === 0) continue;
        const others = listed.filter((n) => typeof n === 'string' && n !== origin);
        nodes = listed.includes(origin) ? [origin, ...others] : others;
        return;
      } catch {
        // that node is away: ask the next
      }
    }
  }

  const timer = setInterval(() => { if (!stopped) refresh(); }, every);
  refresh();
  return {
    urls: () => nodes.map(liveUrl),
    refresh,
    close() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
