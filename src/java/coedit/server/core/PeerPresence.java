package coedit.server.core;

import coedit.protocol.Selection;
import java.util.Objects;

/**
 * What one server node tells the others about the participants it hosts: presence never
 * leaves server memory except through these messages, and is never stored.
 *
 * <ul>
 *   <li>{@link Kind#PRESENCE}: participant {@code clientId} of {@code docId}, connected to
 *       {@code node} since {@code since} (milliseconds, the connection's join time), is
 *       {@code name}/{@code colour} with {@code selection} (or none) on the document at
 *       {@code version}.</li>
 *   <li>{@link Kind#LEAVE}: that connection ended.</li>
 *   <li>{@link Kind#HELLO}: {@code node} opened a room for {@code docId}: nodes hosting
 *       participants of it tell again where they are.</li>
 *   <li>{@link Kind#NODE_GONE}: {@code node} stopped or went silent; every participant it
 *       hosted is gone (made by the receiving side, never sent).</li>
 * </ul>
 *
 * A participant may move between nodes (its client reconnects elsewhere): of two reports
 * about one client id from different nodes, the one with the later {@code since} wins.
 */
public record PeerPresence(Kind kind, String node, String docId, String clientId, long since, String name,
    String colour, Selection selection, long version) {

  public enum Kind { PRESENCE, LEAVE, HELLO, NODE_GONE }

  public PeerPresence {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(node, "node");
  }

  public static PeerPresence presence(String node, String docId, String clientId, long since, String name,
      String colour, Selection selection, long version) {
    return new PeerPresence(Kind.PRESENCE, node, docId, clientId, since, name, colour, selection, version);
  }

  public static PeerPresence leave(String node, String docId, String clientId, long since) {
    return new PeerPresence(Kind.LEAVE, node, docId, clientId, since, null, null, null, 0);
  }

  public static PeerPresence hello(String node, String docId) {
    return new PeerPresence(Kind.HELLO, node, docId, null, 0, null, null, null, 0);
  }

  public static PeerPresence nodeGone(String node) {
    return new PeerPresence(Kind.NODE_GONE, node, null, null, 0, null, null, null, 0);
  }
}
