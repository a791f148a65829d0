package coedit.server.live;

import coedit.editor.HistoryCompactedException;
import coedit.editor.HistoryCursor;
import coedit.editor.data.HistoryEntry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a joiner that is further behind than its room remembers up to date, one page of
 * history at a time, never more than half the send buffer ahead of the client: catch-up
 * is flow-controlled, so a long history cannot trip the slow-reader limit. Pages are
 * bounded in bytes as well as entries: the first is one entry, and a page grows (doubling,
 * up to {@link #MAX_PAGE} entries) only while pages stay under a quarter of the send
 * buffer, so a history of large entries is never read into memory many at a time. Once the
 * room holds everything after the connection's version it goes live there.
 */
final class CatchUp {
  private static final Logger log = LoggerFactory.getLogger(CatchUp.class);
  static final int MAX_PAGE = 256;

  private CatchUp() {}

  /** Doubles while a page's text stays under half the byte budget, halves above it. */
  static int nextPageSize(int page, List<HistoryEntry> entries, long budget) {
    long bytes = 0;
    for (HistoryEntry e : entries) bytes += e.change().insertedCodePoints() + 32L * e.change().edits().size();
    if (bytes > budget) return Math.max(1, page / 2);
    if (bytes <= budget / 2) return Math.min(MAX_PAGE, page * 2);
    return page;
  }

  static void run(Connection c, DocRoom room, LiveContext ctx) {
    long limit = ctx.config().sendBufferBytes();
    HistoryCursor cursor = new HistoryCursor(
        (from, to) -> ctx.service().history(room.docId(), from, to), c.lastSent());
    int page = 1;
    int idle = 0;
    try {
      while (!c.isClosed()) {
        if (!c.outbox().awaitBelow(limit / 4, ctx.config().timeoutMillis())) {
          c.close(Closes.SLOW_READER);
          return;
        }
        if (room.tryGoLive(c)) return;
        cursor.skipTo(c.lastSent());
        List<HistoryEntry> entries = cursor.next(page);
        if (entries.isEmpty()) {
          // The editor has not caught up with what the room saw; try again shortly.
          if (++idle > 500) {
            log.warn("document {}: no history after {} for a joiner", room.docId(), cursor.position());
            c.close(Closes.SLOW_READER);
            return;
          }
          Thread.sleep(10);
          continue;
        }
        idle = 0;
        page = nextPageSize(page, entries, limit / 4);
        for (HistoryEntry e : entries) {
          c.stream(e, null, true); // written by the send threads, so a backlog leaves in few frames
          if (!c.outbox().awaitBelow(limit / 2, ctx.config().timeoutMillis())) {
            c.close(Closes.SLOW_READER);
            return;
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      c.close(Closes.GOING_AWAY);
    } catch (HistoryCompactedException e) {
      // Compacted while it caught up: it rejoins from its version and gets the text instead.
      log.info("document {}: a joiner's catch-up was compacted away; it rejoins", room.docId());
      c.close(Closes.GOING_AWAY);
    } catch (RuntimeException e) {
      log.error("document {}: catch-up failed", room.docId(), e);
      c.close(Closes.GOING_AWAY);
    }
  }
}
