package coedit.tools.cli;

import coedit.server.auth.AuthSettings;
import coedit.server.auth.Grants;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code coedit token --secret-file FILE --user ID [--name NAME] --doc PATTERN=read|write ...
 * [--ttl 1h] [--issuer ISS] [--audience AUD]}: prints an HS256 token the server accepts
 * when started with the same {@code --auth-secret-file}, for trying things and for tests.
 * Issuing tokens for real users is the application's job.
 */
public final class TokenCommand {
  static final String USAGE = """
      usage: bin/coedit token --secret-file FILE --user ID [--name NAME] --doc PATTERN=read|write ...
                              [--ttl 1h] [--issuer ISS] [--audience AUD]
        --doc may be repeated; PATTERN is a document id, a prefix ending in * or *; write implies read.
        --ttl is a number with s, m, h or d (default 1h).
      """;

  private TokenCommand() {}

  /** What a token says. */
  record Request(String user, String name, Map<String, String> docs, Duration ttl, String issuer, String audience) {}

  public static int run(String[] args, PrintStream out, PrintStream err) {
    Path secretFile = null;
    String user = null;
    String name = null;
    String issuer = null;
    String audience = null;
    Duration ttl = Duration.ofHours(1);
    Map<String, String> docs = new LinkedHashMap<>();
    try {
      for (int i = 0; i < args.length; i++) {
        String flag = args[i];
        if (flag.equals("--help") || flag.equals("-h")) {
          out.print(USAGE);
          return 0;
        }
        if (i + 1 >= args.length) throw new IllegalArgumentException("option " + flag + " needs a value");
        String value = args[++i];
        switch (flag) {
          case "--secret-file" -> secretFile = Path.of(value);
          case "--user" -> user = value;
          case "--name" -> name = value;
          case "--issuer" -> issuer = value;
          case "--audience" -> audience = value;
          case "--ttl" -> ttl = ttl(value);
          case "--doc" -> {
            int eq = value.lastIndexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("--doc needs PATTERN=read or PATTERN=write, not '" + value + "'");
            docs.put(value.substring(0, eq), value.substring(eq + 1));
          }
          default -> throw new IllegalArgumentException("unknown option '" + flag + "'");
        }
      }
      if (secretFile == null) throw new IllegalArgumentException("--secret-file is required");
      if (user == null || user.isBlank()) throw new IllegalArgumentException("--user is required");
      Grants.of(docs); // the server would refuse a token with bad patterns: so do we, now
      out.println(sign(AuthSettings.readSecret(secretFile), new Request(user, name, docs, ttl, issuer, audience), Instant.now()));
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("coedit token: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
  }

  /** An HS256 token for {@code r}, issued at {@code now}. */
  static String sign(byte[] secret, Request r, Instant now) {
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(r.user())
        .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plus(r.ttl())))
        .claim("docs", r.docs());
    if (r.name() != null) claims.claim("name", r.name());
    if (r.issuer() != null) claims.issuer(r.issuer());
    if (r.audience() != null) claims.audience(r.audience());
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
    try {
      jwt.sign(new MACSigner(secret));
    } catch (JOSEException e) {
      throw new IllegalArgumentException("cannot sign: " + e.getMessage());
    }
    return jwt.serialize();
  }

  /** {@code 90s}, {@code 15m}, {@code 1h}, {@code 7d}. */
  static Duration ttl(String s) {
    if (!s.matches("\\d{1,9}[smhd]")) throw new IllegalArgumentException("--ttl must look like 30s, 15m, 1h or 7d, not '" + s + "'");
    long n = Long.parseLong(s.substring(0, s.length() - 1));
    return switch (s.charAt(s.length() - 1)) {
      case 's' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMinutes(n);
      case 'h' -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }
}
