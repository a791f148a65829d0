package coedit.engine;

import coedit.engine.CounterModule.Incr;
import coedit.engine.embedded.Engine;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * The child JVM of {@link CrashDurabilityTest}: appends {@link Incr}s of amount 1 as fast
 * as it can from two pipelining threads (one in ten through {@code *forward}) and prints
 * {@code ACK id} for each acknowledged one, until it is killed.
 *
 * <p>Args: dataDir partitions firstId.
 */
public final class CrashChild {

  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int partitions = Integer.parseInt(args[1]);
    long firstId = Long.parseLong(args[2]);
    LinkedBlockingQueue<Long> acked = new LinkedBlockingQueue<>();
    Thread printer = new Thread(() -> {
      StringBuilder sb = new StringBuilder();
      while (true) {
        try {
          sb.setLength(0);
          sb.append("ACK ").append(acked.take()).append('\n');
          Long more;
          while ((more = acked.poll()) != null) {
            sb.append("ACK ").append(more).append('\n');
          }
          System.out.print(sb);
          System.out.flush();
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    printer.start();
    Cluster c = Engine.open(EngineConfig.defaults(dir).withPartitions(partitions));
    ModuleInstance m = c.launch(new CounterModule());
    Depot<Incr> incr = m.depot("*incr");
    Depot<Incr> forward = m.depot("*forward");
    System.out.println("READY");
    System.out.flush();
    for (int w = 0; w < 2; w++) {
      long base = firstId + w * 100_000_000L;
      new Thread(() -> {
        Semaphore window = new Semaphore(2_000);
        for (long id = base; ; id++) {
          window.acquireUninterruptibly();
          Incr e = new Incr("k" + Math.floorMod(id, 64), 1, id);
          AckLevel level = id % 7 == 0 ? AckLevel.APPEND_ACK : AckLevel.ACK;
          long reported = id;
          (id % 10 == 0 ? forward : incr).appendAsync(e, level).whenComplete((r, err) -> {
            if (err == null) {
              acked.add(reported);
            }
            window.release();
          });
        }
      }).start();
    }
    Thread.sleep(Long.MAX_VALUE);
  }
}
