package coedit.protocol;

import coedit.ot.Change;
import coedit.ot.Delete;
import coedit.ot.Edit;
import coedit.ot.Insert;
import coedit.ot.Texts;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Edits on the wire: {@code {"type":"insert","offset":N,"text":"..."}} and
 * {@code {"type":"delete","offset":N,"length":N}}, offsets and lengths in code points.
 * Parsing checks shape only (types, signs, valid Unicode); whether the edits fit the
 * document is the editor module's check, made against the submission's version.
 */
public final class EditJson {
  private EditJson() {}

  /** Parses the {@code edits} array of a submission into a change. */
  public static Change parse(JsonNode edits) {
    if (edits == null || edits.isNull()) throw new ProtocolException(Messages.BAD_MESSAGE, "missing field 'edits'");
    if (!edits.isArray()) {
      throw new ProtocolException(Messages.BAD_MESSAGE, "field 'edits' must be an array, not " + Fields.kind(edits));
    }
    List<Edit> out = new ArrayList<>(edits.size());
    for (int i = 0; i < edits.size(); i++) out.add(parseEdit(edits.get(i), "edits[" + i + "]: "));
    return new Change(out);
  }

  private static Edit parseEdit(JsonNode e, String where) {
    if (!e.isObject()) throw new ProtocolException(Messages.BAD_EDIT, where + "an edit must be an object, not " + Fields.kind(e));
    String type = Fields.string(e, "type", where, Messages.BAD_EDIT);
    int offset = (int) Fields.integer(e, "offset", 0, Integer.MAX_VALUE, where, Messages.BAD_EDIT);
    return switch (type) {
      case "insert" -> {
        String text = Fields.string(e, "text", where, Messages.BAD_EDIT);
        int bad = Texts.unpairedSurrogate(text);
        if (bad >= 0) {
          throw new ProtocolException(Messages.BAD_EDIT, where + "text has an unpaired surrogate at UTF-16 index " + bad);
        }
        yield new Insert(offset, text);
      }
      case "delete" -> new Delete(offset, (int) Fields.integer(e, "length", 0, Integer.MAX_VALUE, where, Messages.BAD_EDIT));
      default -> throw new ProtocolException(Messages.BAD_EDIT,
          where + "unknown edit type '" + shorten(type) + "' (expected 'insert' or 'delete')");
    };
  }

  /** Writes a change as a JSON array of edits. */
  public static void write(JsonGenerator g, Change change) throws IOException {
    g.writeStartArray();
    for (Edit e : change.edits()) {
      g.writeStartObject();
      if (e instanceof Insert i) {
        g.writeStringField("type", "insert");
        g.writeNumberField("offset", i.offset());
        g.writeStringField("text", i.text());
      } else if (e instanceof Delete d) {
        g.writeStringField("type", "delete");
        g.writeNumberField("offset", d.offset());
        g.writeNumberField("length", d.length());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }


  private static String shorten(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
