package coedit.engine;

/** Progress of a long operation, called at most a few times per second and at the end. */
@FunctionalInterface
public interface ProgressListener {

  /** {@code done} of {@code total} records processed so far. */
  void onProgress(long done, long total);

  ProgressListener NONE = (done, total) -> {};
}
