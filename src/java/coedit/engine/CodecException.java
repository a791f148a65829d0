package coedit.engine;

/** A value could not be encoded or decoded; the message names the codec and the data. */
public class CodecException extends EngineException {

  public CodecException(String message) {
    super(message);
  }

  public CodecException(String message, Throwable cause) {
    super(message, cause);
  }
}
