package coedit.tools.trace;

import java.util.List;

/**
 * One author's session: start from {@code startContent}, apply every patch of every txn in
 * order (within a txn, patches apply one after another); the result is {@code endContent}.
 */
public record SequentialTrace(String startContent, String endContent, List<Txn> txns) implements Trace {

  /** One transaction: its timestamp as recorded and its patches in application order. */
  public record Txn(String time, List<Patch> patches) {}

  /** Total number of patches over all txns. */
  public long patchCount() {
    long n = 0;
    for (Txn t : txns) n += t.patches().size();
    return n;
  }
}
