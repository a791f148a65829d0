package coedit.engine;

import java.util.function.Consumer;

/**
 * Receives a proxy's updates. Guarantees: calls for one subscription come one at a time,
 * in commit order, typically within a millisecond of the commit, and only for committed
 * writes. A subscriber that falls more than {@link EngineConfig#proxyQueueCapacity()}
 * updates behind loses its queued updates and gets one {@link #onResync} with the current
 * value instead, after which updates continue: nothing is dropped silently. A listener that
 * throws is closed. Listeners must not block for long: they run on a shared pool.
 */
public interface ProxyListener<T, D> {

  /** One committed change: the value after it, what changed, the value before it. */
  void onUpdate(T newValue, D diff, T oldValue);

  /** Updates were dropped; {@code current} is the value after all of them. */
  void onResync(T current);

  /** A listener from two lambdas. */
  static <T, D> ProxyListener<T, D> of(UpdateHandler<T, D> onUpdate, Consumer<T> onResync) {
    return new ProxyListener<>() {
      @Override
      public void onUpdate(T newValue, D diff, T oldValue) {
        onUpdate.onUpdate(newValue, diff, oldValue);
      }

      @Override
      public void onResync(T current) {
        onResync.accept(current);
      }
    };
  }

  /** The update half of a listener. */
  @FunctionalInterface
  interface UpdateHandler<T, D> {
    void onUpdate(T newValue, D diff, T oldValue);
  }
}
