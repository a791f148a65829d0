package coedit.engine;

/**
 * An append waited {@link EngineConfig#appendTimeout()} for room in its partition's bounded
 * queue and got none: the task owning the partition is behind. Nothing was appended;
 * retrying later is safe.
 */
public class EngineOverloadedException extends EngineException {

  public EngineOverloadedException(String message) {
    super(message);
  }
}
