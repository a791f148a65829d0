package coedit.server.limits;

import org.slf4j.Logger;

/**
 * Security log lines (refusals, rate limits, server-initiated closes) through SLF4J, at most
 * {@code perSecond} a second across the server: a flood of bad requests must not become a
 * flood of disk writes. Lines over the budget are counted, and the next line written says
 * how many were left out. Each line starts with its code, e.g. {@code [rate_limited]}.
 */
public final class RateLimitedLog {
  private final int perSecond;
  private long windowStart;
  private int inWindow;
  private long suppressed;

  public RateLimitedLog(int perSecond) {
    this.perSecond = perSecond;
  }

  /** Logs at WARN, if the budget allows. */
  public void warn(Logger log, String code, String format, Object... args) {
    write(log, true, code, format, args);
  }

  /** Logs at INFO, if the budget allows. */
  public void info(Logger log, String code, String format, Object... args) {
    write(log, false, code, format, args);
  }

  private void write(Logger log, boolean warn, String code, String format, Object... args) {
    if (warn ? !log.isWarnEnabled() : !log.isInfoEnabled()) return;
    long left;
    synchronized (this) {
      long now = System.nanoTime();
      if (now - windowStart >= 1_000_000_000L) {
        windowStart = now;
        inWindow = 0;
      }
      if (++inWindow > perSecond) {
        suppressed++;
        return;
      }
      left = suppressed;
      suppressed = 0;
    }
    String line = "[" + code + "] " + format + (left > 0 ? " (" + left + " similar lines left out)" : "");
    if (warn) log.warn(line, args);
    else log.info(line, args);
  }
}
