package coedit.engine.kafka;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One message on a node-to-node connection ({@link Rpc}): its length (an int, counting
 * what follows), its kind, the request id an answer repeats, the handler's path (UTF-8, an
 * unsigned short's worth) and the body ({@link Wire} bytes). A connection opens with
 * {@link #HELLO}, so a peer speaking anything else (another coedit version, an HTTP probe)
 * is turned away with a clear message instead of misread.
 */
record RpcFrame(byte kind, long id, String path, byte[] body) {
  static final byte PUSH = 1;
  static final byte CALL = 2;
  static final byte ANSWER = 3;
  /** A read document or a batch of notices is large, but never this large. */
  static final int MAX_LENGTH = 512 * 1024 * 1024;
  private static final int HEADER = 1 + 8 + 2;
  /** "coe" and this protocol's version, 1. */
  static final int HELLO = 0x636f6501;

  static void writeHello(DataOutputStream out) throws IOException {
    out.writeInt(HELLO);
  }

  static void readHello(DataInputStream in) throws IOException {
    int hello = in.readInt();
    if (hello != HELLO) {
      throw new IOException(String.format("the peer does not speak this node-to-node protocol"
          + " (it opened with 0x%08x, not 0x%08x): run one coedit version on every node", hello, HELLO));
    }
  }

  static void write(DataOutputStream out, byte kind, long id, String path, byte[] body) throws IOException {
    byte[] p = path.getBytes(StandardCharsets.UTF_8);
    if (p.length > 0xFFFF) {
      throw new IllegalArgumentException("path too long: " + p.length + " bytes");
    }
    long length = (long) HEADER + p.length + body.length;
    if (length > MAX_LENGTH) {
      throw new IllegalArgumentException("a node-to-node message of " + length
          + " bytes is over the limit of " + MAX_LENGTH);
    }
    out.writeInt((int) length);
    out.writeByte(kind);
    out.writeLong(id);
    out.writeShort(p.length);
    out.write(p);
    out.write(body);
  }

  /** The next frame; an IOException when the stream ends or does not hold a frame. */
  static RpcFrame read(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < HEADER || length > MAX_LENGTH) {
      throw new IOException("not a node-to-node frame (length " + length + ")");
    }
    byte kind = in.readByte();
    if (kind != PUSH && kind != CALL && kind != ANSWER) {
      throw new IOException("not a node-to-node frame (kind " + kind + ")");
    }
    long id = in.readLong();
    int pathLength = in.readUnsignedShort();
    if (HEADER + pathLength > length) {
      throw new IOException("not a node-to-node frame (path of " + pathLength + " bytes in " + length + ")");
    }
    byte[] p = new byte[pathLength];
    in.readFully(p);
    byte[] body = new byte[length - HEADER - pathLength];
    in.readFully(body);
    return new RpcFrame(kind, id, new String(p, StandardCharsets.UTF_8), body);
  }
}
