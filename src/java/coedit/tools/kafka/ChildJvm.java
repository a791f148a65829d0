package coedit.tools.kafka;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Child JVMs for the harnesses that kill processes: this JVM's class path, stderr to a file,
 * stdout read line by line so a caller can wait for a readiness line. {@link #destroyForcibly}
 * is SIGKILL, {@link Process#destroy()} SIGTERM (on Linux).
 */
public final class ChildJvm {
  private ChildJvm() {}

  /**
   * Starts {@code java [jvmFlags] -cp CLASSPATH args...}, stderr to {@code log}.
   * {@code fastStart}: C1 only and the parallel collector (starts sooner and spends less CPU
   * on collection: for tests). Without it the JVM runs with the flags {@code bin/coedit} uses
   * (the default collector, G1), so a benchmark measures what is deployed: with the
   * parallel collector a cluster node under load paused 0.5 s per young collection.
   */
  public static Process start(List<String> jvmFlags, List<String> args, Path log, boolean fastStart) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xss4m");
    if (fastStart) {
      cmd.add("-XX:+UseParallelGC");
      cmd.add("-XX:TieredStopAtLevel=1");
    }
    cmd.addAll(jvmFlags);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.addAll(args);
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
  }

  /**
   * Completes with the rest of the first stdout line of {@code p} starting with
   * {@code prefix}; fails when the process ends first or after {@code timeout}. Keeps
   * reading (and dropping) stdout afterwards, so the child never blocks on a full pipe.
   */
  public static CompletableFuture<String> awaitLine(Process p, String prefix, Duration timeout) {
    CompletableFuture<String> f = new CompletableFuture<>();
    eachLine(p, line -> {
      if (line.startsWith(prefix) && !f.isDone()) f.complete(line.substring(prefix.length()).trim());
    }, failure -> f.completeExceptionally(failure != null ? failure
        : new IllegalStateException("process " + p.pid() + " ended before printing " + prefix)));
    return f.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Every stdout line of {@code p}, in order, as it comes (for a caller that waits for
   * several lines; {@link #awaitLine} when one readiness line is all).
   */
  public static BlockingQueue<String> lines(Process p) {
    BlockingQueue<String> q = new LinkedBlockingQueue<>();
    eachLine(p, q::add, failure -> {
      if (failure != null) q.add("stdout failed: " + failure);
    });
    return q;
  }

  /**
   * Reads {@code p}'s stdout to its end on a daemon thread: each line to {@code line}, then
   * {@code end} with null, or with the failure that stopped the reading.
   */
  private static void eachLine(Process p, Consumer<String> line, Consumer<IOException> end) {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String l; (l = r.readLine()) != null; ) line.accept(l);
        end.accept(null);
      } catch (IOException e) {
        end.accept(e);
      }
    }, "child-stdout-" + p.pid());
    t.setDaemon(true);
    t.start();
  }

  /** CPU time (user + system) a live process has used, from /proc, in nanoseconds; -1 when unknown. */
  static long cpuNanos(long pid) {
    try {
      String stat = java.nio.file.Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
      return ticks * (1_000_000_000L / 100); // USER_HZ is 100 on Linux
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
