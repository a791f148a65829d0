package coedit.library;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every public type of the library (everything under src/java but coedit.tools) carries a
 * Javadoc comment saying what it is for. `mvn javadoc:javadoc` checks the comments' form;
 * this checks none is missing.
 */
class JavadocCoverageTest {
  private static final Pattern PUBLIC_TYPE = Pattern.compile(
      "^public\\s+(?:(?:final|abstract|sealed|non-sealed|static)\\s+)*(class|interface|record|enum|@interface)\\s+(\\w+)",
      Pattern.MULTILINE);

  @Test
  void everyPublicTypeOfTheLibraryHasAJavadocComment() throws IOException {
    List<String> missing = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/java/coedit"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        if (f.toString().contains("/coedit/tools/") || f.getFileName().toString().equals("package-info.java")) continue;
        String source = Files.readString(f);
        Matcher m = PUBLIC_TYPE.matcher(source);
        if (!m.find()) continue;
        String before = source.substring(0, m.start()).stripTrailing();
        // Annotations may sit between the comment and the declaration.
        before = before.replaceAll("(?s)(\\s*@\\w+(\\([^)]*\\))?)+$", "").stripTrailing();
        if (!before.endsWith("*/") || !before.substring(Math.max(0, before.lastIndexOf("/*"))).startsWith("/**")) {
          missing.add(f + ": " + m.group(1) + " " + m.group(2));
        }
      }
    }
    assertEquals(List.of(), missing, "public types without a Javadoc comment");
  }
}
