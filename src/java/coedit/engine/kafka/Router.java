package coedit.engine.kafka;

import coedit.engine.EngineException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;

/**
 * Runs reads, queries and subscriptions on the instance that owns their partition, atomically
 * with its processing (under the task's lock): here when this instance serves the
 * partition, otherwise through the node-to-node channel on the owner that Streams' metadata
 * names. During a rebalance or failover there may be no serving owner for a while: the call
 * is retried until {@link KafkaEngineConfig#requestTimeout()}, then fails with an
 * {@link EngineException} saying so.
 */
final class Router {

  /** A routed call: {@code op} on {@code partition} of {@code module}, with up to three arguments. */
  record Call(String module, String op, int partition, Object a, Object b, Object c) {}

  /** What the owner runs for a call, with its task's lock held and its gate open. */
  interface Op {
    Object run(TaskState task, Call call);
  }

  private final KafkaModule module;
  private final Map<String, Op> ops;

  Router(KafkaModule module, Map<String, Op> ops) {
    this.module = module;
    this.ops = ops;
  }

  /**
   * Runs {@code local} here if this instance serves {@code partition}, else {@code remote}
   * on the owner; retries across ownership changes. {@code what} names the call in errors.
   */
  @SuppressWarnings("unchecked")
  <T> T run(int partition, String what, Function<TaskState, T> local, Call remote) {
    long deadline = System.nanoTime() + module.config.requestTimeout().toNanos();
    String last = "no owner yet";
    while (true) {
      module.checkUsable();
      TaskState t = module.tasks.owned(partition);
      if (t != null) {
        if (awaitCaughtUp(t, deadline)) {
          t.lock.lock();
          try {
            if (t.serving()) {
              return local.apply(t);
            }
          } finally {
            t.lock.unlock();
          }
        }
        last = "the owner here was catching up or moved";
      } else {
        String owner = ownerOf(partition);
        if (owner != null && !owner.equals(module.cluster.endpoint())) {
          try {
            long left = Math.max(1, deadline - System.nanoTime());
            Rpc.Answer a = module.cluster.rpc.call(owner, "module", remote,
                Duration.ofNanos(left)).get(left, TimeUnit.NANOSECONDS);
            if (a.ok()) {
              return (T) a.value();
            }
            if (a.value() instanceof Wire.RemoteError e) {
              throw Failures.rebuild(e);
            }
            last = owner + ": " + ((Rpc.NotOwner) a.value()).reason();
          } catch (ExecutionException | TimeoutException e) {
            last = owner + " unreachable: " + e.getMessage();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while waiting for the owner of " + what, e);
          }
        } else {
          last = owner == null ? "no instance owns it yet" : "ownership is moving here";
        }
      }
      if (System.nanoTime() - deadline > 0) {
        throw new EngineException("module " + module.name() + " partition " + partition + ": "
            + what + " found no serving owner within " + module.config.requestTimeout()
            + " (" + last + ")");
      }
      sleep(20);
    }
  }

  /** The owner's side of a routed call. */
  Object serve(Call c) {
    TaskState t = module.tasks.owned(c.partition());
    if (t == null) {
      return new Rpc.NotOwner("partition " + c.partition() + " is not owned by "
          + module.cluster.endpoint());
    }
    if (!awaitCaughtUp(t, System.nanoTime() + TimeUnit.SECONDS.toNanos(2))) {
      return new Rpc.NotOwner("partition " + c.partition() + " is catching up");
    }
    t.lock.lock();
    try {
      if (!t.serving()) {
        return new Rpc.NotOwner("partition " + c.partition() + " moved");
      }
      return ops.get(c.op()).run(t, c);
    } finally {
      t.lock.unlock();
    }
  }

  /** The endpoint of the instance Streams says owns {@code partition}, or null. */
  String ownerOf(int partition) {
    KafkaStreams s = module.streams;
    if (s == null) {
      return null;
    }
    try {
      KeyQueryMetadata md = s.queryMetadataForKey(Names.TASK_STORE, partition,
          (topic, key, value, n) -> Optional.of(Set.of(key)));
      // While tasks move, Streams names the owner HostInfo.unavailable() ("unavailable:-1").
      if (md == null || md.equals(KeyQueryMetadata.NOT_AVAILABLE) || md.activeHost() == null
          || md.activeHost().port() <= 0 || md.partition() < 0) {
        return null;
      }
      return md.activeHost().host() + ":" + md.activeHost().port();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static boolean awaitCaughtUp(TaskState t, long deadline) {
    try {
      t.caughtUp.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException("interrupted while waiting for a task to catch up", e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException("interrupted", e);
    }
  }

  /** The partition a stored key belongs to: bytes 2-3 of the engine's key layout. */
  static int partitionOfKey(byte[] key) {
    return (key[2] & 0xff) << 8 | (key[3] & 0xff);
  }
}
