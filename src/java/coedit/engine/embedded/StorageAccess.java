package coedit.engine.embedded;

import coedit.engine.storage.KV;
import coedit.engine.storage.Space;
import coedit.engine.storage.Storage;
import coedit.engine.store.Access;
import coedit.engine.store.Notice;
import java.util.List;

/** Read-only access to committed PState data, for client reads. */
final class StorageAccess implements Access {

  private final Storage storage;

  StorageAccess(Storage storage) {
    this.storage = storage;
  }

  @Override
  public byte[] get(byte[] key) {
    return storage.get(Space.PSTATE, key);
  }

  @Override
  public List<KV> scan(byte[] from, byte[] to, int limit) {
    return storage.scan(Space.PSTATE, from, to, limit);
  }

  @Override
  public void put(byte[] key, byte[] value) {
    throw new IllegalStateException("PStates are written only by stream topologies");
  }

  @Override
  public void delete(byte[] key) {
    throw new IllegalStateException("PStates are written only by stream topologies");
  }

  @Override
  public void notice(Notice notice) {
    throw new IllegalStateException("PStates are written only by stream topologies");
  }
}
