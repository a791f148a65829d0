package coedit.engine.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The node-to-node frame format: any sequence of frames reads back as written, and a
 * stream cut anywhere, or holding something else, is an IOException (the connection is
 * dropped), never a wrong frame or a huge allocation.
 */
class RpcFrameTest {

  private static final byte[] KINDS = {RpcFrame.PUSH, RpcFrame.CALL, RpcFrame.ANSWER};

  @Test
  void framesReadBackAsWrittenAndACutStreamIsAnError() throws IOException {
    Random random = new Random(20261201);
    for (int trial = 0; trial < 300; trial++) {
      List<RpcFrame> frames = new ArrayList<>();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      RpcFrame.writeHello(out);
      for (int n = random.nextInt(5); n > 0; n--) {
        byte[] body = new byte[random.nextInt(3) == 0 ? 0 : random.nextInt(2000)];
        random.nextBytes(body);
        RpcFrame f = new RpcFrame(KINDS[random.nextInt(3)], random.nextLong(),
            random.nextBoolean() ? "" : "päth/" + random.nextInt(100), body);
        RpcFrame.write(out, f.kind(), f.id(), f.path(), f.body());
        frames.add(f);
      }
      byte[] all = bytes.toByteArray();
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(all));
      RpcFrame.readHello(in);
      for (RpcFrame f : frames) {
        RpcFrame got = RpcFrame.read(in);
        assertEquals(f.kind(), got.kind());
        assertEquals(f.id(), got.id());
        assertEquals(f.path(), got.path());
        assertArrayEquals(f.body(), got.body());
      }
      assertEquals(-1, in.read());
      if (!frames.isEmpty()) {
        // Cut inside the frames: reading them all fails with an IOException.
        int cut = 4 + random.nextInt(all.length - 4);
        DataInputStream partial = new DataInputStream(new ByteArrayInputStream(Arrays.copyOf(all, cut)));
        RpcFrame.readHello(partial);
        assertThrows(IOException.class, () -> {
          for (int i = 0; i < frames.size(); i++) RpcFrame.read(partial);
        });
      }
    }
  }

  @Test
  void aLengthKindOrPathThatCannotBeIsRefusedBeforeAnythingIsAllocated() {
    assertThrows(IOException.class, () -> read(0x7fffffff, RpcFrame.CALL, 0)); // over the limit
    assertThrows(IOException.class, () -> read(3, RpcFrame.CALL, 0)); // shorter than a header
    assertThrows(IOException.class, () -> read(100, (byte) 9, 0)); // no such kind
    assertThrows(IOException.class, () -> read(20, RpcFrame.PUSH, 500)); // path longer than the frame
    assertThrows(IOException.class, () -> RpcFrame.readHello(new DataInputStream(
        new ByteArrayInputStream("POST /push/acks HTTP/1.1\r\n".getBytes()))));
  }

  private static RpcFrame read(int length, byte kind, int pathLength) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(length);
    out.writeByte(kind);
    out.writeLong(1);
    out.writeShort(pathLength);
    out.write(new byte[64]);
    return RpcFrame.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
  }
}
