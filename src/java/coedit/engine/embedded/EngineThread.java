package coedit.engine.embedded;

/**
 * Marks the engine's own threads (writer and tasks): a blocking engine call made on one
 * could wait for itself, so such calls fail fast there instead.
 */
class EngineThread extends Thread {

  EngineThread(String name) {
    super(name);
    setDaemon(true);
  }

  static boolean current() {
    return Thread.currentThread() instanceof EngineThread;
  }

  static void checkMayBlock(String what) {
    if (current()) {
      throw new IllegalStateException(what + " blocks, and " + Thread.currentThread().getName()
          + " is an engine thread where blocking could deadlock; use the async form, or"
          + " TaskContext.append inside a processor");
    }
  }
}
