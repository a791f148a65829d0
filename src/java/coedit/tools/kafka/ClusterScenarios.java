package coedit.tools.kafka;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The failure stories of the cluster tests and {@code bench cluster}, on a running
 * {@link ServerCluster} with people typing through every node ({@link ClusterTyping}):
 * <ul>
 *   <li>{@link #kills}: SIGKILL of one server node mid-typing, later of one broker;</li>
 *   <li>{@link #rollingRestart}: SIGTERM of each node in turn, started again before the next.</li>
 * </ul>
 * Each ends with the {@link ClusterCheck} verdict and the errors users were shown.
 */
public final class ClusterScenarios {
  private ClusterScenarios() {}

  /**
   * What a kill story measured.
   *
   * @param backMillis      for each typist that was on the killed node: kill to its first acknowledgement after it
   *                        (editing again, failover included)
   * @param survivorMillis  the longest wait of a typist on another node, kill to first acknowledgement after it
   *                        (its document's task may have been on the killed node)
   * @param brokerMillis    the longest wait of any typist, broker kill to first acknowledgement after it
   */
  public record Kills(List<Long> backMillis, long survivorMillis, long brokerMillis, ClusterCheck check,
      List<String> errors) {
    public long worstBackMillis() {
      return backMillis.stream().mapToLong(Long::longValue).max().orElse(-1);
    }
  }

  /** What a rolling restart showed: the longest any typist waited for an acknowledgement, and the verdict. */
  public record Restarts(long longestWaitMillis, ClusterCheck check, List<String> errors) {}

  /** Kills the last server node, then broker 3, while {@code typing} goes on; {@code phase} between steps. */
  public static Kills kills(ServerCluster c, ClusterTyping typing, Duration phase, PrintStream log) throws Exception {
    Thread.sleep(phase.toMillis());
    int victim = c.size() - 1;
    long kill = System.currentTimeMillis();
    c.killNode(victim);
    log.println("SIGKILLed node " + (victim + 1));
    List<ClusterTypist> moved = typing.homedOn(victim);
    List<ClusterTypist> stayed = typing.typists().stream().filter(t -> t.home() != victim).toList();
    awaitAcksAfter(typing.typists(), kill, Duration.ofSeconds(90));
    List<Long> back = new ArrayList<>();
    for (ClusterTypist t : moved) back.add(since(t, kill));
    long survivors = stayed.stream().mapToLong(t -> since(t, kill)).max().orElse(-1);
    log.println("typists of node " + (victim + 1) + " editing again after " + back + " ms; others waited at most "
        + survivors + " ms");
    Thread.sleep(phase.toMillis());
    long brokerKill = System.currentTimeMillis();
    c.killBroker(3);
    log.println("SIGKILLed broker 3");
    awaitAcksAfter(typing.typists(), brokerKill, Duration.ofSeconds(90));
    long broker = typing.typists().stream().mapToLong(t -> since(t, brokerKill)).max().orElse(-1);
    log.println("after the broker kill every typist was acknowledged again within " + broker + " ms");
    Thread.sleep(phase.toMillis());
    typing.stop();
    ClusterCheck check = ClusterCheck.of(c.uri(0), typing.typists(), Duration.ofSeconds(90));
    return new Kills(back, survivors, broker, check, errors(typing));
  }

  /**
   * Stops (SIGTERM) and starts again each node in turn while {@code typing} goes on.
   * {@code quiesce} runs after the typists stop and before the check: whoever else types on
   * their documents (a browser page) must have stopped by then, or the texts never settle.
   */
  public static Restarts rollingRestart(ServerCluster c, ClusterTyping typing, Duration phase, PrintStream log,
      Callable<?> quiesce) throws Exception {
    long start = System.currentTimeMillis();
    for (int i = 0; i < c.size(); i++) {
      Thread.sleep(phase.toMillis());
      c.stopNode(i);
      log.println("node " + (i + 1) + " stopped (SIGTERM)");
      c.startNode(i);
      log.println("node " + (i + 1) + " serves again");
    }
    Thread.sleep(phase.toMillis());
    typing.stop();
    quiesce.call();
    long longest = 0;
    for (ClusterTypist t : typing.typists()) {
      long previous = start;
      for (long at : t.ackTimes()) {
        if (at >= start) {
          longest = Math.max(longest, at - previous);
          previous = at;
        }
      }
    }
    ClusterCheck check = ClusterCheck.of(c.uri(0), typing.typists(), Duration.ofSeconds(90));
    return new Restarts(longest, check, errors(typing));
  }

  private static long since(ClusterTypist t, long millis) {
    long at = t.firstAckAfter(millis);
    return at == 0 ? -1 : at - millis;
  }

  /** Waits until every typist has been acknowledged after {@code millis} (typists keep typing meanwhile). */
  private static void awaitAcksAfter(List<ClusterTypist> typists, long millis, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline && typists.stream().anyMatch(t -> t.firstAckAfter(millis) == 0)) Thread.sleep(20);
  }

  private static List<String> errors(ClusterTyping typing) {
    List<String> out = new ArrayList<>();
    for (ClusterTypist t : typing.typists()) t.errors().forEach(e -> out.add(t.clientId() + ": " + e));
    return out;
  }
}
