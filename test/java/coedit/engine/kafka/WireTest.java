package coedit.engine.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.editor.data.DocSnapshot;
import coedit.editor.data.DocText;
import coedit.editor.data.SubmitResult;
import coedit.engine.ByteWriter;
import coedit.engine.CodecException;
import coedit.engine.ListDiff;
import coedit.engine.SortedMapDiff;
import coedit.engine.StorageKind;
import coedit.engine.ValueDiff;
import coedit.ot.Change;
import coedit.ot.Delete;
import coedit.ot.Insert;
import coedit.ot.Rope;
import coedit.todo.data.TodoAck;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The node-to-node codec: what modules answer and watch crosses instances as data, equal on
 * arrival (invariant: decode(encode(v)) equals v), and anything it cannot carry is a clear
 * error naming the class.
 */
class WireTest {

  @Test
  void ackValuesQueryResultsAndDiffsRoundTrip() {
    List<Object> values = List.of(
        new SubmitResult.Accepted(7, new Change(List.of(new Insert(3, "héllo \uD83D\uDE00"),
            new Delete(0, 2))), false),
        new DocSnapshot("doc", "text", 42),
        new TodoAck.Failed("index 3 is out of range"),
        new ListDiff.Appended<>(5L, new TodoAck.Done(1)),
        new ValueDiff.Removed<>(),
        new SortedMapDiff.Put<>("k", -1L),
        StorageKind.ROCKSDB,
        List.of(1L, 2, (short) 3, (byte) 4, 5.5, 6.5f, 'c', true, "s"),
        Set.of("a", "b"),
        new LinkedHashMap<>(Map.of("count", 12L, "log", List.of())));
    for (Object v : values) {
      assertEquals(v, Wire.decode(Wire.encode(v)), v.toString());
    }
    assertEquals(null, Wire.decode(Wire.encode(null)));
    byte[] bytes = {0, -1, 127};
    assertArrayEquals(bytes, (byte[]) Wire.decode(Wire.encode(bytes)));
  }

  @Test
  void aPortableValueCrossesAsItsPlainDataAndIsRestoredOnArrival() {
    // invariant: decode(encode(v)) restores a value meaning the same as v
    DocText text = new DocText("doc", new Rope("h\u00e9llo \uD83D\uDE00").snapshot(), 9);
    DocText back = (DocText) Wire.decode(Wire.encode(text));
    assertEquals(text.materialize(), back.materialize());
    assertEquals(7, back.text().length()); // code points: h é l l o, a space, an emoji
  }

  @Test
  void exceptionsArriveAsTheirClassAndMessage() {
    Object e = Wire.decode(Wire.encode(new IllegalStateException("belongs to partition 2")));
    assertEquals(new Wire.RemoteError(IllegalStateException.class.getName(),
        "belongs to partition 2"), e);
    assertTrue(Failures.cause(e) instanceof IllegalStateException);
    assertEquals("belongs to partition 2", Failures.cause(e).getMessage());
  }

  @Test
  void whatItCannotCarryIsAClearError() {
    CodecException e = assertThrows(CodecException.class,
        () -> Wire.encode(List.of(new StringBuilder("x"))));
    assertTrue(e.getMessage().contains("java.lang.StringBuilder")
        && e.getMessage().contains("records"), e.getMessage());
    // A peer cannot make this instance build a class that is not a record or an enum.
    ByteWriter forged = new ByteWriter(32);
    forged.u8(9); // a record
    forged.string("java.lang.Thread");
    forged.i32(0);
    CodecException f = assertThrows(CodecException.class, () -> Wire.decode(forged.toBytes()));
    assertTrue(f.getMessage().contains("java.lang.Thread is not a record"), f.getMessage());
  }
}
