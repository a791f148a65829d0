package coedit.editor.data;

import coedit.ot.Change;
import java.util.Objects;

/** The acknowledgement of a submission: accepted at a version, or rejected with a reason. */
public sealed interface SubmitResult permits SubmitResult.Accepted, SubmitResult.Rejected {

  /** Accepted at {@code version} as {@code change} (transformed); {@code duplicate} when a resubmission. */
  record Accepted(long version, Change change, boolean duplicate) implements SubmitResult {}

  /**
   * Nothing was applied: {@code code} says what kind of problem it was (callers branch on it),
   * {@code message} says what exactly, for people (callers never parse it).
   */
  record Rejected(RejectCode code, String message) implements SubmitResult {
    public Rejected {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
    }
  }
}
