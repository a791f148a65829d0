package coedit.server.live;

import coedit.ot.Change;
import coedit.protocol.Selection;
import coedit.server.core.PeerPresence;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who is in one document's room and where their selections are, all at the room's version:
 * the room's own members ({@code local}) and the participants other server nodes host
 * ({@code remote}, heard through {@link coedit.server.core.Peers}). Plain state, guarded by
 * the room's lock; each method returns what the room's connections must be told.
 *
 * <p>Rules:
 * <ul>
 *   <li>A client id connected here is shown as its local participant; what other nodes say
 *       about it is kept aside and shown once the local one leaves (a client that moved to
 *       another node while its old connection here lingered).</li>
 *   <li>Of two reports about one client id from different nodes, the later connection
 *       ({@code since}) wins; a leave removes a remote participant only if it comes from the
 *       node and connection that participant was heard from last.</li>
 *   <li>A remote selection at a version the room has passed is moved through the entries
 *       since (as a local one is); one at a version the room has not reached yet is held,
 *       the latest per client id, until the room reaches it: presence reaches connections
 *       in stream order, at their version, whichever node it came from.</li>
 * </ul>
 */
final class RoomPresence {

  /** A participant as the room's connections must now see it; {@code now} null: it left. */
  record Shown(String clientId, Participant now) {}

  /** Moves a selection made at {@code version} to the room's version (as far as the room can). */
  interface Mover {
    Selection move(Selection s, long version);
  }

  private record Remote(Participant who, String node, long since) {}

  private final Map<String, Participant> local = new LinkedHashMap<>();
  private final Map<String, Remote> remote = new LinkedHashMap<>();
  private final Map<String, PeerPresence> ahead = new HashMap<>();

  /** The local participant {@code clientId}, or null. */
  Participant local(String clientId) {
    return local.get(clientId);
  }

  /** The local participants, in arrival order. */
  Collection<Participant> locals() {
    return local.values();
  }

  /** Everyone shown: local participants, and remote ones whose client id is not connected here. */
  List<Participant> visible() {
    List<Participant> out = new ArrayList<>(local.values());
    for (Remote r : remote.values()) {
      if (!local.containsKey(r.who().clientId())) out.add(r.who());
    }
    return out;
  }

  Shown putLocal(Participant p) {
    local.put(p.clientId(), p);
    return new Shown(p.clientId(), p);
  }

  /** A local participant left: shown as gone, or as its remote self if another node hosts it now. */
  Shown removeLocal(String clientId) {
    local.remove(clientId);
    Remote r = remote.get(clientId);
    return new Shown(clientId, r == null ? null : r.who());
  }

  /** Every selection moved through the next entry's {@code change} (held ones stay at their versions). */
  void moveThrough(Change change) {
    local.replaceAll((id, p) -> p.selection() == null ? p : p.withSelection(p.selection().through(change)));
    remote.replaceAll((id, r) -> r.who().selection() == null ? r
        : new Remote(r.who().withSelection(r.who().selection().through(change)), r.node(), r.since()));
  }

  /**
   * A message of another node ({@link PeerPresence.Kind#PRESENCE}, {@code LEAVE} or
   * {@code NODE_GONE}); the room is at {@code head} with a text of {@code length} code points.
   */
  List<Shown> heard(PeerPresence m, long head, int length, Mover mover) {
    return switch (m.kind()) {
      case PRESENCE -> presence(m, head, length, mover);
      case LEAVE -> leave(m);
      case NODE_GONE -> nodeGone(m.node());
      case HELLO -> List.of();
    };
  }

  /** The room reached {@code head}: held remote selections of that version apply now. */
  List<Shown> reached(long head, int length, Mover mover) {
    if (ahead.isEmpty()) return List.of();
    List<Shown> out = new ArrayList<>();
    for (Iterator<PeerPresence> it = ahead.values().iterator(); it.hasNext(); ) {
      PeerPresence m = it.next();
      if (m.version() <= head) {
        it.remove();
        out.addAll(place(m, length, mover));
      }
    }
    return out;
  }

  private List<Shown> presence(PeerPresence m, long head, int length, Mover mover) {
    Remote known = remote.get(m.clientId());
    PeerPresence held = ahead.get(m.clientId());
    if ((known != null && known.since() > m.since()) || (held != null && held.since() > m.since())) {
      return List.of(); // about an older connection of a client that has moved on
    }
    if (m.version() > head) {
      ahead.put(m.clientId(), m);
      return List.of();
    }
    ahead.remove(m.clientId());
    return place(m, length, mover);
  }

  private List<Shown> place(PeerPresence m, int length, Mover mover) {
    Selection s = m.selection() == null ? null : mover.move(m.selection(), m.version()).clamp(length);
    Participant p = new Participant(m.clientId(), m.name(), m.colour(), s);
    remote.put(m.clientId(), new Remote(p, m.node(), m.since()));
    return local.containsKey(m.clientId()) ? List.of() : List.of(new Shown(m.clientId(), p));
  }

  private List<Shown> leave(PeerPresence m) {
    PeerPresence held = ahead.get(m.clientId());
    if (held != null && held.node().equals(m.node()) && held.since() <= m.since()) ahead.remove(m.clientId());
    Remote r = remote.get(m.clientId());
    if (r == null || !r.node().equals(m.node()) || r.since() > m.since()) return List.of();
    remote.remove(m.clientId());
    return local.containsKey(m.clientId()) ? List.of() : List.of(new Shown(m.clientId(), null));
  }

  private List<Shown> nodeGone(String node) {
    ahead.values().removeIf(m -> m.node().equals(node));
    List<Shown> out = new ArrayList<>();
    for (Iterator<Remote> it = remote.values().iterator(); it.hasNext(); ) {
      Remote r = it.next();
      if (r.node().equals(node)) {
        it.remove();
        if (!local.containsKey(r.who().clientId())) out.add(new Shown(r.who().clientId(), null));
      }
    }
    return out;
  }
}
