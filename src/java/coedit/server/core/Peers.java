package coedit.server.core;

import java.net.URI;
import java.util.List;
import java.util.function.Consumer;

/**
 * The other server nodes of a cluster, as far as a node needs them: who is up (their public
 * URLs, which clients fail over to) and the presence of the participants each hosts. The
 * documents themselves never go through here: every node watches the editor.
 *
 * <p>Guarantees of an implementation: messages published by one node reach every other
 * live node in the order published (a participant's presence is coalesced: a later report
 * may replace an earlier unsent one, never the other way round); a node that stops or goes
 * silent is reported once as {@link PeerPresence.Kind#NODE_GONE}; a node never hears its own
 * messages. Delivery is best effort across failures (presence is ephemeral): a lost report
 * is corrected by the participant's next one or by the node's disappearance.
 */
public interface Peers extends AutoCloseable {

  /** This node's id, unique in the cluster. */
  String nodeId();

  /** The public URLs of the nodes that are up, this node's first. */
  List<URI> nodes();

  /** Tells the other nodes; never blocks on the network. */
  void publish(PeerPresence message);

  /** Where messages of the other nodes go, one at a time, in order; set once, before traffic. */
  void subscribe(Consumer<PeerPresence> listener);

  /** Says goodbye (the others drop this node's participants at once) and stops. Idempotent. */
  @Override
  void close();

  /** A server on its own: the only node is itself, nothing is sent or heard. */
  static Peers alone(String nodeId, URI self) {
    return new Peers() {
      @Override
      public String nodeId() {
        return nodeId;
      }

      @Override
      public List<URI> nodes() {
        return self == null ? List.of() : List.of(self);
      }

      @Override
      public void publish(PeerPresence message) {}

      @Override
      public void subscribe(Consumer<PeerPresence> listener) {}

      @Override
      public void close() {}
    };
  }
}
