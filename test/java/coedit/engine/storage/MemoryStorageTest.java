package coedit.engine.storage;

class MemoryStorageTest extends StorageConformance {
  @Override
  protected Storage open() {
    return new MemoryStorage();
  }
}
