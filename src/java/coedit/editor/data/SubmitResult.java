package coedit.editor.data;

import coedit.ot.Change;

/** The acknowledgement of a submission: accepted at a version, or rejected with a reason. */
public sealed interface SubmitResult permits SubmitResult.Accepted, SubmitResult.Rejected {

  /** Accepted at {@code version} as {@code change} (transformed); {@code duplicate} when a resubmission. */
  record Accepted(long version, Change change, boolean duplicate) implements SubmitResult {}

  /** Nothing was applied; {@code error} says what was wrong with the submission. */
  record Rejected(String error) implements SubmitResult {}
}
