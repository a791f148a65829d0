package coedit.engine.storage;

import coedit.engine.EngineException;

/** The storage layer failed (disk full, corruption, closed). */
public class StorageException extends EngineException {

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }

  public StorageException(String message) {
    super(message);
  }
}
