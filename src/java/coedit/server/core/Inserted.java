package coedit.server.core;

import coedit.ot.Change;
import coedit.ot.Edit;
import coedit.ot.Insert;

/** How much a change inserts, as the rate limits count it. */
public final class Inserted {
  private Inserted() {}

  /** The UTF-8 bytes of every text the change inserts. */
  public static long bytes(Change change) {
    long n = 0;
    for (Edit e : change.edits()) {
      if (e instanceof Insert i) {
        String t = i.text();
        for (int k = 0; k < t.length(); k++) {
          char c = t.charAt(k);
          n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3; // a surrogate pair is 4
        }
      }
    }
    return n;
  }
}
