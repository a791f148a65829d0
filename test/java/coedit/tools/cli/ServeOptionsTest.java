package coedit.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.editor.HistoryRetention;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
