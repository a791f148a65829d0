package coedit.tools.bench;

import coedit.ot.Change;
import coedit.ot.Delete;
import coedit.ot.Edit;
import coedit.ot.Insert;
import coedit.ot.Ot;
import coedit.ot.Rope;
import coedit.ot.Texts;
import coedit.tools.trace.Patch;
import coedit.tools.trace.SequentialTrace;
import coedit.tools.trace.Traces;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Throughput of {@link Ot#apply(Rope, Change)}, in edits per second.
 *
 * <ol>
 *   <li>Replays a sequential trace (default {@code ../shared/traces/automerge-paper.json.gz},
 *       from Joseph Gentle's editing-traces, prepared by Martin Kleppmann, CC BY 4.0): each
 *       txn is one change, each patch a Delete then an Insert; the final text must equal the
 *       trace's endContent. Goal: at least 2,000,000 edits/s.
 *   <li>Applies one seeded random edit mix (uniform positions) to a 1,000 and a 1,000,000
 *       code-point document. Goal: throughput at 1M at least half of that at 1k.
 * </ol>
 * Changes are built before timing; each round times only the apply calls on a fresh rope.
 * Reports the best and the median of the measured rounds, after warm-up rounds.
 *
 * <p>Usage: {@code OtApplyBenchmark [trace.json.gz] [--rounds N] [--warmup N]}
 */
public final class OtApplyBenchmark {
  private static final String[] WORDS = {"the ", "rope ", "edit", " and ", "transform", "é", "ok"};
  private static final String[] EMOJI = {"\uD83D\uDE00", "\uD83C\uDF89", "\uD834\uDD1E"};

  private OtApplyBenchmark() {}

  public static void main(String[] args) throws IOException {
    Path trace = Path.of("../shared/traces/automerge-paper.json.gz");
    int rounds = 5;
    int warmup = 3;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        default -> trace = Path.of(args[i]);
      }
    }
    boolean ok = replayTrace(trace, warmup, rounds);
    ok &= compareSizes(warmup, rounds);
    if (!ok) System.exit(1);
  }

  private static boolean replayTrace(Path path, int warmup, int rounds) throws IOException {
    SequentialTrace trace = Traces.readSequential(path);
    List<Change> changes = new ArrayList<>(trace.txns().size());
    for (SequentialTrace.Txn txn : trace.txns()) changes.add(toChange(txn.patches()));
    long edits = changes.stream().mapToLong(c -> c.edits().size()).sum();
    double[] rates = new double[rounds];
    String text = null;
    for (int r = -warmup; r < rounds; r++) {
      Rope rope = new Rope(trace.startContent());
      long t0 = System.nanoTime();
      for (Change c : changes) Ot.apply(rope, c);
      long t1 = System.nanoTime();
      if (r >= 0) rates[r] = edits * 1e9 / (t1 - t0);
      text = rope.toString();
    }
    boolean same = trace.endContent().equals(text);
    System.out.printf("trace %s: %,d txns, %,d edits; final text %s endContent (%,d code points)%n",
        path.getFileName(), changes.size(), edits, same ? "equals" : "DIFFERS FROM",
        Texts.length(text));
    report("  Ot.apply on a Rope", rates, warmup);
    boolean fast = median(rates) >= 2_000_000;
    System.out.printf("  goal >= 2,000,000 edits/s (median): %s%n", fast ? "met" : "NOT met");
    return same && fast;
  }

  /** Each patch is a splice: Delete then Insert at its position; patches apply in order. */
  private static Change toChange(List<Patch> patches) {
    List<Edit> edits = new ArrayList<>(patches.size() * 2);
    for (Patch p : patches) {
      if (p.deleteCount() > 0) edits.add(new Delete(p.position(), p.deleteCount()));
      if (!p.insert().isEmpty()) edits.add(new Insert(p.position(), p.insert()));
    }
    return new Change(edits);
  }

  private static boolean compareSizes(int warmup, int rounds) {
    int count = 500_000;
    System.out.printf("random mix: %,d single-edit changes, uniform positions; inserts (80%% one letter, "
        + "16%% a word, 4%% an emoji) each followed by a delete of the same size%n", count);
    double small = mix(1_000, count, warmup, rounds);
    double large = mix(1_000_000, count, warmup, rounds);
    double ratio = large / small;
    System.out.printf("  1M / 1k (medians): %.2f; goal >= 0.50: %s%n", ratio, ratio >= 0.5 ? "met" : "NOT met");
    return ratio >= 0.5;
  }

  private static double mix(int size, int count, int warmup, int rounds) {
    Random random = new Random(42);
    StringBuilder initial = new StringBuilder(size);
    for (int i = 0; i < size; i++) initial.append((char) ('a' + random.nextInt(26)));
    List<Change> changes = randomMix(random, size, count);
    double[] rates = new double[rounds];
    for (int r = -warmup; r < rounds; r++) {
      Rope rope = new Rope(initial.toString());
      long t0 = System.nanoTime();
      for (Change c : changes) Ot.apply(rope, c);
      long t1 = System.nanoTime();
      if (r >= 0) rates[r] = count * 1e9 / (t1 - t0);
      if (rope.length() != size) throw new IllegalStateException("mix changed the length: " + rope.length());
    }
    report(String.format("  %,d code points", size), rates, warmup);
    return median(rates);
  }

  /** Pairs of (insert, delete of the same size) keep the length fixed, so both sizes see one mix. */
  private static List<Change> randomMix(Random random, int size, int count) {
    String[] letters = new String[26];
    for (int i = 0; i < 26; i++) letters[i] = String.valueOf((char) ('a' + i));
    List<Change> changes = new ArrayList<>(count);
    while (changes.size() < count) {
      int kind = random.nextInt(100);
      String text = kind < 80 ? letters[random.nextInt(26)]
          : kind < 96 ? WORDS[random.nextInt(WORDS.length)] : EMOJI[random.nextInt(EMOJI.length)];
      int n = Texts.length(text);
      changes.add(Change.of(new Insert(random.nextInt(size + 1), text)));
      changes.add(Change.of(new Delete(random.nextInt(size + 1), n)));
    }
    return changes;
  }

  private static void report(String label, double[] rates, int warmup) {
    double[] sorted = rates.clone();
    Arrays.sort(sorted);
    System.out.printf("%s: best %,.0f edits/s, median %,.0f edits/s (%d rounds after %d warm-up)%n",
        label, sorted[sorted.length - 1], median(rates), rates.length, warmup);
  }

  private static double median(double[] rates) {
    double[] sorted = rates.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
