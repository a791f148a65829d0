package coedit.engine.kafka;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.engine.EngineException;

import coedit.tools.kafka.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node-to-node endpoint sends without starting a thread per message. When it was HTTP,
 * the JDK HttpClient's {@code sendAsync} handed each response to CompletableFuture's default
 * pool, which with a common pool of parallelism 1 (any machine with fewer than three cores,
 * such as this one) is a new thread per task: under load a cluster node started 30 threads
 * a second for its ACK replies and notices; anything completing futures on that pool would
 * do the same. Run in a child JVM with that parallelism forced,
 * so the test means the same on any machine.
 */
class RpcThreadsTest {

  @Test
  void pushesAndCallsReuseTheirThreads(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("child.err");
    Process p = ChildJvm.start(List.of("-Djava.util.concurrent.ForkJoinPool.common.parallelism=1"),
        List.of(RpcThreadCount.class.getName()), log, true);
    try {
      String started = ChildJvm.awaitLine(p, "STARTED ", Duration.ofSeconds(60)).get(60, TimeUnit.SECONDS);
      assertNotNull(started);
      long n = Long.parseLong(started);
      assertTrue(n < 20, n + " threads started for " + RpcThreadCount.N + " pushes and "
          + RpcThreadCount.N + " calls; " + Files.readString(log));
    } finally {
      p.destroyForcibly().waitFor();
    }
  }

  @Test
  void aClosedEndpointDropsPushesAndFailsCallsWithoutThrowingAtTheCaller() throws Exception {
    Rpc peer = new Rpc("127.0.0.1", 0);
    Rpc closed = new Rpc("127.0.0.1", 0);
    try {
      closed.close();
      closed.push(peer.endpoint(), "p", 1, to -> { }); // an ACK reply during shutdown, say
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> closed.call(peer.endpoint(), "c", 1, Duration.ofSeconds(1)).get(5, TimeUnit.SECONDS));
      assertInstanceOf(EngineException.class, e.getCause());
    } finally {
      peer.close();
    }
  }
}
