package coedit.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.client.CoeditClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Where a keystroke's script time goes: a profiling tool, tagged {@code perf} (not part of
 * bin/test). Types 200 keys in a 1 MB document in the CodeMirror page ({@code
 * -Dpage=textarea}: the textarea page) under Chromium's sampling profiler, after a warm-up
 * of 100, and prints the script and layout time per key (as EditorExperienceTest measures
 * them), how many WebSocket messages and IndexedDB transactions the keys cost, and the call
 * tree of the script time. For readable CodeMirror names bundle it unminified first
 * ({@code node src/web/build.mjs --no-minify}; {@code node src/web/build.mjs} restores it).
 *
 * <pre>mvn -B -o test -Dgroups=perf -DexcludedGroups=none -Dtest=KeystrokeProfileTest</pre>
 */
@Tag("perf")
class KeystrokeProfileTest {

  @Test
  void profileOfTypingInAMegabyteDocument() throws Exception {
    Page.requireBrowser();
    Path dir = Files.createTempDirectory("coedit-profile-");
    boolean textarea = "textarea".equals(System.getProperty("page"));
    try (E2eServer server = new E2eServer(dir);
         Page page = new Page("profile");
         CoeditClient client = new CoeditClient(server.uri())) {
      String text = EditorExperienceTest.linesOf(1_048_576);
      int at = EditorExperienceTest.typingPosition(text);
      java.util.function.Function<String, String> url = textarea ? server::page : server::cmPage;
      EditorExperienceTest.measure(server, page, url, client, text, at, 100); // warm-up, and the page to type in

      page.js("window.profiled = {sends: 0, transactions: 0};"
          + "const send = WebSocket.prototype.send;"
          + "WebSocket.prototype.send = function (d) { window.profiled.sends++; return send.call(this, d); };"
          + "const tx = IDBDatabase.prototype.transaction;"
          + "IDBDatabase.prototype.transaction = function (...a) { window.profiled.transactions++; return tx.apply(this, a); };");
      page.driver().executeCdpCommand("Profiler.enable", Map.of());
      page.driver().executeCdpCommand("Profiler.setSamplingInterval", Map.of("interval", 100));
      page.driver().executeCdpCommand("Profiler.start", Map.of());
      int keys = 200;
      double[] cost = EditorExperienceTest.costPerKey(page, keys);
      Map<?, ?> stopped = page.driver().executeCdpCommand("Profiler.stop", Map.of());
      CpuProfile profile = new CpuProfile((Map<?, ?>) stopped.get("profile"));
      assertTrue(profile.scriptMillis() > 0, "the profile holds script samples");

      System.out.printf("%s page, 1 MB, %d keys under the profiler: script %.2f ms per key, layout %.2f ms per key;"
          + " per key %s%n", textarea ? "textarea" : "CodeMirror", keys, cost[0], cost[1],
          page.js("return `${(window.profiled.sends / arguments[0]).toFixed(2)} WebSocket messages,"
              + " ${(window.profiled.transactions / arguments[0]).toFixed(2)} IndexedDB transactions`", keys));
      System.out.printf("sampled script: %.0f ms; call paths of at least 1 %% of it (inclusive ms):%n%s",
          profile.scriptMillis(), profile.tree(profile.scriptMillis() / 100, 12));
    }
  }
}
