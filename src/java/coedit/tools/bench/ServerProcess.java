package coedit.tools.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A server under load in its own JVM, started exactly as {@code coedit serve} runs (same
 * main class and classpath, RocksDB with fsync on, a fresh data directory), with the
 * per-client limits off because every typist connects from one address. Its CPU time is
 * read from the operating system ({@link ProcessHandle}), so the load generator can report
 * the server's CPU apart from its own.
 */
final class ServerProcess implements AutoCloseable {
  private static final String READY = "coedit is serving ";

  private final Process process;
  private final Path dir;
  private final URI uri;

  private ServerProcess(Process process, Path dir, URI uri) {
    this.process = process;
    this.dir = dir;
    this.uri = uri;
  }

  /**
   * Starts the server with {@code jvmOptions} (space-separated, e.g. a flight recording)
   * and {@code serveOptions} appended to the benchmark's; returns once it serves.
   */
  static ServerProcess start(String jvmOptions, String serveOptions) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("coedit-load-server-");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xss4m");
    for (String o : jvmOptions.trim().split("\\s+")) if (!o.isEmpty()) cmd.add(o);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "coedit.tools.Main", "serve",
        "--port", "0", "--data-dir", dir.resolve("data").toString(),
        "--max-submits-per-connection", "0", "--max-submits-per-user", "0",
        "--max-insert-bytes-per-connection", "0", "--max-insert-bytes-per-user", "0",
        "--max-connections-per-user", "0", "--max-connections-per-address", "0", "--max-connections", "0",
        "--max-joins-per-connection", "0"));
    for (String o : serveOptions.trim().split("\\s+")) if (!o.isEmpty()) cmd.add(o);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.PIPE).start();
    CompletableFuture<URI> ready = new CompletableFuture<>();
    Path log = dir.resolve("server.log");
    Thread pump = new Thread(() -> copyOutput(p, log, ready), "load-server-output");
    pump.setDaemon(true);
    pump.start();
    try {
      URI uri = ready.get(120, TimeUnit.SECONDS);
      return new ServerProcess(p, dir, uri);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      p.destroyForcibly();
      throw new IOException("the server did not start; its output is in " + log, e);
    }
  }

  /** Keeps the server's output in a log file; completes {@code ready} with its URL. */
  private static void copyOutput(Process p, Path log, CompletableFuture<URI> ready) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
         var out = Files.newBufferedWriter(log)) {
      String line;
      while ((line = in.readLine()) != null) {
        out.write(line);
        out.newLine();
        out.flush();
        int at = line.indexOf(READY);
        if (at >= 0 && line.contains(" on http")) ready.complete(URI.create(line.substring(line.lastIndexOf(" on ") + 4)));
      }
    } catch (IOException e) {
      ready.completeExceptionally(e);
    }
    // Its output ends when it exits (or closes its streams): only a server that never got
    // ready fails the start; waiting here also reaps the process.
    if (!ready.isDone()) {
      try {
        ready.completeExceptionally(new IOException("the server exited with " + p.waitFor()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  URI uri() {
    return uri;
  }

  long pid() {
    return process.pid();
  }

  /** CPU time the server process has used so far (user and system, all threads). */
  long cpuNanos() {
    return cpuNanos(process.toHandle());
  }

  /** CPU time of any process, 0 when the system does not say. */
  static long cpuNanos(ProcessHandle p) {
    return p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }

  /** Stops the server (SIGTERM: its flight recording, if any, is written) and deletes its data. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    try (Stream<Path> files = Files.walk(dir.resolve("data"))) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
