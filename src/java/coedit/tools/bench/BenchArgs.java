package coedit.tools.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * The {@code key=value} arguments of the benchmarks that take them ({@code bench load},
 * {@code bench stale}, {@code bench cluster}, {@code bench rpc}): anything else, or a number that is not one,
 * is an error naming it.
 */
final class BenchArgs {
  private final Map<String, String> values;

  private BenchArgs(Map<String, String> values) {
    this.values = values;
  }

  static BenchArgs parse(String[] args) {
    Map<String, String> o = new HashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      if (eq <= 0) throw new IllegalArgumentException("arguments are key=value, got '" + a + "'");
      o.put(a.substring(0, eq), a.substring(eq + 1));
    }
    return new BenchArgs(o);
  }

  String get(String key, String fallback) {
    return values.getOrDefault(key, fallback);
  }

  String get(String key) {
    return values.get(key);
  }

  boolean has(String key) {
    return values.containsKey(key);
  }

  int num(String key, int fallback) {
    String v = values.get(key);
    if (v == null) return fallback;
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, not '" + v + "'");
    }
  }
}
