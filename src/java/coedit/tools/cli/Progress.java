package coedit.tools.cli;

import coedit.engine.ProgressListener;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of a long command on a terminal: one line, rewritten in place at most four times
 * a second ("check: 1,234,567 / 2,000,000 records (61%)"). When the output is not a
 * terminal (a pipe, a log file, CI) it prints nothing, and the command's own one-line
 * summary is all that appears. The terminal test is the JDK's {@link System#console()}.
 */
final class Progress implements ProgressListener, AutoCloseable {
  private static final long EVERY_NANOS = 250_000_000L;

  private final String command;
  private final String unit;
  private final PrintStream out;
  private final boolean terminal;
  private long last;
  private int width;

  private Progress(String command, String unit, PrintStream out, boolean terminal) {
    this.command = command;
    this.unit = unit;
    this.out = out;
    this.terminal = terminal;
  }

  /** Progress for {@code command}, shown on {@code out} only if it is the process's terminal. */
  static Progress start(String command, PrintStream out) {
    return start(command, "records", out);
  }

  /** As {@link #start(String, PrintStream)}, counting {@code unit} ("txns", ...). */
  static Progress start(String command, String unit, PrintStream out) {
    return new Progress(command, unit, out, out == System.out && System.console() != null);
  }

  @Override
  public synchronized void onProgress(long done, long total) {
    if (!terminal) return;
    long now = System.nanoTime();
    if (now - last < EVERY_NANOS && (total < 0 || done < total)) return;
    last = now;
    String line = total > 0
        ? String.format(Locale.ROOT, "%s: %,d / %,d %s (%d%%)", command, done, total, unit, done * 100 / total)
        : String.format(Locale.ROOT, "%s: %,d %s", command, done, unit);
    out.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
    out.flush();
    width = line.length();
  }

  /** Erases the progress line (before a result line is printed). */
  synchronized void clear() {
    if (terminal && width > 0) {
      out.print("\r" + " ".repeat(width) + "\r");
      out.flush();
      width = 0;
    }
  }

  @Override
  public void close() {
    clear();
  }
}
