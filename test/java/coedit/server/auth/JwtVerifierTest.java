package coedit.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.server.TestTokens;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of token the server meets: good ones (HS256; RS256 from a JWKS the test
 * serves on 127.0.0.1; ES256 from a PEM key) and bad ones (expired, not yet valid, wrong
 * audience or issuer, {@code alg: none}, tampered, signed with another key or algorithm),
 * each refused with a reason.
 */
class JwtVerifierTest {
  static final Instant NOW = Instant.now();

  static JWTClaimsSet.Builder claims(String user) {
    return new JWTClaimsSet.Builder().subject(user).claim("docs", Map.of("notes", "write", "team-*", "read"))
        .expirationTime(Date.from(NOW.plusSeconds(600)));
  }

  static String refusal(TokenVerifier v, String token) {
    return assertThrows(InvalidTokenException.class, () -> v.verify(token)).getMessage();
  }

  @Test
  void anHs256TokenGivesItsUserNameAndDocuments() throws Exception {
    Principal p = TestTokens.verifier().verify(TestTokens.sign(claims("ada").claim("name", "Ada L.").build()));
    assertEquals("ada", p.user());
    assertEquals("Ada L.", p.name());
    assertTrue(p.canWrite("notes"));
    assertTrue(p.canRead("team-plans"));
    assertFalse(p.canWrite("team-plans"), "read does not imply write");
    assertFalse(p.canRead("notes2"), "an exact id is not a prefix");
    assertFalse(p.canRead("other"));
    assertEquals(NOW.plusSeconds(600).getEpochSecond() * 1000, p.expiresAtMillis()); // JWT times are whole seconds
    // Without a name, the user is the name.
    assertEquals("bo", TestTokens.verifier().verify(TestTokens.sign(claims("bo").build())).name());
  }

