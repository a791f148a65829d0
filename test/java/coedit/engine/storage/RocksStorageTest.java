package coedit.engine.storage;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class RocksStorageTest extends StorageConformance {
  @TempDir
  Path dir;

  @Override
  protected Storage open() {
    return new RocksStorage(dir.resolve("db"));
  }
}
