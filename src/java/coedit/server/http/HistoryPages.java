package coedit.server.http;

import coedit.editor.DocumentService;
import coedit.editor.HistoryCursor;
import coedit.editor.data.HistoryEntry;
import coedit.protocol.EditJson;
import coedit.protocol.Json;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

/**
 * One page of a document's history as JSON, bounded in entries and in bytes: entries are
 * read a few at a time and each is serialised before it is added, so neither the entries
 * read nor the answer ever hold much more than the page's byte bound (one entry larger
 * than the bound is served alone). The answer's {@code next} is where the next page starts.
 */
final class HistoryPages {
  /** Entries read per history read while filling a page. */
  private static final int READ = 64;

  private HistoryPages() {}

  /**
   * Entries {@code from + 1 ..} up to {@code to} (null: the last), at most {@code limit}
   * of them and about {@code maxBytes} bytes of them, as the answer's JSON text.
   */
  static String page(DocumentService service, String docId, long from, Long to, long limit, long maxBytes)
      throws IOException {
    long end = to == null ? Long.MAX_VALUE : to;
    HistoryCursor cursor = new HistoryCursor((f, t) -> service.history(docId, f, Math.min(t, end)), from);
    StringWriter out = new StringWriter();
    long bytes = 0;
    long count = 0;
    long last = from;
    boolean full = false;
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("entries");
      reading:
      while (count < limit && cursor.position() < end) {
        List<HistoryEntry> read = cursor.next((int) Math.min(READ, limit - count));
        if (read.isEmpty()) break;
        for (HistoryEntry e : read) {
          String json = entryJson(e);
          long size = utf8Length(json);
          if (count > 0 && (bytes + size > maxBytes || count == limit)) {
            full = true;
            break reading;
          }
          g.writeRawValue(json);
          bytes += size;
          count++;
          last = e.version();
        }
      }
      g.writeEndArray();
      g.writeNumberField("from", from);
      long lastIncluded = last;
      g.writeNumberField("to", lastIncluded);
      // A page cut short by its bounds continues after its last entry, if anything is there.
      boolean more = (full || count == limit) && lastIncluded < end
          && !service.history(docId, lastIncluded, Math.min(lastIncluded + 1, end)).isEmpty();
      if (more) {
        g.writeNumberField("next", lastIncluded);
        g.writeBooleanField("truncated", true);
      }
      g.writeEndObject();
    }
    return out.toString();
  }

  private static String entryJson(HistoryEntry e) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("version", e.version());
      g.writeStringField("clientId", e.clientId());
      g.writeNumberField("seq", e.seq());
      g.writeNumberField("time", e.timeMillis());
      g.writeFieldName("edits");
      EditJson.write(g, e.change());
      if (e.author() != null) g.writeStringField("author", e.author());
      g.writeEndObject();
    }
    return out.toString();
  }

  /** Bytes of {@code s} in UTF-8 (as the answer is sent). */
  static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) n += 1;
      else if (c < 0x800) n += 2;
      else if (Character.isHighSurrogate(c)) {
        n += 4;
        i++;
      } else n += 3;
    }
    return n;
  }
}
