package coedit.tools.replay;

import coedit.ot.Change;
import coedit.ot.Delete;
import coedit.ot.Edit;
import coedit.ot.Insert;
import coedit.tools.trace.Patch;
import java.util.ArrayList;
import java.util.List;

/** Trace patches as OT changes. */
public final class TraceChanges {
  private TraceChanges() {}

  /**
   * The change doing {@code patches} one after another: each splice becomes a Delete (when it
   * deletes) then an Insert (when it inserts) at its position. Empty when nothing changes.
   */
  public static Change of(List<Patch> patches) {
    List<Edit> edits = new ArrayList<>(patches.size() * 2);
    for (Patch p : patches) {
      if (p.deleteCount() > 0) edits.add(new Delete(p.position(), p.deleteCount()));
      if (!p.insert().isEmpty()) edits.add(new Insert(p.position(), p.insert()));
    }
    return edits.isEmpty() ? Change.EMPTY : new Change(edits);
  }
}
