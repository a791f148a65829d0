package coedit.tools.bench;

import coedit.editor.EditorConfig;
import coedit.editor.EngineDocumentService;
import coedit.engine.Cluster;
import coedit.engine.DepotTrimming;
import coedit.engine.EngineConfig;
import coedit.engine.FsyncPolicy;
import coedit.engine.embedded.Engine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/** What the editor benchmarks share: an engine with fsync on in a temporary directory, percentiles, RSS. */
final class EditorBenchSupport implements AutoCloseable {
  final Path dir;
  final Cluster cluster;
  final EngineDocumentService editor;

  /** The engine's defaults (fsync on, group commit) with {@code partitions} partitions. */
  EditorBenchSupport(int partitions, EditorConfig config) {
    this(partitions, config, true);
  }

  /** As above, with fsync off when {@code fsync} is false (for benchmarks of what is stored, not of speed). */
  EditorBenchSupport(int partitions, EditorConfig config, boolean fsync) {
    this(partitions, config, fsync, DepotTrimming.OFF);
  }

  /** As above, with the depots trimmed by {@code trimming}. */
  EditorBenchSupport(int partitions, EditorConfig config, boolean fsync, DepotTrimming trimming) {
    try {
      dir = Files.createTempDirectory("coedit-bench-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    cluster = Engine.open(EngineConfig.defaults(dir).withPartitions(partitions)
        .withFsync(fsync ? FsyncPolicy.ALWAYS_GROUP_COMMIT : FsyncPolicy.NEVER).withTrimming(trimming));
    editor = EngineDocumentService.launch(cluster, config);
  }

  @Override
  public void close() {
    editor.close();
    cluster.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code p}-th percentile (0-100) of {@code nanos}, in milliseconds. */
  static double percentileMillis(long[] nanos, double p) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int i = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p / 100 * sorted.length) - 1));
    return sorted[i] / 1e6;
  }

  /** This process's resident set size in MiB, from /proc/self/status (-1 when unavailable). */
  static long rssMiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  /** ../shared/traces/NAME from the working directory or any parent's sibling. */
  static Path trace(String name) {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolveSibling("shared").resolve("traces").resolve(name);
      if (Files.isRegularFile(candidate)) return candidate;
    }
    throw new IllegalStateException("trace " + name + " not found in ../shared/traces above " + Path.of("").toAbsolutePath());
  }
}
