package coedit.server;

import coedit.server.auth.AuthSettings;
import coedit.server.auth.JwtVerifier;
import coedit.server.auth.TokenVerifier;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/** HS256 tokens for tests, signed with one test secret that {@link #verifier()} accepts. */
public final class TestTokens {
  public static final byte[] SECRET = "coedit test secret: 32 bytes or more, never in production".getBytes(StandardCharsets.UTF_8);
  private static Path secretFile;

  private TestTokens() {}

  /** The secret, in a file (as --auth-secret-file takes it). */
  public static synchronized Path secretFile() {
    if (secretFile == null) {
      try {
        secretFile = Files.createTempFile("coedit-secret-", ".txt");
        Files.write(secretFile, SECRET);
        secretFile.toFile().deleteOnExit();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return secretFile;
  }

  /** A verifier of the test secret's HS256 tokens. */
  public static TokenVerifier verifier() {
    return JwtVerifier.create(AuthSettings.secret(secretFile()));
  }

  /** A token for {@code user} (named after the user) with {@code docs}, valid for {@code ttl}. */
  public static String token(String user, Map<String, String> docs, Duration ttl) {
    Instant now = Instant.now();
    return sign(new JWTClaimsSet.Builder().subject(user).claim("name", "Name of " + user).claim("docs", docs)
        .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(ttl))).build());
  }

  /** A token for {@code user} with {@code docs}, valid for an hour. */
  public static String token(String user, Map<String, String> docs) {
    return token(user, docs, Duration.ofHours(1));
  }

  /** Any claims, signed HS256 with the test secret. */
  public static String sign(JWTClaimsSet claims) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
      jwt.sign(new MACSigner(SECRET));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
