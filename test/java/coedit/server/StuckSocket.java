package coedit.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket client made by hand on a plain TCP socket that, after the handshake and its
 * messages, never reads again: the truest slow reader (the JDK client buffers on its own).
 */
final class StuckSocket implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;

  StuckSocket(URI httpBase) throws IOException {
    socket = new Socket();
    socket.setReceiveBufferSize(4096); // before connecting, so the advertised window stays small
    socket.connect(new InetSocketAddress(httpBase.getHost(), httpBase.getPort()), 5000);
    out = socket.getOutputStream();
    out.write(("GET /api/live HTTP/1.1\r\nHost: " + httpBase.getRawAuthority() + "\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream in = socket.getInputStream();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) throw new IOException("closed during handshake: " + head);
      head.append((char) b);
    }
    if (!head.toString().startsWith("HTTP/1.1 101")) throw new IOException("no upgrade: " + head);
  }

  /** Sends one text frame, masked with a zero key (valid, and the payload stays as is). */
  void send(String text) throws IOException {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    out.write(0x81);
    if (payload.length < 126) {
      out.write(0x80 | payload.length);
    } else {
      out.write(0x80 | 126);
      out.write(payload.length >>> 8);
      out.write(payload.length & 0xff);
    }
    out.write(new byte[4]);
    out.write(payload);
    out.flush();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
