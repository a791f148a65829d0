package coedit.tools.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * How a {@code coedit serve --kafka} node joins its cluster.
 *
 * @param bootstrap  the Kafka cluster ({@code host:port,...})
 * @param nodeId     this node's id, unique in the cluster; null: the id kept in the data
 *                   directory ({@link #nodeIdFor}), made once
 * @param advertise  the URL clients reach this node at; null: the server's own URL
 * @param rpcHost    the address the other nodes' engines reach this one's at
 * @param rpcPort    its port (0: any free one)
 * @param namespace  prefix of every topic and Streams application of the cluster
 */
record ClusterOptions(String bootstrap, String nodeId, URI advertise, String rpcHost, int rpcPort, String namespace) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
  static final String NODE_ID_FILE = "node-id";

  ClusterOptions {
    if (nodeId != null && !NAME.matcher(nodeId).matches()) {
      throw new IllegalArgumentException("--node-id must be 1-100 characters of [A-Za-z0-9._-], not '" + nodeId + "'");
    }
    if (!NAME.matcher(namespace).matches()) {
      throw new IllegalArgumentException("--kafka-namespace must be 1-100 characters of [A-Za-z0-9._-], not '"
          + namespace + "'");
    }
  }

  /**
   * The node id: the one given, else the one in {@code dataDir/node-id}, written there
   * (random) on the first start. Stable per data directory, so a restarted node is the
   * same node (its Streams state there is its own) and two data directories never clash.
   */
  String nodeIdFor(Path dataDir) {
    if (nodeId != null) return nodeId;
    Path file = dataDir.resolve(NODE_ID_FILE);
    try {
      if (Files.isRegularFile(file)) {
        String stored = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (!NAME.matcher(stored).matches()) {
          throw new IllegalArgumentException(file + " does not hold a node id (" + stored + "); fix or delete it");
        }
        return stored;
      }
      Files.createDirectories(dataDir);
      String made = "node-" + UUID.randomUUID().toString().substring(0, 8);
      Files.writeString(file, made + "\n", StandardCharsets.UTF_8);
      return made;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the node id in " + file, e);
    }
  }

  /** {@code HOST:PORT}, {@code HOST} or {@code :PORT} as a host and a port (default 127.0.0.1, 0). */
  static String[] hostAndPort(String address) {
    int colon = address.lastIndexOf(':');
    String host = colon < 0 ? address : address.substring(0, colon);
    String port = colon < 0 ? "0" : address.substring(colon + 1);
    return new String[] {host.isEmpty() ? "127.0.0.1" : host, port.isEmpty() ? "0" : port};
  }
}
