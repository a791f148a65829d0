package coedit.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.server.TestTokens;
import coedit.server.auth.Principal;
import coedit.server.limits.Limits;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve}'s security flags and {@code bin/coedit token}: what they set, and what they refuse. */
class SecurityOptionsTest {
  @Test
  void withoutAuthFlagsTheServerIsOpenWithDefaultLimits() {
    ServeOptions o = ServeOptions.parse(new String[0], Map.of());
    assertNull(o.server().verifier());
    assertFalse(o.server().insecureOpen());
    assertEquals(Limits.defaults(), o.server().limits());
    assertEquals(List.of(), o.server().allowedOrigins());
    assertTrue(ServeOptions.usage().contains("--max-connections-per-address"));
    assertTrue(ServeOptions.usage().contains("COEDIT_MAX_CONNECTIONS_PER_ADDRESS, default 256"), "variables and defaults are in the help");
  }

  @Test
  void flagsAndVariablesSetAuthOriginsAndLimits() throws Exception {
    ServeOptions o = ServeOptions.parse(new String[] {"--insecure-open", "--allowed-origins", "https://a.example, https://b.example:8443",
        "--max-submits-per-connection", "5", "--max-connections", "0"},
        Map.of("COEDIT_AUTH_SECRET_FILE", TestTokens.secretFile().toString(), "COEDIT_AUTH_AUDIENCE", "coedit"));
    assertNotNull(o.server().verifier());
    assertTrue(o.server().insecureOpen());
    assertEquals(List.of("https://a.example", "https://b.example:8443"), o.server().allowedOrigins());
    assertEquals(5, o.server().limits().connectionSubmitsPerSecond());
    assertEquals(0, o.server().limits().connectionsTotal());
    // The audience is enforced by the verifier the flags built.
    String noAudience = TestTokens.token("ada", Map.of("*", "write"));
    assertThrows(Exception.class, () -> o.server().verifier().verify(noAudience));
  }

  @Test
  void badSecurityFlagsAreRefusedWithAReason(@TempDir Path dir) throws Exception {
    Path shortSecret = dir.resolve("short");
    Files.writeString(shortSecret, "0123456789\n");
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> ServeOptions.parse(new String[] {"--auth-secret-file", shortSecret.toString()}, Map.of())).getMessage()
        .contains("at least 32"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ServeOptions.parse(new String[] {
        "--auth-secret-file", TestTokens.secretFile().toString(), "--auth-jwks-url", "http://127.0.0.1:1/jwks"}, Map.of()))
        .getMessage().contains("exactly one"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> ServeOptions.parse(new String[] {"--auth-audience", "x"}, Map.of())).getMessage().contains("need a key"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> ServeOptions.parse(new String[] {"--allowed-origins", "https://a.example/path"}, Map.of())).getMessage()
        .contains("allowed origin"));
  }

  @Test
  void theTokenCommandPrintsATokenTheServerAccepts() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = TokenCommand.run(new String[] {"--secret-file", TestTokens.secretFile().toString(), "--user", "ada",
        "--name", "Ada", "--doc", "notes=write", "--doc", "team-*=read", "--ttl", "15m"},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    Principal p = TestTokens.verifier().verify(out.toString(StandardCharsets.UTF_8).trim());
    assertEquals("ada", p.user());
    assertEquals("Ada", p.name());
    assertTrue(p.canWrite("notes") && p.canRead("team-x") && !p.canWrite("team-x"));
    long left = p.expiresAtMillis() - System.currentTimeMillis();
    assertTrue(left > 14 * 60_000 && left <= 15 * 60_000, "ttl 15m, got " + left + " ms");
    assertEquals(2, TokenCommand.run(new String[] {"--secret-file", TestTokens.secretFile().toString(), "--user", "ada",
        "--doc", "notes=admin"}, new PrintStream(out), new PrintStream(err)));
  }
}
