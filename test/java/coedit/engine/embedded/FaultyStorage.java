package coedit.engine.embedded;

import coedit.engine.storage.Batch;
import coedit.engine.storage.KV;
import coedit.engine.storage.Space;
import coedit.engine.storage.Storage;
import coedit.engine.storage.StorageException;
import java.util.List;

/**
 * Storage that fails on demand, as a full disk or a dying device would: while
 * {@link #failWrites} is set every write throws (and writes nothing), while
 * {@link #failReads} is set every read does. Delegates everything else.
 */
class FaultyStorage implements Storage {
  private final Storage delegate;
  volatile boolean failWrites;
  volatile boolean failReads;

  FaultyStorage(Storage delegate) {
    this.delegate = delegate;
  }

  @Override
  public byte[] get(Space space, byte[] key) {
    readFault();
    return delegate.get(space, key);
  }

  @Override
  public List<KV> scan(Space space, byte[] from, byte[] to, int limit) {
    readFault();
    return delegate.scan(space, from, to, limit);
  }

  @Override
  public KV last(Space space, byte[] from, byte[] to) {
    readFault();
    return delegate.last(space, from, to);
  }

  @Override
  public Batch newBatch() {
    return delegate.newBatch();
  }

  @Override
  public void write(Batch batch, boolean sync) {
    if (failWrites) {
      batch.close();
      throw new StorageException("injected fault: No space left on device");
    }
    delegate.write(batch, sync);
  }

  @Override
  public coedit.engine.storage.Snapshot snapshot() {
    readFault();
    return delegate.snapshot();
  }

  @Override
  public void compact(Space space, byte[] from, byte[] to) {
    delegate.compact(space, from, to);
  }

  @Override
  public boolean durable() {
    return delegate.durable();
  }

  @Override
  public long sizeBytes() {
    return delegate.sizeBytes();
  }

  @Override
  public void checkpoint(java.nio.file.Path dest) {
    delegate.checkpoint(dest);
  }

  @Override
  public void close() {
    delegate.close();
  }

  private void readFault() {
    if (failReads) throw new StorageException("injected fault: Input/output error");
  }
}