  @Test
  void anRs256TokenVerifiesWithAKeyFromAJwksTheIssuerServes() throws Exception {
    RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
    AtomicInteger fetches = new AtomicInteger();
    HttpServer jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    jwks.createContext("/jwks.json", ex -> {
      fetches.incrementAndGet();
      byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    jwks.start();
    try {
      TokenVerifier v = JwtVerifier.create(AuthSettings.jwks("http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks.json"));
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), claims("ada").build());
      jwt.sign(new RSASSASigner(key));
      for (int i = 0; i < 20; i++) assertEquals("ada", v.verify(jwt.serialize()).user());
      assertTrue(fetches.get() <= 2, "the key set is cached, not fetched per token: " + fetches.get() + " fetches");
      // A token signed by another key with the same id is refused.
      SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), claims("mallory").build());
      forged.sign(new RSASSASigner(new RSAKeyGenerator(2048).generate()));
      assertTrue(refusal(v, forged.serialize()).contains("signature"), refusal(v, forged.serialize()));
    } finally {
      jwks.stop(0);
    }
  }

  @Test
  void anEs256TokenVerifiesWithAPemPublicKey(@TempDir Path dir) throws Exception {
    ECKey key = new ECKeyGenerator(Curve.P_256).generate();
    Path pem = dir.resolve("issuer.pem");
    Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(key.toECPublicKey().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
    TokenVerifier v = JwtVerifier.create(AuthSettings.publicKey(pem));
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256), claims("ada").build());
    jwt.sign(new ECDSASigner(key));
    assertEquals("ada", v.verify(jwt.serialize()).user());
    // The key decides the algorithm: an HS256 token (say, keyed with the public key's bytes) is refused.
    assertTrue(refusal(v, TestTokens.sign(claims("mallory").build())).contains("refused"));
  }

  @Test
  void expiredAndNotYetValidTokensAreRefusedBeyondTheClockSkew() {
    TokenVerifier v = TestTokens.verifier();
    String expired = TestTokens.sign(claims("ada").expirationTime(Date.from(NOW.minusSeconds(120))).build());
    assertTrue(refusal(v, expired).contains("Expired"), refusal(v, expired));
    String early = TestTokens.sign(claims("ada").notBeforeTime(Date.from(NOW.plusSeconds(120))).build());
    assertTrue(refusal(v, early).contains("before"), refusal(v, early));
    // Within the 30 s skew both still pass: clocks of issuer and server differ a little.
    assertDoesNotThrowVerify(v, TestTokens.sign(claims("ada").expirationTime(Date.from(NOW.minusSeconds(5))).build()));
    assertDoesNotThrowVerify(v, TestTokens.sign(claims("ada").notBeforeTime(Date.from(NOW.plusSeconds(5))).build()));
    // A token without exp never expires: refused.
    assertTrue(refusal(v, TestTokens.sign(new JWTClaimsSet.Builder().subject("ada").build())).contains("exp"));
  }

  static void assertDoesNotThrowVerify(TokenVerifier v, String token) {
    try {
      v.verify(token);
    } catch (InvalidTokenException e) {
      throw new AssertionError("refused: " + e.getMessage());
    }
  }

  @Test
  void theAudienceAndIssuerMustMatchWhenConfigured() throws Exception {
    TokenVerifier v = JwtVerifier.create(AuthSettings.secret(TestTokens.secretFile()).withAudience("coedit").withIssuer("https://login.example"));
    assertEquals("ada", v.verify(TestTokens.sign(claims("ada").audience("coedit").issuer("https://login.example").build())).user());
    assertTrue(refusal(v, TestTokens.sign(claims("ada").audience("another-app").issuer("https://login.example").build())).contains("aud"));
    assertTrue(refusal(v, TestTokens.sign(claims("ada").issuer("https://login.example").build())).contains("aud"));
    assertTrue(refusal(v, TestTokens.sign(claims("ada").audience("coedit").issuer("https://evil.example").build())).contains("iss"));
  }

  @Test
  void unsignedTamperedAndForeignlySignedTokensAreRefused() throws Exception {
    TokenVerifier v = TestTokens.verifier();
    // alg: none
    String none = new PlainJWT(claims("mallory").build()).serialize();
    assertTrue(refusal(v, none).toLowerCase().contains("unsecured"), refusal(v, none));
    // A good token with its payload swapped for one granting more.
    String good = TestTokens.sign(claims("ada").build());
    String[] parts = good.split("\\.");
    String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
        claims("ada").claim("docs", Map.of("*", "write")).build().toString().getBytes(StandardCharsets.UTF_8));
    assertTrue(refusal(v, parts[0] + "." + payload + "." + parts[2]).contains("signature"));
    // Another secret.
    SignedJWT other = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims("ada").build());
    other.sign(new MACSigner("another secret that is also long enough to sign".getBytes(StandardCharsets.UTF_8)));
    assertTrue(refusal(v, other.serialize()).contains("signature"));
    // HS384 with the right secret: not on the allow-list.
    SignedJWT hs384 = new SignedJWT(new JWSHeader(JWSAlgorithm.HS384), claims("ada").build());
    hs384.sign(new MACSigner(TestTokens.SECRET));
    assertTrue(refusal(v, hs384.serialize()).contains("refused"));
    // Not a JWT at all.
    assertTrue(refusal(v, "not.a.token").length() > 0);
  }

  @Test
  void malformedClaimsAreRefused() {
    TokenVerifier v = TestTokens.verifier();
    assertTrue(refusal(v, TestTokens.sign(claims("ada").claim("docs", Map.of("notes", "admin")).build())).contains("docs"));
    assertTrue(refusal(v, TestTokens.sign(claims("ada").claim("docs", Map.of("a*b", "read")).build())).contains("docs"));
    assertTrue(refusal(v, TestTokens.sign(claims("ada").claim("docs", "everything").build())).contains("docs"));
    assertTrue(refusal(v, TestTokens.sign(claims("").build())).contains("sub"));
  }

  @Test
  void aShortSecretIsRefusedWithAClearMessage(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("secret");
    Files.writeString(file, "too short\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JwtVerifier.create(AuthSettings.secret(file)));
    assertTrue(e.getMessage().contains("at least 32"), e.getMessage());
  }

  @Test
  void patternsGiveTheStrongestMatchingPermission() {
    Grants g = Grants.of(Map.of("team-*", "read", "team-notes", "write", "*", "read"));
    assertEquals(Permission.WRITE, g.on("team-notes"));
    assertEquals(Permission.READ, g.on("team-x"));
    assertEquals(Permission.READ, g.on("anything"));
    assertEquals(null, Grants.NONE.on("x"));
    assertThrows(IllegalArgumentException.class, () -> Grants.of(Map.of("*x", "read")));
  }
}
