package coedit.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads typed fields out of a parsed JSON object, throwing a {@link ProtocolException}
 * ({@code bad_message} unless told otherwise) that names the field and what was wrong.
 * {@code where} prefixes messages (e.g. {@code "edits[2]: "}); empty at the top level.
 */
public final class Fields {
  private Fields() {}

  /** A required string field. */
  public static String string(JsonNode obj, String field, String where, String code) {
    JsonNode n = required(obj, field, where, code);
    if (!n.isTextual()) {
      throw new ProtocolException(code, where + "field '" + field + "' must be a string, not " + kind(n));
    }
    return n.textValue();
  }

  /** An optional string field; {@code fallback} when absent or null. */
  public static String optionalString(JsonNode obj, String field, String fallback) {
    JsonNode n = obj.get(field);
    if (n == null || n.isNull()) return fallback;
    if (!n.isTextual()) {
      throw new ProtocolException(Messages.BAD_MESSAGE, "field '" + field + "' must be a string, not " + kind(n));
    }
    return n.textValue();
  }

  /** A required integer field with {@code min <= value <= max}. */
  public static long integer(JsonNode obj, String field, long min, long max, String where, String code) {
    return checkInteger(required(obj, field, where, code), field, min, max, where, code);
  }

  /** An optional integer field; {@code null} when absent or JSON null. */
  public static Long optionalInteger(JsonNode obj, String field, long min, long max) {
    JsonNode n = obj.get(field);
    if (n == null || n.isNull()) return null;
    return checkInteger(n, field, min, max, "", Messages.BAD_MESSAGE);
  }

  /** An optional boolean field. */
  public static boolean optionalBoolean(JsonNode obj, String field, boolean fallback) {
    JsonNode n = obj.get(field);
    if (n == null || n.isNull()) return fallback;
    if (!n.isBoolean()) {
      throw new ProtocolException(Messages.BAD_MESSAGE, "field '" + field + "' must be true or false, not " + kind(n));
    }
    return n.booleanValue();
  }

  /** A required field of any JSON type (JSON null counts as missing). */
  public static JsonNode required(JsonNode obj, String field, String where, String code) {
    JsonNode n = obj.get(field);
    if (n == null || n.isNull()) throw new ProtocolException(code, where + "missing field '" + field + "'");
    return n;
  }

  private static long checkInteger(JsonNode n, String field, long min, long max, String where, String code) {
    if (n.isIntegralNumber() && !n.canConvertToLong()) {
      throw new ProtocolException(code, where + "field '" + field + "' is " + n.asText() + ", far out of range");
    }
    if (!n.isIntegralNumber()) {
      throw new ProtocolException(code, where + "field '" + field + "' must be an integer, not " + kind(n));
    }
    long v = n.longValue();
    if (v < min || v > max) {
      String range = max == Long.MAX_VALUE ? "at least " + min : "between " + min + " and " + max;
      throw new ProtocolException(code, where + "field '" + field + "' is " + v + "; it must be " + range);
    }
    return v;
  }

  /** How a JSON value is described in error messages. */
  public static String kind(JsonNode n) {
    if (n.isTextual()) return "a string";
    if (n.isIntegralNumber()) return "a number";
    if (n.isNumber()) return "a fraction (" + n.asText() + ")";
    if (n.isBoolean()) return "a boolean";
    if (n.isArray()) return "an array";
    if (n.isObject()) return "an object";
    return "null";
  }
}
