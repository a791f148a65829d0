package coedit.engine.store;

import coedit.engine.storage.KV;
import java.util.List;

/**
 * Where stores read and write PState bytes: on the embedded engine a task's overlay (reads
 * see the current event's and group's writes) or committed storage for client reads; on
 * Kafka a task's buffered state store.
 */
public interface Access {

  byte[] get(byte[] key);

  /** Ascending entries with {@code from <= key < to}, at most {@code limit}. */
  List<KV> scan(byte[] from, byte[] to, int limit);

  void put(byte[] key, byte[] value);

  void delete(byte[] key);

  /** Records a proxy update, delivered once the write is committed. */
  void notice(Notice notice);
}
