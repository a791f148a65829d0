package coedit.client;

import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Types into a session on its own thread with random pauses: inserts of its own letter
 * (so the end text can be audited for lost input) and, if allowed, deletes of anything.
 * Edits are made whether the session is online or not.
 */
final class Typist implements Runnable {
  final DocumentSession session;
  final char letter;
  final int edits;
  final boolean deletes;
  final long seed;
  final int maxPauseMillis;
  final AtomicInteger inserted = new AtomicInteger();
  final AtomicBoolean failed = new AtomicBoolean();
  volatile Throwable failure;

  Typist(DocumentSession session, char letter, int edits, boolean deletes, long seed, int maxPauseMillis) {
    this.session = session;
    this.letter = letter;
    this.edits = edits;
    this.deletes = deletes;
    this.seed = seed;
    this.maxPauseMillis = maxPauseMillis;
  }

  Thread start() {
    Thread t = new Thread(this, "typist-" + letter);
    t.start();
    return t;
  }

  @Override
  public void run() {
    Random r = new Random(seed);
    try {
      for (int i = 0; i < edits; i++) {
        synchronized (session) {
          int len = session.text().codePointCount(0, session.text().length());
          if (deletes && len > 0 && r.nextInt(4) == 0) {
            int at = r.nextInt(len);
            session.delete(at, 1 + r.nextInt(Math.min(3, len - at)));
          } else {
            session.insert(r.nextInt(len + 1), String.valueOf(letter));
            inserted.incrementAndGet();
          }
        }
        if (maxPauseMillis > 0) Thread.sleep(r.nextInt(maxPauseMillis + 1));
      }
    } catch (Throwable t) {
      failure = t;
      failed.set(true);
    }
  }

  /** How many times {@code c} occurs in {@code text}. */
  static long count(String text, char c) {
    return text.chars().filter(x -> x == c).count();
  }
}
