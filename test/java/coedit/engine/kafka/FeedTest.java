package coedit.engine.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.engine.ProxyListener;
import coedit.engine.store.Notice;
import coedit.engine.store.Subscriber;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A subscription's feed: an attachment's value and its notices arrive in any order, yet the
 * listener sees the value first and then exactly the changes after it (invariant: updates go
 * up by one, a resync never goes back).
 */
class FeedTest {

  private final List<Object> seen = new ArrayList<>();

  private Subscriber subscriber(long initial) {
    return new Subscriber(ProxyListener.of((now, diff, old) -> seen.add(now),
        current -> seen.add("resync " + current)), 1000, Runnable::run, () -> null, initial);
  }

  private static Notice change(long to) {
    return new Notice(null, null, to, null, to - 1);
  }

  @Test
  void noticesThatOvertakeTheirAttachmentsValueComeAfterIt() {
    // What a full run showed: the owner pushed 8 and 9 before the re-attach's answer (7)
    // came back, and the listener got [8, 9, resync 7].
    Feed feed = new Feed(1000);
    feed.attaching(1);
    feed.opened(1, subscriber(7));
    feed.attaching(2);
    feed.update(2, change(8));
    feed.update(2, change(9));
    feed.reopened(2, 7L);
    feed.update(2, change(10));
    assertEquals(List.of("resync 7", 8L, 9L, 10L), seen);
  }

  @Test
  void theFirstAttachmentsEarlyNoticesAreNotLost() {
    Feed feed = new Feed(1000);
    feed.attaching(1);
    feed.update(1, change(8));
    feed.opened(1, subscriber(7));
    feed.update(1, change(9));
    assertEquals(List.of(8L, 9L), seen);
  }

  @Test
  void anEarlierAttachmentsNoticesAreDroppedOnceANewOneStarts() {
    Feed feed = new Feed(1000);
    feed.attaching(1);
    feed.opened(1, subscriber(7));
    feed.update(1, change(8));
    feed.attaching(2);
    feed.update(1, change(9));
    feed.resync(1, 9L);
    feed.update(2, change(10));
    feed.reopened(2, 9L);
    assertEquals(List.of(8L, "resync 9", 10L), seen);
  }

  @Test
  void heldNoticesPastCapacityCollapseIntoTheNewestValue() {
    Feed feed = new Feed(2);
    feed.attaching(1);
    feed.opened(1, subscriber(0));
    feed.attaching(2);
    for (long v = 1; v <= 5; v++) {
      feed.update(2, change(v));
    }
    feed.reopened(2, 0L);
    assertEquals(List.of("resync 0", "resync 5"), seen);
  }

  @Test
  void anyInterleavingOfValuesAndNoticesStaysInOrder() {
    // An owner counts up; each re-attach reads its value, and the answer lands at a random
    // point among the notices that follow it, while late notices of the previous attachment
    // still trickle in.
    Random random = new Random(42);
    for (int trial = 0; trial < 500; trial++) {
      seen.clear();
      Feed feed = new Feed(1 + random.nextInt(8));
      long value = random.nextInt(5);
      feed.attaching(1);
      feed.opened(1, subscriber(value));
      long initial = value;
      for (long a = 2; a < 6; a++) {
        List<Long> late = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
          late.add(++value);
        }
        feed.attaching(a);
        long read = value;
        int answerAt = random.nextInt(6);
        for (int i = 0; i < 5; i++) {
          if (i == answerAt) {
            feed.reopened(a, read);
          }
          if (!late.isEmpty() && random.nextBoolean()) {
            feed.update(a - 1, change(late.remove(0)));
          }
          feed.update(a, change(++value));
        }
        if (answerAt == 5) {
          feed.reopened(a, read);
        }
      }
      assertInOrder(initial, value);
    }
  }

  private void assertInOrder(long initial, long last) {
    assertEquals(last, ProxyOrder.assertInOrder(seen, initial), "the listener ends behind: " + seen);
  }
}
