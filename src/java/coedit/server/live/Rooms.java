package coedit.server.live;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The open rooms, one per document with at least one connection. A room is created on the
 * first acquire and closed on the last release, so an idle document costs nothing. A room
 * starts (reads its document and starts watching it, which may wait for the engine, e.g.
 * during a failover) outside this registry's lock: joins to other documents never wait
 * behind it.
 */
final class Rooms {
  private final Function<String, DocRoom> factory;
  private final Map<String, DocRoom> open = new HashMap<>();
  private final Map<DocRoom, Integer> refs = new HashMap<>();

  /** {@code factory} makes a room that has not started (no I/O). */
  Rooms(Function<String, DocRoom> factory) {
    this.factory = factory;
  }

  /**
   * The document's started room, opened if needed; pair with {@link #release}. When the
   * start fails, the room is dissolved (the next acquire tries afresh) and the failure is
   * thrown, with nothing to release.
   */
  DocRoom acquire(String docId) {
    DocRoom room;
    synchronized (this) {
      room = open.get(docId);
      if (room == null) {
        room = factory.apply(docId);
        open.put(docId, room);
      }
      refs.merge(room, 1, Integer::sum);
    }
    try {
      room.ensureStarted();
    } catch (RuntimeException e) {
      dissolve(room);
      throw e;
    }
    return room;
  }

  /** The open room of {@code docId}, or null. */
  synchronized DocRoom get(String docId) {
    return open.get(docId);
  }

  /** The open rooms now. */
  synchronized List<DocRoom> all() {
    return List.copyOf(open.values());
  }

  /** One user fewer; the last one closes the room. */
  synchronized void release(DocRoom room) {
    Integer n = refs.get(room);
    if (n == null) return;
    if (n > 1) {
      refs.put(room, n - 1);
      return;
    }
    refs.remove(room);
    open.remove(room.docId(), room);
    room.close();
  }

  /**
   * Closes {@code room} now and forgets it, whoever still holds it: the next acquire of its
   * document opens a fresh room. Later releases of the old room do nothing.
   */
  synchronized void dissolve(DocRoom room) {
    refs.remove(room);
    open.remove(room.docId(), room);
    room.close();
  }

  /** Closes every room (server shutdown). */
  synchronized void closeAll() {
    for (DocRoom r : open.values()) r.close();
    open.clear();
    refs.clear();
  }

  /** Members of {@code docId}'s room, 0 when it has none. */
  synchronized int participants(String docId) {
    DocRoom room = open.get(docId);
    return room == null ? 0 : room.memberCount();
  }

  synchronized int size() {
    return open.size();
  }
}
