package coedit.engine.kafka;

import coedit.engine.EngineException;
import coedit.engine.Proxy;
import coedit.engine.ProxyListener;
import coedit.engine.store.Access;
import coedit.engine.store.Keys;
import coedit.engine.store.Notice;
import coedit.engine.store.PStateInfo;
import coedit.engine.store.ProxyHub;
import coedit.engine.store.Subscriber;
import coedit.engine.topology.Decls;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The proxy subscriptions made on this instance, wherever their partition's owner runs.
 *
 * <p>A subscription is attached to the current owner: to the task's {@link ProxyHub} here
 * when this instance owns the partition, otherwise to the owner's hub through the
 * node-to-node channel, which then pushes each notice here in processing order. Every
 * attachment has a fresh number and notices carry it, so notices of an earlier owner that
 * arrive late (or are re-sent by a reprocess after a failover) are dropped. When the owner
 * moves (it says so when it lets go of the task, and a periodic check notices owners that
 * died), the subscription attaches to the new owner once that one has caught up, and the
 * listener gets {@link ProxyListener#onResync} with the current value: never silence. The
 * value and the notices travel apart, so {@link Feed} holds notices that overtake their
 * value: a resync never goes back behind updates already delivered.
 * Delivery itself is the engine's {@link Subscriber}: bounded, resynced on overflow.
 */
final class Subscriptions {

  private static final System.Logger LOG = System.getLogger(Subscriptions.class.getName());

  /** A notice (or, with {@code resync}, a current value; with {@code moved}, a detach) pushed to a subscriber's instance. */
  record Update(String module, long subscription, long attachment, boolean resync,
      boolean moved, Object newValue, Object diff, Object oldValue) {}

  private final KafkaModule module;
  private final Map<Long, Sub> subs = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong(1);
  /** The remote subscribers fed by each task this instance owns. */
  private final Map<TaskState, java.util.Set<RemoteSink>> remote = new ConcurrentHashMap<>();

  Subscriptions(KafkaModule module) {
    this.module = module;
    module.cluster.timer.scheduleWithFixedDelay(this::checkOwners, 500, 500,
        TimeUnit.MILLISECONDS);
  }

  <T> Proxy<T> watch(PStateInfo info, Object key, ProxyListener<T, ?> listener) {
    EngineThreads.checkMayBlock("watch");
    module.checkUsable();
    Objects.requireNonNull(key, () -> info.name + ": key must not be null");
    Objects.requireNonNull(listener, () -> info.name + ": listener must not be null");
    int p = info.partitionOf(key, module.partitions());
    byte[] prefix = Keys.pstateKey(info.id, p, info.encode(info.keyCodec, key, "key"));
    Sub s = new Sub(ids.getAndIncrement(), info, p, prefix);
    subs.put(s.id, s);
    Subscriber delivery;
    try {
      @SuppressWarnings("unchecked")
      ProxyListener<Object, Object> l = (ProxyListener<Object, Object>) listener;
      delivery = s.open(initial -> new Subscriber(l, module.config.engine().proxyQueueCapacity(),
          module.cluster.proxyPool, () -> null, initial));
    } catch (RuntimeException e) {
      subs.remove(s.id);
      throw e;
    }
    @SuppressWarnings("unchecked")
    Proxy<T> proxy = (Proxy<T>) (Proxy<?>) delivery;
    return proxy;
  }

  /** A notice or resync pushed by a remote owner. */
  void delivered(Update u) {
    Sub s = subs.get(u.subscription());
    if (s == null) {
      return;
    }
    if (u.moved()) {
      if (u.attachment() == s.attachment) {
        s.reattachSoon();
      }
    } else if (u.resync()) {
      s.feed.resync(u.attachment(), u.newValue());
    } else {
      s.feed.update(u.attachment(),
          new Notice(null, null, u.newValue(), u.diff(), u.oldValue()));
    }
  }

  /** The owner's side of a remote subscription; runs under the task's lock. */
  Object serveSubscribe(TaskState t, Router.Call c) {
    PStateInfo info = module.layout.pstates.get((String) c.a());
    byte[] prefix = (byte[]) c.b();
    List<?> who = (List<?>) c.c();
    RemoteSink sink = new RemoteSink(info, prefix, t, (String) who.get(0), (Long) who.get(1),
        (Long) who.get(2));
    t.hub.add(path(info, prefix), sink);
    remote.computeIfAbsent(t, x -> ConcurrentHashMap.newKeySet()).add(sink);
    return current(info, prefix, new StoreAccess(t.stores));
  }

  /** The owner's side of an unsubscribe. */
  Object serveUnsubscribe(TaskState t, Router.Call c) {
    PStateInfo info = module.layout.pstates.get((String) c.a());
    byte[] prefix = (byte[]) c.b();
    List<?> who = (List<?>) c.c();
    RemoteSink sink = new RemoteSink(info, prefix, t, (String) who.get(0), (Long) who.get(1),
        (Long) who.get(2));
    t.hub.remove(path(info, prefix), sink);
    java.util.Set<RemoteSink> fed = remote.get(t);
    if (fed != null) {
      fed.remove(sink);
    }
    return null;
  }

  /**
   * This instance let go of {@code task}: its remote subscribers are told to move, and the
   * subscriptions attached to it here attach again.
   */
  void ownerLeft(TaskState task) {
    for (Sub s : subs.values()) {
      if (s.localTask == task) {
        s.reattachSoon();
      }
    }
    module.cluster.proxyPool.execute(() -> {
      java.util.Set<RemoteSink> fed = remote.remove(task);
      if (fed != null) {
        fed.forEach(RemoteSink::moved);
      }
    });
  }

  /** On the timer: finds subscriptions whose owner changed; re-attaching runs elsewhere. */
  private void checkOwners() {
    for (Sub s : subs.values()) {
      try {
        if (!s.closed && !s.ownerKey().equals(s.attachedTo)) {
          s.reattachSoon();
        }
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.DEBUG, "checking a subscription's owner failed", e);
      }
    }
  }

  static ProxyHub.Path path(PStateInfo info, byte[] prefix) {
    return new ProxyHub.Path(info.id, ByteBuffer.wrap(prefix));
  }

  /** What a proxy holds: the value for a map, the size for a list or sorted map. */
  static Object current(PStateInfo info, byte[] prefix, Access access) {
    if (info.kind == Decls.Kind.MAP) {
      byte[] raw = access.get(prefix);
      return raw == null ? null : info.decode(info.valueCodec, raw, "value");
    }
    byte[] raw = access.get(Keys.sizeKey(prefix));
    return raw == null ? 0L : Keys.getLong(raw, 0);
  }

  /** One subscription made here. */
  private final class Sub {
    final long id;
    final PStateInfo info;
    final int partition;
    final byte[] prefix;
    /** Orders each attachment's notices after its value; the listener's only way in. */
    final Feed feed = new Feed(module.config.engine().proxyQueueCapacity());
    volatile long attachment;
    /** "local:NONCE" or the owner's endpoint; compared with {@link #ownerKey()}. */
    volatile String attachedTo = "";
    volatile TaskState localTask;
    private LocalSink localSink;
    volatile boolean closed;
    private final java.util.concurrent.atomic.AtomicBoolean reattaching =
        new java.util.concurrent.atomic.AtomicBoolean();

    Sub(long id, PStateInfo info, int partition, byte[] prefix) {
      this.id = id;
      this.info = info;
      this.partition = partition;
      this.prefix = prefix;
    }

    /** Where the subscription should be attached now. */
    String ownerKey() {
      TaskState t = module.tasks.owned(partition);
      if (t != null) {
        return "local:" + t.nonce;
      }
      String owner = module.router.ownerOf(partition);
      return owner == null ? attachedTo : owner;
    }

    /**
     * Attaches for the first time and delivers from then on to the subscriber {@code make}
     * builds with the value at the owner.
     */
    synchronized Subscriber open(java.util.function.Function<Object, Subscriber> make) {
      Object initial = attach();
      Subscriber d = make.apply(initial);
      d.onClose(this::close);
      feed.opened(attachment, d);
      return d;
    }

    /**
     * Attaches to the current owner; returns the value there at that moment. The caller
     * hands it to {@link #feed}, which holds the attachment's notices until then.
     */
    private Object attach() {
      detach();
      long a = ids.getAndIncrement();
      attachment = a;
      feed.attaching(a);
      String[] where = new String[1];
      Object value = module.router.run(partition, "a watch of " + info.name, t -> {
        localSink = new LocalSink(this, a, t);
        t.hub.add(path(info, prefix), localSink);
        localTask = t;
        where[0] = "local:" + t.nonce;
        return current(info, prefix, new StoreAccess(t.stores));
      }, new Router.Call(module.name(), "subscribe", partition, info.name, prefix,
          List.of(module.cluster.endpoint(), id, a)));
      attachedTo = where[0] != null ? where[0] : module.router.ownerOf(partition);
      return value;
    }

    /** Attaches again and resyncs the listener with the value at the new owner. */
    synchronized void reattach() {
      if (closed) {
        return;
      }
      Object value = attach();
      feed.reopened(attachment, value);
    }

    /** Re-attaches on a caller thread (it may wait for the new owner); one at a time. */
    void reattachSoon() {
      attachedTo = "";
      if (!reattaching.compareAndSet(false, true)) {
        return;
      }
      module.cluster.callers.execute(() -> {
        try {
          reattach();
        } catch (EngineException e) {
          LOG.log(System.Logger.Level.DEBUG, "re-attaching failed; the periodic check retries", e);
        } finally {
          reattaching.set(false);
        }
      });
    }

    /** Removes the current attachment (best effort for a remote one). */
    private void detach() {
      if (localSink != null) {
        localSink.task.hub.remove(path(info, prefix), localSink);
        localSink = null;
        localTask = null;
      } else if (attachedTo.length() > 0 && !attachedTo.startsWith("local:")) {
        String owner = attachedTo;
        long a = attachment;
        module.cluster.rpc.call(owner, "module", new Router.Call(module.name(), "unsubscribe",
            partition, info.name, prefix, List.of(module.cluster.endpoint(), id, a)),
            java.time.Duration.ofSeconds(2));
      }
    }

    synchronized void close() {
      closed = true;
      subs.remove(id);
      detach();
    }
  }

  /** Feeds a subscription attached here from this instance's own task. */
  private static final class LocalSink implements ProxyHub.Sink {
    final Sub sub;
    final long attachment;
    final TaskState task;

    LocalSink(Sub sub, long attachment, TaskState task) {
      this.sub = sub;
      this.attachment = attachment;
      this.task = task;
    }

    @Override
    public void update(Notice n) {
      sub.feed.update(attachment, n);
    }

    @Override
    public void resyncFromCurrent() {
      if (sub.attachment == attachment) {
        sub.feed.resync(attachment, current(sub.info, sub.prefix, new StoreAccess(task.stores)));
      }
    }
  }

  /** Feeds a subscription of another instance: pushes each notice there, in order. */
  private final class RemoteSink implements ProxyHub.Sink {
    final PStateInfo info;
    final byte[] prefix;
    final TaskState task;
    final String endpoint;
    final long subscription;
    final long attachment;

    RemoteSink(PStateInfo info, byte[] prefix, TaskState task, String endpoint,
        long subscription, long attachment) {
      this.info = info;
      this.prefix = prefix;
      this.task = task;
      this.endpoint = endpoint;
      this.subscription = subscription;
      this.attachment = attachment;
    }

    @Override
    public void update(Notice n) {
      push(new Update(module.name(), subscription, attachment, false, false, n.newValue(),
          n.diff(), n.oldValue()));
    }

    @Override
    public void resyncFromCurrent() {
      push(new Update(module.name(), subscription, attachment, true, false,
          current(info, prefix, new StoreAccess(task.stores)), null, null));
    }

    void moved() {
      task.hub.remove(path(info, prefix), this);
      push(new Update(module.name(), subscription, attachment, false, true, null, null, null));
    }

    private void push(Update u) {
      try {
        Wire.encode(u);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, info.name + ": a watched value cannot be sent to "
            + endpoint + " (" + e.getMessage() + "); that subscription is dropped");
        task.hub.remove(path(info, prefix), this);
        return;
      }
      module.cluster.rpc.push(endpoint, "notices", u, failed -> {
        task.hub.remove(path(info, prefix), this);
      });
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof RemoteSink r && r.endpoint.equals(endpoint)
          && r.subscription == subscription && r.attachment == attachment;
    }

    @Override
    public int hashCode() {
      return Objects.hash(endpoint, subscription, attachment);
    }
  }
}
