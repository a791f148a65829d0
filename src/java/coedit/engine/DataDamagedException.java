package coedit.engine;

/**
 * A module's stored data is damaged: records it once held are gone, or its storage reports
 * corruption. The engine refuses to start on it rather than lose acknowledged data silently
 * and hand its offsets (and whatever numbers a module derives from them) out again. The
 * message names what is damaged and how to proceed: restore a backup, or accept the loss
 * explicitly ({@code bin/coedit repair DATA_DIR --accept-loss}).
 */
public final class DataDamagedException extends EngineException {
  public DataDamagedException(String message) {
    super(message);
  }

  public DataDamagedException(String message, Throwable cause) {
    super(message, cause);
  }
}
