package coedit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.client.CoeditClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What a keystroke costs CodeMirror itself, as a floor for issue 16's goal (≤ 2 ms of
 * script per key at 1 MB): a benchmark, tagged {@code perf} (not part of bin/test).
 *
 * <p>In the CodeMirror page, on a 1 MB document, it first measures the page as
 * EditorExperienceTest does (editor, session, storage, network; warmed up by a first
 * round). Then it hides the page's editor and binds a second one, from the same bundle,
 * with the same extensions and styles, to a text that nothing else uses: no session, no
 * IndexedDB, no WebSocket, callbacks that only keep the binding's text in step. Typing the
 * same keys there measures CodeMirror and the binding's change conversion alone.
 *
 * <pre>mvn -B -o test -Dgroups=perf -DexcludedGroups=none -Dtest=CodeMirrorFloorTest</pre>
 */
@Tag("perf")
class CodeMirrorFloorTest {

  @Test
  void keystrokeCostOfTheBareEditorAgainstThePage() throws Exception {
    Page.requireBrowser();
    Path dir = Files.createTempDirectory("coedit-cm-floor-");
    try (E2eServer server = new E2eServer(dir);
         Page page = new Page("cm-floor");
         CoeditClient client = new CoeditClient(server.uri())) {
      String text = EditorExperienceTest.linesOf(1_048_576);
      int at = EditorExperienceTest.typingPosition(text);
      int keys = 100;
      EditorExperienceTest.measure(server, page, server::cmPage, client, text, at, keys); // warm-up
      double[] full = EditorExperienceTest.measure(server, page, server::cmPage, client, text, at, keys);

      page.driver().executeAsyncScript("const done = arguments[arguments.length - 1]; const at = arguments[0];"
          + "(async () => {"
          + "  const { bindCodeMirror } = await import('/codemirror.js');"
          + "  const own = window.coedit.editor.view.dom;"
          + "  const host = document.createElement('div'); host.className = own.parentNode.className;"
          + "  own.parentNode.after(host); own.parentNode.style.display = 'none';"
          + "  let r = window.coedit.session.rope();"
          + "  const apply = (c) => { for (const e of c) r = e.type === 'insert' ? r.insert(e.offset, e.text)"
          + "    : r.delete(e.offset, e.length); };"
          + "  const b = bindCodeMirror(host, { rope: () => r, onLocal: apply, onSelect() {}, onUndo() {}, onRedo() {} });"
          + "  b.setReadOnly(false);"
          + "  window.bare = { text: () => r };"
          + "  b.view.focus(); b.view.dispatch({ selection: { anchor: at }, scrollIntoView: true });"
          + "})().then(() => done(), (e) => done(String(e)));", at);
      long before = ((Number) page.js("return window.bare.text().length")).longValue();
      double[] bare = EditorExperienceTest.costPerKey(page, keys, () -> { }); // no session to wait for
      assertEquals(before + keys, ((Number) page.js("return window.bare.text().length")).longValue(),
          "every key reached the bare editor");
      assertTrue(bare[0] > 0, "script was measured");
      System.out.printf("CodeMirror page at 1 MB, ms per key: whole page script %.2f (layout %.2f);"
          + " bare editor and binding script %.2f (layout %.2f); the rest (session, storage, network) %.2f%n",
          full[0], full[1], bare[0], bare[1], full[0] - bare[0]);
    }
  }
}
