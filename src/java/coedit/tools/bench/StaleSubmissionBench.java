package coedit.tools.bench;

import coedit.ot.AwaitingWithBuffer;
import coedit.ot.Change;
import coedit.ot.ClientRun;
import coedit.ot.ClientState;
import coedit.ot.ClientStep;
import coedit.ot.ComposedHistory;
import coedit.ot.Delete;
import coedit.ot.Edit;
import coedit.ot.Insert;
import coedit.ot.Ot;
import coedit.ot.Rope;
import coedit.tools.trace.Patch;
import coedit.tools.trace.SequentialTrace;
import coedit.tools.trace.Traces;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Stale and offline submissions (issue 13), each fast path against change by change, with
 * the results checked to be identical.
 *
 * <ol>
 *   <li><b>Version-0 submission crossing {@code entries} (26,000) entries</b>, through what
 *       the editor module's {@code Document} does with a stale submission whose history it
 *       holds: the history's length delta (to check the change against the text its author
 *       saw), then the transform. The first such submission converts and composes what it
 *       crosses (the history converts nothing when a change is appended); later ones reuse
 *       that. Also the cost of appending each accepted change.
 *       {@link ComposedHistory#lengthDeltaSince} and {@link ComposedHistory#transformSince}
 *       against summing {@link Change#lengthDelta} and {@link Ot#transformOverHistory}. Two
 *       histories: the first txns of the automerge-paper trace (typing) and random
 *       single-edit changes at uniform positions (scattered: the worst case for composing).
 *       Goal: at most 5 ms.
 *   <li><b>Offline merge</b>: a client typed {@code k} (10,000) random edits offline (one in
 *       flight, the rest buffered) while the server accepted {@code m} (10,000) random
 *       entries. Client side: {@link ClientState#applyServerRun} on the m entries, each
 *       applied to the local rope, against {@link ClientState#applyServer} one by one.
 *       Server side: the in-flight edit, then all k edits as one change, each made at the
 *       old version and transformed over the m entries. End to end: in-flight transform on
 *       the server plus the client's catch-up (the buffer is then sent at the head: nothing
 *       to transform). Goal: at most 100 ms.
 * </ol>
 * Each measurement reports the median wall and thread-CPU milliseconds of {@code reps} runs
 * after {@code warmup} runs (CPU time is the fairer figure on a shared machine); the
 * change-by-change references, O(k·m), run once.
 *
 * <p>Arguments ({@code key=value}): entries, k, m, reps, warmup, trace (default
 * {@code ../shared/traces/automerge-paper.json.gz}).
 */
public final class StaleSubmissionBench {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private StaleSubmissionBench() {}

  public static void main(String[] args) throws IOException {
    BenchArgs o = BenchArgs.parse(args);
    int entries = o.num("entries", 26000);
    int k = o.num("k", 10000);
    int m = o.num("m", 10000);
    Timer timer = new Timer(o.num("reps", 7), o.num("warmup", 5));
    Path trace = Path.of(o.get("trace", "../shared/traces/automerge-paper.json.gz"));

    boolean ok = true;
    System.out.printf("(a) a version-0 submission crossing %,d entries (goal <= 5 ms)%n", entries);
    ok &= staleSubmission("automerge-paper typing", traceHistory(trace, entries), timer);
    Random random = new Random(42);
    ok &= staleSubmission("random scattered edits", randomHistory(random, 10_000, entries), timer);
    System.out.printf("(b) offline merge: k = %,d edits over m = %,d accepted entries (goal <= 100 ms)%n", k, m);
    ok &= offlineMerge(random, k, m, timer);
    if (!ok) System.exit(1);
  }

  // ---- (a) ----

  /** A document's start text and its history, each change made on the text the ones before left. */
  private record History(String start, List<Change> changes) {}

  private static boolean staleSubmission(String label, History history, Timer timer) {
    List<Change> changes = history.changes();
    Supplier<ComposedHistory> build = () -> {
      ComposedHistory h = new ComposedHistory(0);
      for (Change c : changes) h.append(c);
      return h;
    };
    Measure appends = timer.time(build::get);
    int length = history.start().codePointCount(0, history.start().length());
    // Two edits, as typed at version 0: an insert in the middle, a delete at the start.
    Change submission = length == 0 ? Change.of(new Insert(0, "!"))
        : Change.of(new Insert(length / 2, "!"), new Delete(0, 1));

    // The first stale submission converts and composes what it crosses; later ones reuse it.
    Change[] fast = new Change[1];
    Function<ComposedHistory, Object> stale = h -> {
      long baseLength = h.lengthDeltaSince(0);
      fast[0] = h.transformSince(0, submission);
      return baseLength;
    };
    Measure first = timer.time(build, stale);
    ComposedHistory composed = build.get();
    stale.apply(composed);
    Measure fastTime = timer.time(() -> stale.apply(composed));
    Change[] slow = new Change[1];
    Measure slowTime = timer.once(() -> {
      long delta = 0;
      for (Change c : changes) delta += c.lengthDelta();
      slow[0] = Ot.transformOverHistory(submission, changes);
      return delta;
    });
    boolean same = fast[0].equals(slow[0]);
    System.out.printf("  %s: appending all %,d: %s, %.2f µs CPU per append%n",
        label, changes.size(), appends, appends.cpuMs() * 1000 / changes.size());
    System.out.printf("    first stale submission (converts and composes what it crosses): %s%n", first);
    System.out.printf("    every later one: %s; change by change: %s; results %s; history weight %,d code points%n",
        fastTime, slowTime, same ? "identical" : "DIFFER", composed.weight());
    System.out.printf("    goal <= 5 ms (median wall): later ones %s, the first %s%n",
        fastTime.wallMs() <= 5 ? "met" : "NOT met", first.wallMs() <= 5 ? "met" : "NOT met");
    return same;
  }

  private static History traceHistory(Path path, int entries) throws IOException {
    SequentialTrace trace = Traces.readSequential(path);
    List<Change> changes = new ArrayList<>(entries);
    for (SequentialTrace.Txn txn : trace.txns().subList(0, Math.min(entries, trace.txns().size()))) {
      List<Edit> edits = new ArrayList<>();
      for (Patch p : txn.patches()) {
        if (p.deleteCount() > 0) edits.add(new Delete(p.position(), p.deleteCount()));
        if (!p.insert().isEmpty()) edits.add(new Insert(p.position(), p.insert()));
      }
      changes.add(new Change(edits));
    }
    return new History(trace.startContent(), changes);
  }

  /** {@code count} single-edit changes at uniform positions of a text of about {@code size} letters. */
  private static History randomHistory(Random random, int size, int count) {
    String start = letters(random, size);
    Rope text = new Rope(start);
    return new History(start, randomEdits(random, text, count));
  }

  // ---- (b) ----

  private static boolean offlineMerge(Random random, int k, int m, Timer timer) {
    String start = letters(random, 20_000);
    // The client, offline at version 0: its first edit is in flight, the rest buffered.
    Rope local = new Rope(start);
    List<Change> typed = randomEdits(random, local, k);
    // Offline typing composes each edit into the buffer (O(buffer) per edit): built here in a
    // balanced way, which gives the same buffer (compose is associative component for
    // component), and the cost of one more keystroke at this size is reported.
    Change buffer = composeAll(typed.subList(1, typed.size()));
    ClientState offline = new AwaitingWithBuffer(0, typed.get(0), buffer);
    Change oneMore = randomEdits(random, new Rope(local.toString()), 1).get(0);
    ClientState typing = offline;
    Measure keystroke = timer.time(() -> typing.applyLocal(oneMore));
    String localText = local.toString();

    // Meanwhile the server accepted m entries from others.
    Rope server = new Rope(start);
    List<Change> accepted = randomEdits(random, server, m);
    ComposedHistory history = new ComposedHistory(0);
    for (Change c : accepted) history.append(c);

    // Client side.
    ClientState from = offline;
    Object[] fast = new Object[2];
    Measure clientFast = timer.time(() -> {
      ClientRun run = from.applyServerRun(accepted);
      Rope text = new Rope(localText);
      for (Change c : run.toApply()) Ot.apply(text, c);
      fast[0] = run.next();
      fast[1] = text;
      return run;
    });
    Object[] slow = new Object[2];
    Measure clientSlow = timer.once(() -> {
      ClientState s = from;
      Rope text = new Rope(localText);
      for (Change c : accepted) {
        ClientStep step = s.applyServer(c);
        s = step.next();
        Ot.apply(text, step.toApply());
      }
      slow[0] = s;
      slow[1] = text;
      return s;
    });
    boolean clientSame = fast[0].equals(slow[0]) && fast[1].toString().equals(slow[1].toString());

    // Server side: the in-flight edit, and all k edits as one change, made at version 0.
    Change inFlight = typed.get(0);
    Change all = Ot.compose(inFlight, buffer);
    ServerSide server1 = serverSide(history, accepted, inFlight, timer);
    ServerSide serverK = serverSide(history, accepted, all, timer);

    // The client's text after the merge is the server's: the ack of the in-flight edit comes
    // next, then the buffer (made at the head) applies as it is.
    Change inFlightAccepted = history.transformSince(0, inFlight);
    Rope serverText = new Rope(server.toString());
    Ot.apply(serverText, inFlightAccepted);
    ClientState caughtUp = (ClientState) fast[0];
    ClientStep ack = caughtUp.serverAck(m + 1);
    Ot.apply(serverText, ack.toSend());
    boolean converged = serverText.toString().equals(fast[1].toString());

    System.out.printf("  offline typing: one more keystroke into a buffer of %,d edits: %s%n",
        buffer.edits().size(), keystroke);
    System.out.printf("  client catch-up (applyServerRun + rope): %s; change by change: %s; state and text %s%n",
        clientFast, clientSlow, clientSame ? "identical" : "DIFFER");
    System.out.printf("  server, the in-flight edit over m (ComposedHistory): %s%n", server1);
    System.out.printf("  server, all k edits as one change over m (ComposedHistory): %s%n", serverK);
    double endToEnd = clientFast.wallMs() + server1.fast().wallMs();
    System.out.printf("  end to end (server in-flight transform + client catch-up, medians): %.1f ms wall, %.1f ms CPU;"
        + " goal <= 100 ms: %s; client and server texts %s%n",
        endToEnd, clientFast.cpuMs() + server1.fast().cpuMs(), endToEnd <= 100 ? "met" : "NOT met",
        converged ? "equal" : "DIFFER");
    return clientSame && server1.same() && serverK.same() && converged;
  }

  /** A server-side transform, fast and change by change, and whether both gave the same change. */
  private record ServerSide(Measure fast, Measure slow, boolean same) {
    @Override
    public String toString() {
      return fast + "; change by change: " + slow + "; results " + (same ? "identical" : "DIFFER");
    }
  }

  private static ServerSide serverSide(ComposedHistory history, List<Change> accepted, Change change, Timer timer) {
    Change[] fast = new Change[1];
    Measure f = timer.time(() -> {
      history.lengthDeltaSince(0);
      return fast[0] = history.transformSince(0, change);
    });
    Change[] slow = new Change[1];
    Measure s = timer.once(() -> {
      long delta = 0;
      for (Change c : accepted) delta += c.lengthDelta();
      return slow[0] = Ot.transformOverHistory(change, accepted);
    });
    return new ServerSide(f, s, fast[0].equals(slow[0]));
  }

  // ---- inputs ----

  /** Random single-edit changes applied to {@code text} as they are made: 80% one-letter inserts, 20% deletes. */
  private static List<Change> randomEdits(Random random, Rope text, int count) {
    List<Change> changes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Change c = random.nextInt(5) > 0 || text.length() < 2
          ? Change.of(new Insert(random.nextInt(text.length() + 1), String.valueOf((char) ('a' + random.nextInt(26)))))
          : Change.of(new Delete(random.nextInt(text.length() - 1), 1 + random.nextInt(2)));
      Ot.apply(text, c);
      changes.add(c);
    }
    return changes;
  }

  /** The composition of the changes, paired up level by level: O(total size · log count). */
  private static Change composeAll(List<Change> changes) {
    List<Change> level = changes;
    while (level.size() > 1) {
      List<Change> next = new ArrayList<>((level.size() + 1) / 2);
      for (int i = 0; i + 1 < level.size(); i += 2) next.add(Ot.compose(level.get(i), level.get(i + 1)));
      if (level.size() % 2 == 1) next.add(level.get(level.size() - 1));
      level = next;
    }
    return level.isEmpty() ? Change.EMPTY : level.get(0);
  }

  private static String letters(Random random, int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) b.append((char) ('a' + random.nextInt(26)));
    return b.toString();
  }

  // ---- timing ----

  /** Median wall and thread-CPU milliseconds of some runs. */
  private record Measure(double wallMs, double cpuMs, int runs) {
    @Override
    public String toString() {
      return String.format("%.2f ms wall, %.2f ms CPU (%s)", wallMs, cpuMs, runs == 1 ? "one run" : "median of " + runs);
    }
  }

  private record Timer(int reps, int warmup) {
    Measure time(Supplier<Object> work) {
      for (int i = 0; i < warmup; i++) work.get();
      return measure(work, reps);
    }

    /** Times {@code work} on a fresh {@code setup()} each run (the setup is not timed). */
    <T> Measure time(Supplier<T> setup, Function<T, Object> work) {
      for (int i = 0; i < warmup; i++) work.apply(setup.get());
      double[] wall = new double[reps];
      double[] cpu = new double[reps];
      for (int i = 0; i < reps; i++) {
        T input = setup.get();
        long c0 = THREADS.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        work.apply(input);
        wall[i] = (System.nanoTime() - t0) / 1e6;
        cpu[i] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e6;
      }
      return new Measure(median(wall), median(cpu), reps);
    }

    Measure once(Supplier<Object> work) {
      return measure(work, 1);
    }

    private static Measure measure(Supplier<Object> work, int runs) {
      double[] wall = new double[runs];
      double[] cpu = new double[runs];
      for (int i = 0; i < runs; i++) {
        long c0 = THREADS.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        work.get();
        wall[i] = (System.nanoTime() - t0) / 1e6;
        cpu[i] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e6;
      }
      return new Measure(median(wall), median(cpu), runs);
    }

    private static double median(double[] xs) {
      double[] s = xs.clone();
      Arrays.sort(s);
      int n = s.length;
      return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
  }
}
