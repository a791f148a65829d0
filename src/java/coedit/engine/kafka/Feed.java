package coedit.engine.kafka;

import coedit.engine.store.Notice;
import coedit.engine.store.Subscriber;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What one subscription hands its {@link Subscriber}: the notices of its current attachment,
 * each after the value it follows.
 *
 * <p>An attachment's value is read at the owner at the moment the owner starts sending its
 * notices, but the two travel apart: the value comes back as the answer to the attach call,
 * the notices as pushes (or, for a local owner, from the task thread), and a notice may
 * arrive first. Delivered as they arrive, the listener would see updates, then a resync
 * older than them. So notices of an attachment whose value is not delivered yet are held,
 * and delivered right after it (invariant: the listener sees the value, then exactly the
 * changes made after it, in order). Notices of earlier attachments are dropped: the new
 * value covers them. Held notices are bounded like the subscriber's own queue: past
 * {@code capacity} they collapse into one resync with the newest value.
 */
final class Feed {

  private final int capacity;
  private long attachment;
  /** The current attachment's notices (and owner resyncs) until its value is delivered. */
  private List<Consumer<Subscriber>> held;
  private Subscriber delivery;

  Feed(int capacity) {
    this.capacity = capacity;
  }

  /** Attachment {@code a} is being made: from now on only its notices count, held for now. */
  synchronized void attaching(long a) {
    attachment = a;
    held = new ArrayList<>();
  }

  /** The first attachment's value is {@code d}'s initial value: the held notices follow it. */
  synchronized void opened(long a, Subscriber d) {
    delivery = d;
    if (a == attachment) {
      flush();
    }
  }

  /** A later attachment's value: the listener resyncs to it, then gets the held notices. */
  synchronized void reopened(long a, Object value) {
    if (a == attachment && delivery != null) {
      delivery.resync(value);
      flush();
    }
  }

  /** One change sent by attachment {@code a}'s owner. */
  synchronized void update(long a, Notice n) {
    offer(a, d -> d.update(n), n.newValue());
  }

  /** The owner of attachment {@code a} rebuilt its state: restart from {@code value}. */
  synchronized void resync(long a, Object value) {
    offer(a, d -> d.resync(value), value);
  }

  private void offer(long a, Consumer<Subscriber> item, Object after) {
    if (a != attachment) {
      return;
    }
    if (held == null) {
      if (delivery != null) {
        item.accept(delivery);
      }
    } else if (held.size() >= capacity) {
      held.clear();
      held.add(d -> d.resync(after));
    } else {
      held.add(item);
    }
  }

  private void flush() {
    if (held != null) {
      held.forEach(item -> item.accept(delivery));
      held = null;
    }
  }
}
