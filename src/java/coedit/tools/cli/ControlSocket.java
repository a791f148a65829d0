package coedit.tools.cli;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running server's door for commands that need its engine ({@code bin/coedit backup}): a
 * UNIX domain socket in the data directory, so only whoever may read the data may use it,
 * with no port and no token. One request per connection: a line in, a line out
 * ({@code ok ...} or {@code error ...}).
 */
final class ControlSocket implements AutoCloseable {
  /** The socket's file name in the data directory. */
  static final String FILE = "coedit.sock";
  private static final Logger log = LoggerFactory.getLogger(ControlSocket.class);

  private final Path path;
  private final ServerSocketChannel server;
  private final Thread acceptor;

  private ControlSocket(Path path, ServerSocketChannel server, Function<String, String> handler) {
    this.path = path;
    this.server = server;
    this.acceptor = new Thread(() -> serve(handler), "coedit-control");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Listens on {@code dataDir/coedit.sock} (a stale file from a killed server is replaced). */
  static ControlSocket start(Path dataDir, Function<String, String> handler) throws IOException {
    Path path = dataDir.resolve(FILE);
    Files.deleteIfExists(path);
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(path));
    return new ControlSocket(path, server, handler);
  }

  /** Sends {@code request} to the server listening in {@code dataDir}; its answer, or null when none listens. */
  static String request(Path dataDir, String request) throws IOException {
    Path path = dataDir.resolve(FILE);
    if (!Files.exists(path)) return null;
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      try {
        ch.connect(UnixDomainSocketAddress.of(path));
      } catch (IOException refused) {
        return null; // a file left by a server that was killed
      }
      write(ch, request);
      return readLine(ch);
    }
  }

  private void serve(Function<String, String> handler) {
    while (server.isOpen()) {
      try (SocketChannel ch = server.accept()) {
        String request = readLine(ch);
        String answer;
        try {
          answer = handler.apply(request == null ? "" : request);
        } catch (RuntimeException e) {
          log.error("control request '{}' failed", request, e);
          answer = "error " + e.getMessage();
        }
        write(ch, answer);
      } catch (IOException e) {
        if (server.isOpen()) log.warn("control socket: {}", e.getMessage());
      }
    }
  }

  private static void write(SocketChannel ch, String line) throws IOException {
    ByteBuffer b = ByteBuffer.wrap((line.replace('\n', ' ') + "\n").getBytes(StandardCharsets.UTF_8));
    while (b.hasRemaining()) ch.write(b);
  }

  private static String readLine(SocketChannel ch) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(64 * 1024);
    while (b.hasRemaining()) {
      if (ch.read(b) < 0) break;
      if (b.position() > 0 && b.get(b.position() - 1) == '\n') break;
    }
    String s = new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
    return s.isEmpty() ? null : s.strip();
  }

  @Override
  public void close() {
    try {
      server.close();
      Files.deleteIfExists(path);
    } catch (IOException e) {
      log.warn("closing the control socket: {}", e.getMessage());
    }
  }
}
