package coedit.tools.trace;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads the gzipped JSON traces of {@code ../shared/traces} with Jackson's streaming API
 * (the files are large; no tree is built). Unknown fields are skipped; a missing or
 * malformed required field is an {@link IOException} naming it.
 */
public final class Traces {
  private static final JsonFactory JSON = new JsonFactory();

  private Traces() {}

  /** The trace at {@code path}: concurrent when its {@code kind} is "concurrent", else sequential. */
  public static Trace read(Path path) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(path), 1 << 16);
        JsonParser p = JSON.createParser(in)) {
      return parse(p, path);
    }
  }

  /** The sequential trace at {@code path}; an {@link IOException} if it is concurrent. */
  public static SequentialTrace readSequential(Path path) throws IOException {
    if (read(path) instanceof SequentialTrace t) return t;
    throw new IOException(path + " is a concurrent trace, expected a sequential one");
  }

  /** The concurrent trace at {@code path}; an {@link IOException} if it is sequential. */
  public static ConcurrentTrace readConcurrent(Path path) throws IOException {
    if (read(path) instanceof ConcurrentTrace t) return t;
    throw new IOException(path + " is a sequential trace, expected a concurrent one");
  }

  /** A txn with every field either kind may have. */
  private record RawTxn(List<Integer> parents, int numChildren, int agent, String time, List<Patch> patches) {}

  private static Trace parse(JsonParser p, Path path) throws IOException {
    expect(p, p.nextToken(), JsonToken.START_OBJECT, "the top level");
    String kind = null;
    String start = null;
    String end = null;
    int agents = 0;
    List<RawTxn> txns = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "kind" -> kind = p.getValueAsString();
        case "startContent" -> start = p.getValueAsString();
        case "endContent" -> end = p.getValueAsString();
        case "numAgents" -> agents = p.getIntValue();
        case "txns" -> txns = txns(p, value);
        default -> p.skipChildren();
      }
    }
    if (end == null) throw new IOException(path + ": no endContent");
    if (txns == null) throw new IOException(path + ": no txns");
    if ("concurrent".equals(kind)) {
      List<ConcurrentTrace.Txn> out = new ArrayList<>(txns.size());
      for (RawTxn t : txns) out.add(new ConcurrentTrace.Txn(t.parents, t.numChildren, t.agent, t.time, t.patches));
      return new ConcurrentTrace(end, agents, List.copyOf(out));
    }
    List<SequentialTrace.Txn> out = new ArrayList<>(txns.size());
    for (RawTxn t : txns) out.add(new SequentialTrace.Txn(t.time, t.patches));
    return new SequentialTrace(start == null ? "" : start, end, List.copyOf(out));
  }

  private static List<RawTxn> txns(JsonParser p, JsonToken start) throws IOException {
    expect(p, start, JsonToken.START_ARRAY, "txns");
    List<RawTxn> txns = new ArrayList<>();
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
      List<Integer> parents = List.of();
      int children = 0;
      int agent = 0;
      String time = null;
      List<Patch> patches = List.of();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "parents" -> parents = ints(p, value);
          case "numChildren" -> children = p.getIntValue();
          case "agent" -> agent = p.getIntValue();
          case "time" -> time = p.getValueAsString();
          case "patches" -> patches = patches(p, value);
          default -> p.skipChildren();
        }
      }
      txns.add(new RawTxn(parents, children, agent, time, patches));
    }
    expect(p, t, JsonToken.END_ARRAY, "a txn object or the end of txns");
    return txns;
  }

  private static List<Patch> patches(JsonParser p, JsonToken start) throws IOException {
    expect(p, start, JsonToken.START_ARRAY, "patches");
    List<Patch> patches = new ArrayList<>(1);
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.START_ARRAY) {
      expect(p, p.nextToken(), JsonToken.VALUE_NUMBER_INT, "a patch position");
      int pos = p.getIntValue();
      expect(p, p.nextToken(), JsonToken.VALUE_NUMBER_INT, "a patch delete count");
      int del = p.getIntValue();
      expect(p, p.nextToken(), JsonToken.VALUE_STRING, "a patch's inserted text");
      String ins = p.getText();
      expect(p, p.nextToken(), JsonToken.END_ARRAY, "the end of a patch");
      patches.add(new Patch(pos, del, ins));
    }
    expect(p, t, JsonToken.END_ARRAY, "a patch or the end of patches");
    return List.copyOf(patches);
  }

  private static List<Integer> ints(JsonParser p, JsonToken start) throws IOException {
    expect(p, start, JsonToken.START_ARRAY, "parents");
    List<Integer> out = new ArrayList<>(2);
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.VALUE_NUMBER_INT) out.add(p.getIntValue());
    expect(p, t, JsonToken.END_ARRAY, "a parent index or the end of parents");
    return List.copyOf(out);
  }

  private static void expect(JsonParser p, JsonToken actual, JsonToken expected, String what) throws IOException {
    if (actual != expected) {
      throw new IOException("malformed trace at " + p.currentLocation() + ": expected " + what
          + " (" + expected + "), found " + actual);
    }
  }
}
