package coedit.engine.kafka;

import coedit.engine.EngineException;
import java.lang.reflect.Constructor;

/**
 * Exceptions across instances: a failure raised on another instance arrives as its class
 * name and message ({@link Wire.RemoteError}) and is rebuilt as the same class when that is
 * a runtime exception with a message constructor, else as an {@link EngineException} naming
 * the class. In-JVM failures pass through unchanged.
 */
final class Failures {

  private Failures() {}

  static Throwable cause(Object failure) {
    if (failure instanceof Throwable t) {
      return t;
    }
    if (failure instanceof Wire.RemoteError e) {
      return rebuild(e);
    }
    return new EngineException(String.valueOf(failure));
  }

  static RuntimeException rebuild(Wire.RemoteError e) {
    try {
      Class<?> c = Class.forName(e.type(), false, Failures.class.getClassLoader());
      if (RuntimeException.class.isAssignableFrom(c)) {
        Constructor<?> ctor = c.getConstructor(String.class);
        return (RuntimeException) ctor.newInstance(e.message());
      }
    } catch (ReflectiveOperationException | LinkageError ignored) {
      // not rebuildable: described below
    }
    return new EngineException(e.type() + ": " + e.message());
  }
}
