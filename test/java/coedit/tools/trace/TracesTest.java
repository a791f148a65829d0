package coedit.tools.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import coedit.ot.Change;
import coedit.ot.Delete;
import coedit.ot.Edit;
import coedit.ot.Insert;
import coedit.ot.Ot;
import coedit.ot.Rope;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trace reader on small files, and full replays of the shared sequential traces. */
class TracesTest {
  @TempDir Path dir;

  private Path gz(String json) throws IOException {
    Path file = dir.resolve("t.json.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(json.getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }

  @Test
  void readsSequentialTraces() throws IOException {
    Trace t = Traces.read(gz("{\"startContent\":\"\",\"endContent\":\"h\\uD83D\\uDE00\",\"extra\":[1,{}],"
        + "\"txns\":[{\"time\":\"t0\",\"patches\":[[0,0,\"hi\"]]},{\"patches\":[[1,1,\"\\uD83D\\uDE00\"]]}]}"));
    SequentialTrace s = assertInstanceOf(SequentialTrace.class, t);
    assertEquals(2, s.txns().size());
    assertEquals(new Patch(1, 1, "\uD83D\uDE00"), s.txns().get(1).patches().get(0));
    assertEquals("t0", s.txns().get(0).time());
    assertEquals(2, s.patchCount());
  }

  @Test
  void readsConcurrentTraces() throws IOException {
    ConcurrentTrace c = Traces.readConcurrent(gz("{\"kind\":\"concurrent\",\"endContent\":\"ab\",\"numAgents\":2,"
        + "\"txns\":[{\"parents\":[],\"numChildren\":1,\"agent\":0,\"patches\":[[0,0,\"a\"]]},"
        + "{\"parents\":[0],\"numChildren\":0,\"agent\":1,\"patches\":[[1,0,\"b\"]]}]}"));
    assertEquals(2, c.numAgents());
    assertEquals(new ConcurrentTrace.Txn(List.of(0), 0, 1, null, List.of(new Patch(1, 0, "b"))), c.txns().get(1));
  }

  @Test
  void malformedTracesNameWhatIsWrong() throws IOException {
    Path bad = gz("{\"endContent\":\"\",\"txns\":[{\"patches\":[[0,\"x\",\"a\"]]}]}");
    IOException e = assertThrows(IOException.class, () -> Traces.read(bad));
    assertTrue(e.getMessage().contains("expected a patch delete count"), e.getMessage());
    assertThrows(IOException.class, () -> Traces.readConcurrent(gz("{\"endContent\":\"\",\"txns\":[]}")));
  }

  @Test
  void sharedSequentialTracesReplayToTheirEndContent() throws IOException {
    for (String name : List.of("automerge-paper.json.gz", "sveltecomponent.json.gz")) {
      Path path = shared(name);
      SequentialTrace trace = Traces.readSequential(path);
      Rope rope = new Rope(trace.startContent());
      for (SequentialTrace.Txn txn : trace.txns()) {
        List<Edit> edits = new ArrayList<>();
        for (Patch p : txn.patches()) {
          if (p.deleteCount() > 0) edits.add(new Delete(p.position(), p.deleteCount()));
          if (!p.insert().isEmpty()) edits.add(new Insert(p.position(), p.insert()));
        }
        Ot.apply(rope, new Change(edits));
      }
      assertEquals(trace.endContent(), rope.toString(), name);
    }
  }

  /** ../shared/traces (from the main checkout) or any parent's shared/traces (from a worktree). */
  static Path shared(String name) {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolve("shared/traces").resolve(name);
      if (Files.exists(candidate)) return candidate;
    }
    assumeTrue(false, "shared/traces/" + name + " not found above " + Path.of("").toAbsolutePath());
    return null;
  }
}
