package coedit.ot;

import java.util.ArrayList;
import java.util.List;

/**
 * Operational transformation of plain text, as pure functions over {@link Change}s.
 *
 * <p>Positional output (of {@link #transform}, {@link #transformOverHistory} and
 * {@link #compose}) lists its edits in descending offset order, with every offset in the
 * coordinates of the document the change applies to, so applying them one after another is
 * correct; a change whose effect vanished entirely comes back as {@link Change#EMPTY}.
 *
 * <p>Transform semantics (the Rama article's, with its bug fixed):
 * <ul>
 *   <li>inserts at the same offset: the accepted text stays first, the incoming one shifts
 *       right; inserts to its right are unaffected;
 *   <li>a delete whose range contains a concurrent insert splits in two around the inserted
 *       text (nobody deletes text they never saw);
 *   <li>delete vs delete shrinks by the overlap, and vanishes when fully covered;
 *   <li>an insert inside a concurrently deleted range lands where that range started. The
 *       article's rule shifted such an insert left by the whole delete length: an insert at
 *       10 over a concurrent delete of 4 at 10 ended at 6 (here: 10), and an insert at 2
 *       over a delete of 10 at 0 ended at -8 (here: 0).
 * </ul>
 * Internally changes become ot.js-style retain/insert/delete operations
 * ({@link TextOperation}), so transform and compose are linear in the number of components.
 * Unlike ot.js, compose keeps the gap each insert sits in relative to deleted text, so
 * transforming over a composed history equals transforming over each change in turn (the
 * n-way property in test/clj/coedit/ot_properties_test.clj found the difference).
 */
public final class Ot {
  private Ot() {}

  /** Throws {@link InvalidChangeException} unless every edit of {@code change}, in order, fits a document of {@code documentLength} code points. */
  public static void validate(int documentLength, Change change) {
    if (documentLength < 0) throw new IllegalArgumentException("document length is negative: " + documentLength);
    Validation.check(change, documentLength);
  }

  /** The text after applying {@code change} to {@code document}; validates the whole change first, so it never applies part of one. */
  public static String apply(String document, Change change) {
    if (document == null) throw new InvalidChangeException("the document is null");
    validate(Texts.length(document), change);
    StringBuilder text = new StringBuilder(document);
    for (Edit e : change.edits()) {
      int at = text.offsetByCodePoints(0, e.offset());
      if (e instanceof Insert ins) {
        text.insert(at, ins.text());
      } else {
        text.delete(at, text.offsetByCodePoints(at, ((Delete) e).length()));
      }
    }
    return text.toString();
  }

  /** Applies {@code change} to {@code document} in place, all or nothing: the whole change is validated before the first edit. */
  public static void apply(Rope document, Change change) {
    if (document == null) throw new InvalidChangeException("the document is null");
    if (change == null) throw new InvalidChangeException("the change is null");
    List<Edit> edits = change.edits();
    if (edits.size() == 1) {
      // One edit (the common case): validate and apply without a second pass.
      Edit e = edits.get(0);
      int delta = Validation.check(0, e, document.length());
      applyValid(document, e, delta);
      return;
    }
    validate(document.length(), change);
    for (Edit e : edits) {
      applyValid(document, e, e instanceof Insert ins ? Texts.length(ins.text()) : 0);
    }
  }

  private static void applyValid(Rope document, Edit e, int insertedCps) {
    if (e instanceof Insert ins) {
      document.insertValid(ins.offset(), ins.text(), insertedCps);
    } else {
      Delete d = (Delete) e;
      document.deleteValid(d.offset(), d.length());
    }
  }

  /**
   * {@code accepted} was applied first; returns (acceptedPrime, incomingPrime) with
   * apply(apply(d, accepted), incomingPrime) == apply(apply(d, incoming), acceptedPrime);
   * tied inserts keep accepted's text first.
   */
  public static Transformed transform(Change accepted, Change incoming) {
    TextOperation[] t = Transform.transform(
        TextOperation.fromChange(named(accepted, "accepted")), TextOperation.fromChange(named(incoming, "incoming")));
    return new Transformed(t[0].toChange(), t[1].toChange());
  }

  /**
   * {@code incoming}, made at version v, transformed over the changes accepted since v (in
   * order); law: equals transform(compose(h1, ..., hn), incoming).incomingPrime().
   *
   * <p>Computed change by change, not by composing the history first: composing n changes
   * costs O(n * size of the composed operation), which on a busy document grew faster than
   * the history (19 ms for 1,000 entries against 0.25 ms in turn) and let the document's task
   * fall further behind the more it was behind. Each step here costs the size of one history
   * change plus the (transformed) incoming change.
   */
  public static Change transformOverHistory(Change incoming, List<Change> acceptedSince) {
    TextOperation in = TextOperation.fromChange(named(incoming, "incoming"));
    if (acceptedSince == null) throw new InvalidChangeException("the list of accepted changes is null");
    for (int i = 0; i < acceptedSince.size(); i++) {
      Change h = acceptedSince.get(i);
      if (h == null) throw new InvalidChangeException("accepted change " + i + " is null");
      in = Transform.transform(TextOperation.fromChange(h), in)[1];
    }
    return in.toChange();
  }

  /**
   * {@code accepted} is a run of changes, each made on the text the one before it left, and
   * {@code incoming} was made on the text the first one was; returns each accepted change
   * transformed to apply after {@code incoming} (and the accepted primes before it), and
   * {@code incoming} transformed over the whole run. Law: exactly the fold of
   * {@link #transform} over the run, change for change, ties included: with
   * {@code in_0 = incoming} and {@code (a_i', in_i+1) = transform(accepted_i, in_i)}, returns
   * {@code ([a_0' .. a_m-1'], in_m)}.
   *
   * <p>Cost O(k + (sum of the accepted sizes) · log k) for an incoming change of k
   * components, where the fold costs O(m · k): incoming is held as a balanced tree
   * ({@link OpTree}) that each accepted change only touches where it edits. This is how a
   * client with many unacknowledged edits catches up on many server changes.
   */
  public static TransformedRun transformRun(List<Change> accepted, Change incoming) {
    named(incoming, "incoming");
    if (checked(accepted, "accepted").isEmpty()) return new TransformedRun(List.of(), incoming);
    OpTree in = OpTree.of(TextOperation.fromChange(incoming));
    List<Change> primes = new ArrayList<>(accepted.size());
    for (Change a : accepted) primes.add(in.transformAccepted(TextOperation.fromChange(a)).toChange());
    return new TransformedRun(primes, in.toOperation().toChange());
  }

  /** apply(apply(d, first), second) == apply(d, compose(first, second)). */
  public static Change compose(Change first, Change second) {
    return Compose.compose(
        TextOperation.fromChange(named(first, "first")), TextOperation.fromChange(named(second, "second"))).toChange();
  }

  /** {@code changes} itself, once it is known to be a list without nulls. */
  static List<Change> checked(List<Change> changes, String role) {
    if (changes == null) throw new InvalidChangeException("the list of " + role + " changes is null");
    for (int i = 0; i < changes.size(); i++) {
      if (changes.get(i) == null) throw new InvalidChangeException(role + " change " + i + " is null");
    }
    return changes;
  }

  private static Change named(Change change, String role) {
    if (change == null) throw new InvalidChangeException("the " + role + " change is null");
    return change;
  }
}
