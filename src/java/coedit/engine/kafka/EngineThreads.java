package coedit.engine.kafka;

/**
 * Marks the threads that run the engine's work here (Kafka Streams threads, which complete
 * ACK futures, and the endpoint's threads): a blocking engine call made on one could wait
 * for itself, so such calls fail fast there instead, as on the embedded engine.
 */
final class EngineThreads {

  private static final ThreadLocal<Boolean> ENGINE = ThreadLocal.withInitial(() -> false);

  private EngineThreads() {}

  static void mark() {
    ENGINE.set(true);
  }

  static boolean current() {
    return ENGINE.get();
  }

  static void checkMayBlock(String what) {
    if (current()) {
      throw new IllegalStateException(what + " blocks, and " + Thread.currentThread().getName()
          + " is an engine thread where blocking could deadlock; use the async form, or"
          + " TaskContext.append inside a processor");
    }
  }
}
