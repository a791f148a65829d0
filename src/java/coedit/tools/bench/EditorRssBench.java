package coedit.tools.bench;

import coedit.editor.EditorConfig;
import coedit.editor.data.EditSubmission;
import coedit.editor.data.SubmitResult;
import coedit.ot.Change;
import coedit.ot.Insert;
import coedit.tools.bench.EditorBenchmark.Result;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Memory after touching many documents: 10,000 documents each get ~10 KB of text (one
 * 10,000 code point insert, then 5 small edits), then each is read once. Reports the
 * resident set size (VmRSS from /proc/self/status) after a GC of a fresh child JVM started
 * with {@code -Xmx512m}, the heap a server is given: with the JVM's default heap limit (a
 * quarter of RAM) the collector grows the heap instead of collecting, so RSS would measure
 * that choice rather than the module. Hot documents are bounded per task
 * ({@link EditorConfig#cacheCodePoints()}); the rest live only on disk. Goal: < 1 GiB.
 */
final class EditorRssBench {
  static final String HEAP = "-Xmx512m";
  private static final int DOCS = 10_000;
  private static final int SIZE = 10_000;

  private EditorRssBench() {}

  /** Runs {@link #main} in a child JVM and reads its results. */
  static List<Result> run() throws IOException, InterruptedException {
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        HEAP, "-Xss4m", "-cp", System.getProperty("java.class.path"), EditorRssBench.class.getName())
        .redirectErrorStream(true).start();
    List<Result> results = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        if (line.startsWith("RESULT ")) {
          String[] f = line.substring(7).split("\\|");
          results.add(new Result("rss", f[0], Double.parseDouble(f[1]), f[2], Boolean.parseBoolean(f[3])));
        } else {
          System.out.println(line);
        }
      }
    }
    if (child.waitFor() != 0 || results.isEmpty()) throw new IllegalStateException("the RSS child JVM failed");
    return results;
  }

  public static void main(String[] args) {
    for (Result r : measure()) {
      System.out.println("RESULT " + r.metric() + "|" + r.value() + "|" + r.goal() + "|" + r.met());
    }
  }

  private static List<Result> measure() {
    long before = EditorBenchSupport.rssMiB();
    try (EditorBenchSupport s = new EditorBenchSupport(4, EditorConfig.defaults())) {
      Random random = new Random(1);
      Semaphore window = new Semaphore(512);
      AtomicReference<Object> problem = new AtomicReference<>();
      char[] text = new char[SIZE];
      for (int d = 0; d < DOCS; d++) {
        for (int i = 0; i < SIZE; i++) text[i] = (char) ('a' + random.nextInt(26));
        String docId = "doc-" + d;
        for (int v = 0; v < 6; v++) {
          Change change = v == 0 ? Change.of(new Insert(0, new String(text))) : Change.of(new Insert(random.nextInt(SIZE), "edit"));
          window.acquireUninterruptibly();
          s.editor.submit(new EditSubmission(docId, "writer", v, v, change)).whenComplete((r, e) -> {
            window.release();
            if (!(r instanceof SubmitResult.Accepted)) problem.compareAndSet(null, e != null ? e : r);
          });
        }
      }
      window.acquireUninterruptibly(512);
      if (problem.get() != null) throw new IllegalStateException(problem.get().toString());
      long chars = 0;
      for (int d = 0; d < DOCS; d++) chars += s.editor.read("doc-" + d).text().length();
      if (chars != (long) DOCS * (SIZE + 20)) throw new IllegalStateException("texts hold " + chars + " chars");
      System.gc();
      long rss = EditorBenchSupport.rssMiB();
      Runtime rt = Runtime.getRuntime();
      long heap = (rt.totalMemory() - rt.freeMemory()) >> 20;
      System.out.println("RSS before " + before + " MiB, after " + rss + " MiB; heap in use " + heap + " MiB");
      return List.of(
          new Result("rss", "VmRSS, 10,000 x 10 KB docs, " + HEAP + " (MiB)", rss, "< 1024", rss >= 0 && rss < 1024),
          new Result("rss", "Java heap in use after GC (MiB)", heap, "", true));
    }
  }
}
