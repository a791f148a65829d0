package coedit.ot;

import java.util.ArrayList;
import java.util.List;

/**
 * Rebasing unacknowledged local edits onto a server text reached by changes the client cannot
 * get (the server compacted its history): the server's changes are taken as one text diff
 * from the client's base text to the server text, then the usual transform applies.
 *
 * <p>Law: with {@code r = onto(base, pending, server)},
 * {@code apply(server, r.pending()) == apply(apply(base, pending), r.toApply())}. Everything
 * {@code pending} inserts survives; a deletion of {@code pending} inside the part the diff
 * replaced may be undone (the diff deletes and re-inserts that part).
 */
public final class Rebase {
  private Rebase() {}

  /** {@code pending} made on the server text; {@code toApply} turns the local text into it plus {@code pending}. */
  public record Rebased(Change pending, Change toApply) {}

  /** See the class comment; {@code pending} must fit {@code base}. */
  public static Rebased onto(String base, Change pending, String server) {
    Transformed t = Ot.transform(diff(base, server), pending);
    return new Rebased(t.incomingPrime(), t.acceptedPrime());
  }

  /**
   * The change that turns {@code from} into {@code to} by replacing only the middle that
   * differs (common prefix and suffix stay), in code points: at most one delete and one insert.
   */
  public static Change diff(String from, String to) {
    int[] a = from.codePoints().toArray();
    int[] b = to.codePoints().toArray();
    int prefix = 0;
    while (prefix < a.length && prefix < b.length && a[prefix] == b[prefix]) prefix++;
    int suffix = 0;
    while (suffix < a.length - prefix && suffix < b.length - prefix
        && a[a.length - 1 - suffix] == b[b.length - 1 - suffix]) {
      suffix++;
    }
    List<Edit> edits = new ArrayList<>(2);
    int removed = a.length - prefix - suffix;
    if (removed > 0) edits.add(new Delete(prefix, removed));
    if (b.length - prefix - suffix > 0) edits.add(new Insert(prefix, new String(b, prefix, b.length - prefix - suffix)));
    return new Change(edits);
  }
}
