package coedit.engine;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** One depot whose processor waits for {@link #gate} to open: an overloaded task on demand. */
public final class BlockingModule implements Module {

  /** Replace before launching; processors wait on it (10 s at most). */
  public static volatile CountDownLatch gate = new CountDownLatch(0);

  @Override
  public String name() {
    return "blocking";
  }

  @Override
  public void define(ModuleBuilder b) {
    DepotRef<String> d = b.depot("*work", Codecs.string(), s -> s);
    b.stream("wait", d, () -> r -> {
      try {
        gate.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return r.value();
    });
  }
}
