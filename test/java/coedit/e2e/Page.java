package coedit.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One person's browser: Debian's headless Chromium with its own profile (so its own
 * storage and service worker), driven through Debian's chromedriver. Reads the page
 * the way a person would (the textarea, #status, #people) plus the session's own report
 * ({@code window.coedit.session.info()}) for versions and client ids.
 */
final class Page implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "e2e-screenshots");

  final String who;
  private final Path profile;
  private final ChromeDriver driver;

  Page(String who) throws IOException {
    this.who = who;
    this.profile = Files.createTempDirectory("coedit-chromium-");
    // Selenium Manager would try to download a driver: point Selenium at Debian's instead.
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--disable-extensions", "--window-size=1100,760",
        "--user-data-dir=" + profile);
    // Our own conditions say when a page is ready (waitFor): the load event is not waited for.
    options.setPageLoadStrategy(PageLoadStrategy.EAGER);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    this.driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(PATIENCE).scriptTimeout(PATIENCE);
  }

  /** How long a page may take to do what a test waits for: generous, for a machine shared with builds. */
  static final Duration PATIENCE = Duration.ofSeconds(60);

  /** Fails with what to do when the browser is not installed (never skips). */
  static void requireBrowser() {
    for (Path p : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(p)) {
        throw new IllegalStateException(p + " is missing: the browser tests need Debian's chromium and "
            + "chromium-driver packages. Run bin/test, which installs them (or: apt-get install -y chromium chromium-driver).");
      }
    }
  }

  void open(String url) {
    driver.get(url);
    waitFor("the page to start its session", d -> Boolean.TRUE.equals(js("return !!(window.coedit && window.coedit.session)")));
  }

  void reload() {
    driver.navigate().refresh();
    waitFor("the page to start its session again", d -> Boolean.TRUE.equals(js("return !!(window.coedit && window.coedit.session)")));
  }

  /** The editing surface: CodeMirror's content element, or the plain textarea. */
  WebElement editor() {
    List<WebElement> cm = driver.findElements(By.cssSelector(".cm-content"));
    return cm.isEmpty() ? driver.findElement(By.id("editor")) : cm.get(0);
  }

  boolean codeMirror() {
    return "codemirror".equals(js("return window.coedit && window.coedit.kind"));
  }

  ChromeDriver driver() {
    return driver;
  }

  /** Types at the caret, as keystrokes. */
  void type(CharSequence... keys) {
    editor().sendKeys(keys);
  }

  /**
   * Types {@code text} at the caret through the browser's own editing command (input events
   * as from a keyboard); unlike sendKeys it can enter characters outside the BMP.
   */
  void insertText(String text) {
    js("const t = document.getElementById('editor');"
        + "if (t) { t.focus(); document.execCommand('insertText', false, arguments[0]); return; }"
        // CodeMirror: a user transaction replacing the selection, as its own paste handler makes
        + "const v = window.coedit.editor.view; v.focus();"
        + "v.dispatch(v.state.replaceSelection(arguments[0]), {userEvent: 'input.paste', scrollIntoView: true});", text);
  }

  /**
   * Pastes {@code text} as a person does: puts it on the clipboard and sends Ctrl+V to the
   * editor, so the browser's own paste runs (the input event a textarea or CodeMirror gets
   * from a real paste). Returns once the page has handled the paste.
   */
  void paste(String text) {
    String origin = java.net.URI.create(driver.getCurrentUrl()).resolve("/").toString().replaceAll("/$", "");
    driver.executeCdpCommand("Browser.grantPermissions",
        Map.of("origin", origin, "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
    Object failed = ((JavascriptExecutor) driver).executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "navigator.clipboard.writeText(arguments[0]).then(() => done(null), (e) => done(String(e)));", text);
    if (failed != null) throw new IllegalStateException("could not put the text on the clipboard: " + failed);
    js("const t = document.getElementById('editor'); if (t) t.focus(); else window.coedit.editor.focus();");
    Map<String, Object> key = Map.of("key", "v", "code", "KeyV", "modifiers", 2, "windowsVirtualKeyCode", 86);
    Map<String, Object> down = new java.util.HashMap<>(key);
    down.put("type", "rawKeyDown");
    down.put("commands", List.of("paste"));
    driver.executeCdpCommand("Input.dispatchKeyEvent", down);
    Map<String, Object> up = new java.util.HashMap<>(key);
    up.put("type", "keyUp");
    driver.executeCdpCommand("Input.dispatchKeyEvent", up);
  }

  /** Puts the caret (or a selection) at code point offsets of the text. */
  void select(int from, int to) {
    js("const t = document.getElementById('editor'); const v = t.value;"
        + "const ix = n => [...v].slice(0, n).join('').length;"
        + "t.focus(); t.setSelectionRange(ix(arguments[0]), ix(arguments[1]));"
        + "t.dispatchEvent(new Event('select'));", from, to);
  }

  /** The selected text (empty for a caret) and the caret's code point offsets. */
  Map<?, ?> selection() {
    return (Map<?, ?>) js("const t = document.getElementById('editor'); const v = t.value;"
        + "return {text: v.slice(t.selectionStart, t.selectionEnd),"
        + " start: [...v.slice(0, t.selectionStart)].length, end: [...v.slice(0, t.selectionEnd)].length};");
  }

  /** The text the editor shows (CodeMirror's document, or the textarea's value). */
  String text() {
    return (String) js("const t = document.getElementById('editor');"
        + "return t ? t.value : window.coedit.editor.view.state.doc.toString()");
  }

  /** Whether the editor refuses typing: the textarea's readOnly, or CodeMirror's read-only state. */
  boolean readOnly() {
    return Boolean.TRUE.equals(js("const t = document.getElementById('editor');"
        + "return t ? t.readOnly : window.coedit.editor.view.state.readOnly"));
  }

  String status() {
    return driver.findElement(By.id("status")).getText();
  }

  String state() {
    return driver.findElement(By.id("status")).getAttribute("data-state");
  }

  /** Local changes the server has not acknowledged yet; -1 before the session exists. */
  int pending() {
    Object n = js("return window.coedit && window.coedit.session ? window.coedit.session.pending() : -1");
    return ((Number) n).intValue();
  }

  /** The names in #people, "(you)" included. */
  List<String> people() {
    return driver.findElements(By.cssSelector("#people li .name")).stream().map(WebElement::getText).toList();
  }

  /** Remote carets drawn over the editor. */
  int remoteCarets() {
    return driver.findElements(By.cssSelector(".remote-caret")).size();
  }

  /** window.coedit.session.info(): clientId, version, nextSeq, pending, live, text. */
  Map<?, ?> info() {
    return (Map<?, ?>) js("return window.coedit.session.info()");
  }

  long version() {
    Object v = info().get("version");
    return v == null ? -1 : ((Number) v).longValue();
  }

  boolean offlineReady() {
    return Boolean.TRUE.equals(js("return !!(window.coedit && window.coedit.offlineReady)"));
  }

  /** Sets the display name and colour as a person would, in the header's inputs. */
  void setIdentity(String name, String colour) {
    WebElement input = driver.findElement(By.id("name"));
    input.clear();
    input.sendKeys(name);
    js("const c = document.getElementById('colour'); c.value = arguments[0];"
        + "c.dispatchEvent(new Event('change'));", colour);
  }

  void resize(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  /** Saves a PNG of the page under target/e2e-screenshots. */
  Path screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Path target = SCREENSHOTS.resolve(name + ".png");
    Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    return target;
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  void waitFor(String what, Predicate<org.openqa.selenium.WebDriver> condition) {
    waitFor(what, condition, PATIENCE);
  }

  /**
   * Polls {@code condition} every 100 ms until it holds, for at most {@code timeout}. A
   * script that fails while a page is being replaced (a navigation) counts as not yet.
   */
  void waitFor(String what, Predicate<org.openqa.selenium.WebDriver> condition, Duration timeout) {
    new WebDriverWait(driver, timeout, Duration.ofMillis(100)).ignoring(JavascriptException.class)
        .withMessage(() -> who + ": waiting for " + what + "; status '" + safe(this::status) + "', text '"
            + abbreviated(safe(this::text)) + "'").until(condition::test);
  }

  private static String abbreviated(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "… (" + s.length() + " chars)";
  }

  /** The browser console since the last call (for failure reports). */
  String console() {
    try {
      return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::toString)
          .reduce("", (a, b) -> a + "\n  " + b);
    } catch (RuntimeException e) {
      return "(no console log: " + e.getMessage() + ")";
    }
  }

  private static String safe(java.util.function.Supplier<String> s) {
    try {
      return s.get();
    } catch (RuntimeException e) {
      return "?";
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a temp profile left behind is harmless
      }
    }
  }
}
