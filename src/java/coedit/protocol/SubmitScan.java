package coedit.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Finds the {@code seq} of a {@code submit} message without building it: Jackson's
 * streaming parser walks the top-level fields and skips every value it does not need
 * (a megabyte of inserted text is scanned, never copied into a tree or a string). This is
 * how the server names the submission an over-limit frame carried, so the client knows
 * which of its submissions was refused.
 */
public final class SubmitScan {
  private SubmitScan() {}

  /**
   * The {@code seq} of {@code message} when it is a JSON object whose top-level
   * {@code "type"} is {@code "submit"} and whose top-level {@code "seq"} is a non-negative
   * integer; null otherwise (not JSON, another type, no usable seq). Never throws.
   */
  public static Long seqOfSubmit(String message) {
    try (JsonParser p = Json.MAPPER.getFactory().createParser(message)) {
      if (p.nextToken() != JsonToken.START_OBJECT) return null;
      String type = null;
      Long seq = null;
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if ("type".equals(field) && value == JsonToken.VALUE_STRING) {
          type = p.getText();
        } else if ("seq".equals(field) && value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
          long n = p.getLongValue();
          seq = n >= 0 ? n : null;
        } else {
          p.skipChildren(); // objects and arrays: skipped token by token; strings are never materialised
        }
        if (type != null && seq != null) break;
      }
      return "submit".equals(type) ? seq : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
