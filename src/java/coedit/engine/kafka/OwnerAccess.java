package coedit.engine.kafka;

import coedit.engine.store.Access;
import coedit.engine.store.Notice;
import coedit.engine.storage.KV;
import java.util.List;

/**
 * Client reads of PStates: each read runs on the owner of the key's partition (found from
 * the key layout), under its task's lock, so it is atomic and sees every record the owner
 * processed, which includes every ACK-acknowledged append.
 */
final class OwnerAccess implements Access {

  private final KafkaModule module;

  OwnerAccess(KafkaModule module) {
    this.module = module;
  }

  @Override
  public byte[] get(byte[] key) {
    int p = Router.partitionOfKey(key);
    return module.router.run(p, "a PState read",
        t -> new StoreAccess(t.stores).get(key),
        new Router.Call(module.name(), "get", p, key, null, null));
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<KV> scan(byte[] from, byte[] to, int limit) {
    int p = Router.partitionOfKey(from);
    return module.router.run(p, "a PState range read",
        t -> new StoreAccess(t.stores).scan(from, to, limit),
        new Router.Call(module.name(), "scan", p, from, to, limit));
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
