package coedit.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How an engine runs.
 *
 * @param dataDir            root directory; module {@code m} keeps its data in {@code dataDir/m}
 * @param partitions         tasks per module (each owns one partition of every depot and PState);
 *                           fixed for the life of a module's data
 * @param taskThreads        threads running the tasks; partition {@code p} runs on thread
 *                           {@code p % taskThreads}, so a task is always single-threaded
 * @param fsync              see {@link FsyncPolicy}
 * @param queueCapacity      per partition: appended-but-unprocessed records admitted from
 *                           clients before appends wait
 * @param appendTimeout      how long an append waits for room before
 *                           {@link EngineOverloadedException}
 * @param storage            see {@link StorageKind}
 * @param proxyQueueCapacity per proxy subscriber: undelivered updates kept before it is resynced
 * @param trimming           whether the embedded engine trims its depots; see {@link DepotTrimming}
 */
public record EngineConfig(
    Path dataDir,
    int partitions,
    int taskThreads,
    FsyncPolicy fsync,
    int queueCapacity,
    Duration appendTimeout,
    StorageKind storage,
    int proxyQueueCapacity,
    DepotTrimming trimming) {

  public EngineConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(fsync, "fsync");
    Objects.requireNonNull(appendTimeout, "appendTimeout");
    Objects.requireNonNull(storage, "storage");
    Objects.requireNonNull(trimming, "trimming");
    if (partitions < 1 || partitions > 4096) {
      throw new IllegalArgumentException("partitions must be in [1, 4096], got " + partitions);
    }
    if (taskThreads < 1) {
      throw new IllegalArgumentException("taskThreads must be >= 1, got " + taskThreads);
    }
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queueCapacity must be >= 1, got " + queueCapacity);
    }
    if (appendTimeout.isNegative()) {
      throw new IllegalArgumentException("appendTimeout must not be negative: " + appendTimeout);
    }
    if (proxyQueueCapacity < 1) {
      throw new IllegalArgumentException(
          "proxyQueueCapacity must be >= 1, got " + proxyQueueCapacity);
    }
  }

  /**
   * RocksDB under {@code dataDir}, 4 partitions on as many threads as processors (at most
   * 4), group-committed fsync, 20,000 queued records per partition, 10 s append timeout,
   * 10,000 queued proxy updates per subscriber, depots never trimmed.
   */
  public static EngineConfig defaults(Path dataDir) {
    int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    return new EngineConfig(dataDir, 4, threads, FsyncPolicy.ALWAYS_GROUP_COMMIT, 20_000,
        Duration.ofSeconds(10), StorageKind.ROCKSDB, 10_000, DepotTrimming.OFF);
  }

  public EngineConfig withPartitions(int n) {
    return new EngineConfig(dataDir, n, taskThreads, fsync, queueCapacity, appendTimeout,
        storage, proxyQueueCapacity, trimming);
  }

  public EngineConfig withTaskThreads(int n) {
    return new EngineConfig(dataDir, partitions, n, fsync, queueCapacity, appendTimeout,
        storage, proxyQueueCapacity, trimming);
  }

  public EngineConfig withFsync(FsyncPolicy policy) {
    return new EngineConfig(dataDir, partitions, taskThreads, policy, queueCapacity,
        appendTimeout, storage, proxyQueueCapacity, trimming);
  }

  public EngineConfig withQueueCapacity(int n) {
    return new EngineConfig(dataDir, partitions, taskThreads, fsync, n, appendTimeout,
        storage, proxyQueueCapacity, trimming);
  }

  public EngineConfig withAppendTimeout(Duration timeout) {
    return new EngineConfig(dataDir, partitions, taskThreads, fsync, queueCapacity, timeout,
        storage, proxyQueueCapacity, trimming);
  }

  public EngineConfig withStorage(StorageKind kind) {
    return new EngineConfig(dataDir, partitions, taskThreads, fsync, queueCapacity,
        appendTimeout, kind, proxyQueueCapacity, trimming);
  }

  public EngineConfig withProxyQueueCapacity(int n) {
    return new EngineConfig(dataDir, partitions, taskThreads, fsync, queueCapacity,
        appendTimeout, storage, n, trimming);
  }

  public EngineConfig withTrimming(DepotTrimming t) {
    return new EngineConfig(dataDir, partitions, taskThreads, fsync, queueCapacity, appendTimeout,
        storage, proxyQueueCapacity, t);
  }
}
