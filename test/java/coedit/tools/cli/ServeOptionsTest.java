package coedit.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.editor.HistoryRetention;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code coedit serve}'s settings: defaults, environment, flags over environment, clear errors. */
class ServeOptionsTest {
  @Test
  void defaultsServeLocalhost8080FromDotData() {
    ServeOptions o = ServeOptions.parse(new String[0], Map.of());
    assertEquals("localhost", o.server().host());
    assertEquals(8080, o.server().port());
    assertEquals(Path.of("./data"), o.dataDir());
    assertTrue(o.fsync());
  }

  @Test
  void theDepotsAreTrimmedExactlyWhenAHistoryRetentionIsSet() {
    assertFalse(ServeCommand.engineConfig(ServeOptions.parse(new String[0], Map.of())).trimming().enabled(),
        "all history kept: a base would be as large as the records it replaced");
    assertTrue(ServeCommand.engineConfig(ServeOptions.parse(new String[] {"--history-keep-versions", "1000"}, Map.of()))
        .trimming().enabled());
    assertTrue(ServeCommand.engineConfig(ServeOptions.parse(new String[] {"--history-keep-days", "30"}, Map.of()))
        .trimming().enabled());
  }

  @Test
  void flagsOverrideTheEnvironment() {
    ServeOptions o = ServeOptions.parse(new String[] {"--port", "9090", "--data-dir=/tmp/x", "--fsync", "never"},
        Map.of("COEDIT_PORT", "7070", "COEDIT_HOST", "0.0.0.0", "COEDIT_MAX_DOCUMENT_LENGTH", "500"));
    assertEquals(9090, o.server().port());
    assertEquals("0.0.0.0", o.server().host());
    assertEquals(500, o.server().maxDocumentLength());
    assertEquals(Path.of("/tmp/x"), o.dataDir());
    assertFalse(o.fsync());
  }

  @Test
  void withoutKafkaItIsTheEmbeddedEngineWithKafkaANodeOfACluster() {
    assertNull(ServeOptions.parse(new String[0], Map.of()).cluster());
    ServeOptions o = ServeOptions.parse(new String[] {"--kafka", "127.0.0.1:9092", "--node-id", "n1",
        "--advertise", "http://lb.example:80", "--rpc-address", "10.0.0.5:7000"}, Map.of("COEDIT_KAFKA_NAMESPACE", "prod"));
    ClusterOptions c = o.cluster();
    assertEquals("127.0.0.1:9092", c.bootstrap());
    assertEquals("n1", c.nodeId());
    assertEquals(URI.create("http://lb.example:80"), c.advertise());
    assertEquals("10.0.0.5", c.rpcHost());
    assertEquals(7000, c.rpcPort());
    assertEquals("prod", c.namespace());
    ClusterOptions defaults = ServeOptions.parse(new String[0], Map.of("COEDIT_KAFKA", "k:1")).cluster();
    assertEquals("127.0.0.1", defaults.rpcHost());
    assertEquals(0, defaults.rpcPort());
    assertEquals("coedit", defaults.namespace());
    assertNull(defaults.advertise());
  }

  @Test
  void aNodeWithoutAnIdKeepsTheOneMadeInItsDataDirectory(@TempDir Path dir) {
    ClusterOptions c = ServeOptions.parse(new String[] {"--kafka", "k:1"}, Map.of()).cluster();
    String first = c.nodeIdFor(dir.resolve("one"));
    assertEquals(first, c.nodeIdFor(dir.resolve("one")));
    assertNotEquals(first, c.nodeIdFor(dir.resolve("two")));
  }

  @Test
  void clusterFlagsAreCheckedToo() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ServeOptions.parse(new String[] {"--node-id", "n1"}, Map.of()))
        .getMessage().contains("needs --kafka"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> ServeOptions.parse(new String[] {"--kafka", "k:1", "--advertise", "localhost:8080"}, Map.of()))
        .getMessage().contains("--advertise"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> ServeOptions.parse(new String[] {"--kafka", "k:1", "--node-id", "a b"}, Map.of()))
        .getMessage().contains("--node-id"));
    assertTrue(ServeOptions.usage().contains("COEDIT_KAFKA") && ServeOptions.usage().contains("COEDIT_ADVERTISE"));
  }

  @Test
  void badInputNamesTheOption() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ServeOptions.parse(new String[] {"--prot", "1"}, Map.of()))
        .getMessage().contains("--prot"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ServeOptions.parse(new String[] {"--port", "x"}, Map.of()))
        .getMessage().contains("--port must be a whole number"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ServeOptions.parse(new String[] {"--port"}, Map.of()))
        .getMessage().contains("needs a value"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ServeOptions.parse(new String[0], Map.of("COEDIT_PORT", "99999")))
        .getMessage().contains("between 0 and 65535"));
    assertTrue(ServeOptions.usage().contains("COEDIT_DATA_DIR"));
  }

  @Test
  void historyRetentionKeepsAllUnlessToldAndEitherBoundKeepsAnEntry(@org.junit.jupiter.api.io.TempDir Path dir) {
    assertEquals(HistoryRetention.KEEP_ALL, ServeOptions.parse(new String[0], Map.of()).retention());
    ServeOptions o = ServeOptions.parse(new String[] {"--history-keep-versions", "1000"},
        Map.of("COEDIT_HISTORY_KEEP_DAYS", "30"));
    assertEquals(HistoryRetention.versions(1000).withAge(Duration.ofDays(30)), o.retention());
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> ServeOptions.parse(new String[] {"--history-keep-versions=-5"}, Map.of()))
        .getMessage().contains("--history-keep-versions must be between 0"));
    // Written beside the data, so check and repair recompute the editor as it was served.
    assertEquals(HistoryRetention.KEEP_ALL, RetentionFile.read(dir));
    RetentionFile.write(dir, o.retention());
    assertEquals(o.retention(), RetentionFile.read(dir));
  }
}
