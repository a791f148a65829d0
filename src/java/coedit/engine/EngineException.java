package coedit.engine;

/** Base of the engine's errors. Messages name the module part and the value involved. */
public class EngineException extends RuntimeException {

  public EngineException(String message) {
    super(message);
  }

  public EngineException(String message, Throwable cause) {
    super(message, cause);
  }
}
