package coedit.tools.bench;

import coedit.editor.EditorConfig;
import coedit.editor.EngineDocumentService;
import coedit.engine.Cluster;
import coedit.engine.EngineConfig;
import coedit.engine.FsyncPolicy;
import coedit.engine.StorageKind;
import coedit.engine.embedded.Engine;
import coedit.server.CoeditServer;
import coedit.server.core.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** What {@code coedit serve} runs, in a temporary directory: engine (RocksDB, fsync on), editor, server on loopback. */
final class LoadStack implements AutoCloseable {
  final Path dir;
  final Cluster cluster;
  final EngineDocumentService service;
  final CoeditServer server;

  LoadStack(int partitions) {
    this(partitions, StorageKind.ROCKSDB, FsyncPolicy.ALWAYS_GROUP_COMMIT);
  }

  /** For diagnosis: the same stack on other storage or without fsync. */
  LoadStack(int partitions, StorageKind storage, FsyncPolicy fsync) {
    try {
      dir = Files.createTempDirectory("coedit-load-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    cluster = Engine.open(EngineConfig.defaults(dir).withPartitions(partitions).withStorage(storage).withFsync(fsync));
    service = EngineDocumentService.launch(cluster, EditorConfig.defaults());
    // One address drives every typist: no per-client limits in a capacity benchmark.
    server = CoeditServer.start(service, ServerConfig.defaults().withPort(0).withRateLimits(coedit.server.limits.Limits.unlimited()));
  }

  @Override
  public void close() {
    server.close();
    service.close();
    cluster.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
