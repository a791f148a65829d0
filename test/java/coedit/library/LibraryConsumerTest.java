package coedit.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a Java service gets when it depends on coedit: `mvn install` this project, build
 * test/consumer (a service depending on the coedit artifact plus Logback, nothing else),
 * check its runtime classpath carries no logging backend of ours, no nREPL, no Clojure or
 * Specter and no tools, then run its main class, which uses only the public API.
 */
class LibraryConsumerTest {
  private static final Path ROOT = Path.of("").toAbsolutePath();

  @Test
  void aServiceEmbedsTheLibraryWithOnlyWhatItNeeds(@TempDir Path data) throws Exception {
    run(ROOT, "mvn", "-B", "-q", "install", "-Dmaven.test.skip=true");
    Path consumer = ROOT.resolve("test/consumer");
    Path cpFile = consumer.resolve("target/classpath.txt");
    run(consumer, "mvn", "-B", "-q", "compile", "dependency:build-classpath",
        "-Dmdep.outputFile=" + cpFile);

    List<String> jars = Arrays.asList(Files.readString(cpFile).trim().split(java.io.File.pathSeparator));
    List<String> names = jars.stream().map(j -> Path.of(j).getFileName().toString()).collect(Collectors.toList());
    assertTrue(names.stream().anyMatch(n -> n.matches("coedit-[^-]+-SNAPSHOT\\.jar")), names.toString());
    assertTrue(names.stream().anyMatch(n -> n.startsWith("logback-classic-")), names.toString());
    for (String unwanted : List.of("slf4j-simple-", "nrepl-", "clojure-", "specter-", "coedit-0.1.0-SNAPSHOT-tools")) {
      assertTrue(names.stream().noneMatch(n -> n.startsWith(unwanted)),
          "a service's classpath must not carry " + unwanted + "*: " + names);
    }
    String coeditJar = jars.stream().filter(j -> j.endsWith("-SNAPSHOT.jar") && j.contains("coedit-")).findFirst().orElseThrow();
    try (JarFile jar = new JarFile(coeditJar)) {
      assertTrue(jar.stream().noneMatch(e -> e.getName().startsWith("coedit/tools/")),
          "the library jar holds no tools classes");
      assertTrue(jar.getEntry("coedit/editor/EngineDocumentService.class") != null);
    }

    String classpath = consumer.resolve("target/classes") + java.io.File.pathSeparator + String.join(java.io.File.pathSeparator, jars);
    String out = run(consumer, Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classpath, "example.EmbeddedEditorService", data.toString());
    assertTrue(out.contains("read: \"Hello, world\" at version 2"), out);
    assertTrue(out.contains("GET /api/docs/notes -> 200"), out);
    assertTrue(out.contains("example-service INFO"), "the service's own Logback logs coedit's lines: " + out);
    assertTrue(out.contains("embedded coedit: ok"), out);
  }

  /** Runs a command in {@code dir}; its output (stdout and stderr); fails on a non-zero exit. */
  private static String run(Path dir, String... command) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(Arrays.asList(command));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    p.getOutputStream().close();
    byte[] output = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(10, TimeUnit.MINUTES), String.join(" ", cmd) + " timed out");
    String out = new String(output, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), String.join(" ", cmd) + " failed:\n" + out);
    return out;
  }
}
