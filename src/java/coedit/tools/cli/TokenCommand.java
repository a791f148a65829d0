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
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code coedit token --secret-file FILE --user ID [--name NAME] --doc PATTERN=read|write ...
 * [--ttl 1h] [--issuer ISS] [--audience AUD]}: prints an HS256 token the server accepts
 * when started with the same {@code --auth-secret-file}, for trying things and for tests.
 * Issuing tokens for real users is the application's job.
 */
@Command(name = "coedit token", synopsisHeading = "", customSynopsis = {
    "usage: bin/coedit token --secret-file FILE --user ID [--name NAME] --doc PATTERN=read|write ...",
    "                        [--ttl 1h] [--issuer ISS] [--audience AUD]%n"},
    sortOptions = false, usageHelpWidth = 110)
public final class TokenCommand {
  @Option(names = "--secret-file", required = true, paramLabel = "FILE", description = "the server's --auth-secret-file")
  private Path secretFile;

  @Option(names = "--user", required = true, paramLabel = "ID", description = "the token's subject (sub)")
  private String user;

  @Option(names = "--name", paramLabel = "NAME", description = "the name others see")
  private String name;

  @Option(names = "--doc", paramLabel = "PATTERN=read|write", description = {
      "may be repeated; PATTERN is a document id, a prefix ending in * or *; write implies read"})
  private Map<String, String> docs = new LinkedHashMap<>();

  @Option(names = "--ttl", paramLabel = "TTL", defaultValue = "1h",
      description = "lifetime: a number with s, m, h or d (default 1h)")
  private String ttl;

  @Option(names = "--issuer", paramLabel = "ISS", description = "the token's iss")
  private String issuer;

  @Option(names = "--audience", paramLabel = "AUD", description = "the token's aud")
  private String audience;

  @Option(names = {"--help", "-h"}, usageHelp = true, description = "this text")
  private boolean help;

  private TokenCommand() {}

  /** What a token says. */
  record Request(String user, String name, Map<String, String> docs, Duration ttl, String issuer, String audience) {}

  public static int run(String[] args, PrintStream out, PrintStream err) {
    TokenCommand c = new TokenCommand();
    CommandLine cli = new CommandLine(c);
    try {
      cli.parseArgs(args);
      if (cli.isUsageHelpRequested()) {
        out.print(cli.getUsageMessage(CommandLine.Help.Ansi.OFF));
        return 0;
      }
      if (c.user.isBlank()) throw new IllegalArgumentException("--user must not be blank");
      Grants.of(c.docs); // the server would refuse a token with bad patterns: so do we, now
      Request r = new Request(c.user, c.name, c.docs, ttl(c.ttl), c.issuer, c.audience);
      out.println(sign(AuthSettings.readSecret(c.secretFile), r, Instant.now()));
      return 0;
    } catch (CommandLine.ParameterException | IllegalArgumentException e) {
      err.println("coedit token: " + e.getMessage());
      err.print(cli.getUsageMessage(CommandLine.Help.Ansi.OFF));
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
