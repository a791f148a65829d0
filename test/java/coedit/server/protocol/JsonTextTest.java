package coedit.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import coedit.ot.Change;
import coedit.ot.Delete;
import coedit.ot.Edit;
import coedit.ot.Insert;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written entry/ack/submit messages are byte for byte what Jackson writes. */
class JsonTextTest {
  private static final String ODD = "\"\\/\b\t\n\f\r\u0000\u0001\u001f\u007f é😀\ud800x\udc00";

  @Test
  void messagesMatchJacksonForAnyText() {
    Random r = new Random(42);
    for (int n = 0; n < 2000; n++) {
      List<Edit> edits = new ArrayList<>();
      for (int k = r.nextInt(4); k >= 0; k--) {
        if (r.nextBoolean()) edits.add(new Delete(r.nextInt(1000), 1 + r.nextInt(50)));
        else edits.add(new Insert(r.nextInt(1000), randomText(r)));
      }
      Change c = new Change(edits);
      long v = r.nextInt(1 << 20);
      long seq = r.nextLong() & Long.MAX_VALUE;
      String id = "c" + randomText(r);
      assertEquals(jackson("entry", v, id, seq, c), Wire.entry(v, id, seq, c));
      assertEquals(jackson("ack", v, null, seq, c), Wire.ack(seq, v, c));
      assertEquals(jackson("submit", v, null, seq, c), Wire.submit(seq, v, c));
    }
  }

  private static String randomText(Random r) {
    StringBuilder b = new StringBuilder();
    for (int i = r.nextInt(6); i > 0; i--) {
      b.append(r.nextInt(3) == 0 ? ODD.charAt(r.nextInt(ODD.length())) : (char) ('a' + r.nextInt(26)));
    }
    return b.toString();
  }

  private static String jackson(String type, long version, String clientId, long seq, Change c) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("type", type);
    if (type.equals("entry")) {
      o.put("version", version);
      o.put("clientId", clientId);
      o.put("seq", seq);
    } else {
      o.put("seq", seq);
      o.put("version", version);
    }
    ArrayNode a = o.putArray("edits");
    for (Edit e : c.edits()) {
      ObjectNode j = a.addObject();
      if (e instanceof Insert i) {
        j.put("type", "insert");
        j.put("offset", i.offset());
        j.put("text", i.text());
      } else if (e instanceof Delete d) {
        j.put("type", "delete");
        j.put("offset", d.offset());
        j.put("length", d.length());
      }
    }
    return Json.write(o);
  }
}
