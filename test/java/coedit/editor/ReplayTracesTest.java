package coedit.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import coedit.tools.cli.ReplayCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real editing traces (Joseph Gentle's editing-traces; automerge-paper prepared by Martin
 * Kleppmann; CC BY 4.0) replayed through the editor module by {@code coedit replay}: the
 * sequential ones as one pipelined writer, the concurrent one with simulated clients whose
 * ties between concurrent inserts follow the trace's own merge order (InsertOrder: the
 * server alone cannot know which side of deleted text an insert was typed on). Each must end
 * at the trace's endContent. Skipped, saying so, when ../shared/traces is absent.
 */
class ReplayTracesTest {

  @ParameterizedTest
  @ValueSource(strings = {"sveltecomponent", "automerge-paper"})
  void aSequentialTraceReplayedByOneWriterEndsAtItsEndContent(String name) {
    replayEndsAtEndContent(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"friendsforever"})
  void aConcurrentTraceEndsAtItsEndContentWhenAgentsBreakTiesByTheTracesMergeOrder(String name) {
    replayEndsAtEndContent(name);
  }

  private static void replayEndsAtEndContent(String name) {
    Path trace = find(name + ".json.gz");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = ReplayCommand.run(new String[] {trace.toString(), "--partitions", "2"},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    String printed = out.toString(StandardCharsets.UTF_8);
    System.out.print(printed);
    assertEquals(0, status, printed + err.toString(StandardCharsets.UTF_8));
    assertTrue(printed.contains("final text equals endContent: yes"), printed);
    assertTrue(printed.contains(" edits/s"), printed);
  }

  /** ../shared/traces from the repository root, or from any parent (a worktree). */
  static Path find(String file) {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolveSibling("shared").resolve("traces").resolve(file);
      if (Files.isRegularFile(candidate)) return candidate;
    }
    assumeTrue(false, "skipped: trace " + file + " not found in ../shared/traces above "
        + Path.of("").toAbsolutePath() + " (the traces are read at test time, never copied)");
    return null;
  }
}
