package coedit.editor;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Ids}: names are taken as typed; only what is unsafe to store, log or route is refused. */
class IdsTest {
  @ParameterizedTest
  @ValueSource(strings = {"notes", "a.b_c~d-e", "café", "a/b/c", "日本語", "Q3 plan", "100% done", "a?b#c&d",
      "😀 party", "x", "..."})
  void namesPeopleTypeAreValid(String id) {
    assertNull(Ids.problem(id), id);
  }

  @org.junit.jupiter.api.Test
  void lengthIsCountedInCodePoints() {
    assertNull(Ids.problem("😀".repeat(Ids.MAX_LENGTH)));
    assertTrue(Ids.problem("😀".repeat(Ids.MAX_LENGTH + 1)).contains("at most 128"));
    assertTrue(Ids.problem("a".repeat(100_000)).contains("at most 128"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "empty                 | ''            | is empty",
      "control character     | a\u0001b      | control character U+0001",
      "tab                   | a\tb          | control character U+0009",
      "C1 control            | a\u0085b      | control character U+0085",
      "line separator        | a\u2028b      | line or paragraph separator",
      "bidi override         | a\u202Eb      | bidirectional control",
      "lone surrogate        | a\uD800b      | unpaired surrogate",
      "leading space         | ' notes'      | whitespace",
      "trailing space        | 'notes '      | whitespace",
      "no-break space at end | 'notes\u00A0' | whitespace",
      "dot                   | .             | URL path segment",
      "dot dot               | ..            | URL path segment",
      "decomposed accent     | cafe\u0301    | Normalization Form C",
  })
  void unsafeIdsAreRefusedWithTheReason(String name, String id, String reason) {
    String problem = Ids.problem(id);
    assertTrue(problem != null && problem.contains(reason), name + ": " + problem);
  }
}
