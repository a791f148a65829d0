package coedit.server.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * How tokens are verified: exactly one key source (a shared HS256 secret in a file, a PEM
 * public key file for RS256/ES256, or a JWKS URL), plus the optional {@code iss} and
 * {@code aud} a token must carry and the clock skew allowed on {@code exp} and {@code nbf}.
 *
 * @param secretFile file holding the HS256 secret (at least 32 bytes; a trailing newline is not part of it)
 * @param publicKeyFile PEM file of an RSA or EC P-256 public key ({@code BEGIN PUBLIC KEY})
 * @param jwksUrl URL of a JSON Web Key Set (fetched, cached and refreshed)
 * @param issuer required {@code iss}, or null
 * @param audience required {@code aud} entry, or null
 * @param clockSkewSeconds tolerance on {@code exp} and {@code nbf}
 */
public record AuthSettings(Path secretFile, Path publicKeyFile, String jwksUrl, String issuer, String audience,
    int clockSkewSeconds) {

  /** The shortest HS256 secret accepted: the hash's own size, as RFC 7518 section 3.2 requires. */
  public static final int MIN_SECRET_BYTES = 32;
  public static final int DEFAULT_CLOCK_SKEW_SECONDS = 30;

  public AuthSettings {
    int sources = (secretFile != null ? 1 : 0) + (publicKeyFile != null ? 1 : 0) + (jwksUrl != null ? 1 : 0);
    if (sources != 1) {
      throw new IllegalArgumentException("give exactly one of --auth-secret-file, --auth-public-key, --auth-jwks-url");
    }
    if (clockSkewSeconds < 0 || clockSkewSeconds > 600) {
      throw new IllegalArgumentException("clock skew must be 0..600 seconds, not " + clockSkewSeconds);
    }
  }

  /** HS256 with the secret in {@code file}. */
  public static AuthSettings secret(Path file) {
    return new AuthSettings(file, null, null, null, null, DEFAULT_CLOCK_SKEW_SECONDS);
  }

  /** RS256 or ES256 with the PEM public key in {@code file}. */
  public static AuthSettings publicKey(Path file) {
    return new AuthSettings(null, file, null, null, null, DEFAULT_CLOCK_SKEW_SECONDS);
  }

  /** RS256 or ES256 with the keys of the JWKS at {@code url}. */
  public static AuthSettings jwks(String url) {
    return new AuthSettings(null, null, url, null, null, DEFAULT_CLOCK_SKEW_SECONDS);
  }

  public AuthSettings withIssuer(String iss) {
    return new AuthSettings(secretFile, publicKeyFile, jwksUrl, iss, audience, clockSkewSeconds);
  }

  public AuthSettings withAudience(String aud) {
    return new AuthSettings(secretFile, publicKeyFile, jwksUrl, issuer, aud, clockSkewSeconds);
  }

  public AuthSettings withClockSkew(int seconds) {
    return new AuthSettings(secretFile, publicKeyFile, jwksUrl, issuer, audience, seconds);
  }

  /**
   * The secret in {@code file}: its bytes without a trailing line break (so {@code echo}
   * and editors do not change it). IllegalArgumentException when it cannot be read or is
   * shorter than {@link #MIN_SECRET_BYTES}.
   */
  public static byte[] readSecret(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the secret file " + file + ": " + e.getMessage());
    }
    int n = bytes.length;
    while (n > 0 && (bytes[n - 1] == '\n' || bytes[n - 1] == '\r')) n--;
    if (n < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("the secret in " + file + " is " + n + " bytes; HS256 needs at least "
          + MIN_SECRET_BYTES + " (e.g. head -c 48 /dev/urandom | base64 > " + file + ")");
    }
    return Arrays.copyOf(bytes, n);
  }
}
