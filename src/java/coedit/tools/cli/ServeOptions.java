package coedit.tools.cli;

import coedit.editor.HistoryRetention;
import coedit.server.auth.AuthSettings;
import coedit.server.auth.JwtVerifier;
import coedit.server.core.ServerConfig;
import java.net.URI;
import java.net.URISyntaxException;
import coedit.server.http.OriginPolicy;
import coedit.server.limits.Limits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code coedit serve}'s settings: each from a flag, else an environment variable, else
 * the default. The table below is the one description of them: picocli parses the command
 * line and writes the usage text from it. Unknown flags and malformed values are errors
 * naming the flag. {@code cluster} is null without {@code --kafka} (the embedded engine).
 * {@code --insecure-open} takes no value (its variable: {@code COEDIT_INSECURE_OPEN=true}).
 */
record ServeOptions(ServerConfig server, Path dataDir, int partitions, boolean fsync, HistoryRetention retention,
    ClusterOptions cluster) {

  private static final Limits L = Limits.defaults();

  /** flag, environment variable, default, description: the usage text is made from this. */
  static final String[][] SETTINGS = {
      {"--port", "COEDIT_PORT", "8080", "TCP port (0: any free port)"},
      {"--host", "COEDIT_HOST", "localhost", "interface to bind; 0.0.0.0 for every interface"},
      {"--data-dir", "COEDIT_DATA_DIR", "./data", "where the engine keeps depots and PStates"},
      {"--partitions", "COEDIT_PARTITIONS", "4", "engine partitions (fixed for the life of the data)"},
      {"--fsync", "COEDIT_FSYNC", "always", "always: fsync before acknowledging (group commit); never: survive kill -9 only"},
      {"--max-body-bytes", "COEDIT_MAX_BODY_BYTES", "1048576", "largest HTTP body / WebSocket message"},
      {"--max-document-length", "COEDIT_MAX_DOCUMENT_LENGTH", "10000000", "largest document, in code points"},
      {"--send-buffer-bytes", "COEDIT_SEND_BUFFER_BYTES", "1048576", "unsent data per live connection before it is dropped"},
      {"--heartbeat-ms", "COEDIT_HEARTBEAT_MS", "15000", "how often live connections are pinged"},
      {"--timeout-ms", "COEDIT_TIMEOUT_MS", "45000", "silence after which a live connection is closed"},
      {"--history-page-entries", "COEDIT_HISTORY_PAGE_ENTRIES", "1000", "most entries in one history page"},
      {"--history-page-bytes", "COEDIT_HISTORY_PAGE_BYTES", "1048576", "most bytes of entries in one history page"},
      {"--history-keep-versions", "COEDIT_HISTORY_KEEP_VERSIONS", "", "keep each document's last N history entries (default: all)"},
      {"--history-keep-days", "COEDIT_HISTORY_KEEP_DAYS", "", "keep history entries younger than D days (default: all)"},
      {"--auth-secret-file", "COEDIT_AUTH_SECRET_FILE", "", "HS256: file with the shared secret (at least 32 bytes)"},
      {"--auth-public-key", "COEDIT_AUTH_PUBLIC_KEY", "", "RS256/ES256: PEM file of the token issuer's public key"},
      {"--auth-jwks-url", "COEDIT_AUTH_JWKS_URL", "", "RS256/ES256: URL of the issuer's JWKS (cached, refreshed)"},
      {"--auth-issuer", "COEDIT_AUTH_ISSUER", "", "tokens must have this iss (default: not checked)"},
      {"--auth-audience", "COEDIT_AUTH_AUDIENCE", "", "tokens must have this aud (default: not checked)"},
      {"--auth-clock-skew", "COEDIT_AUTH_CLOCK_SKEW", "30", "seconds of clock skew allowed on exp and nbf"},
      {"--allowed-origins", "COEDIT_ALLOWED_ORIGINS", "", "browser origins allowed besides the server's own, comma-separated (* for all)"},
      {"--insecure-open", "COEDIT_INSECURE_OPEN", "false", "serve without authentication on a non-loopback address"},
      {"--max-submits-per-connection", "COEDIT_MAX_SUBMITS_PER_CONNECTION", num(L.connectionSubmitsPerSecond()), "submissions/s per live connection (0: no limit)"},
      {"--max-submits-per-user", "COEDIT_MAX_SUBMITS_PER_USER", num(L.userSubmitsPerSecond()), "submissions/s per user (anonymous HTTP: per address)"},
      {"--max-insert-bytes-per-connection", "COEDIT_MAX_INSERT_BYTES_PER_CONNECTION", num(L.connectionInsertBytesPerSecond()), "inserted bytes/s per live connection"},
      {"--max-insert-bytes-per-user", "COEDIT_MAX_INSERT_BYTES_PER_USER", num(L.userInsertBytesPerSecond()), "inserted bytes/s per user"},
      {"--max-presence-per-second", "COEDIT_MAX_PRESENCE_PER_SECOND", num(L.presencePerSecond()), "presence updates/s passed on per connection (the rest coalesce)"},
      {"--max-joins-per-connection", "COEDIT_MAX_JOINS_PER_CONNECTION", num(L.joinsPerConnection()), "join attempts per live connection"},
      {"--max-connections-per-user", "COEDIT_MAX_CONNECTIONS_PER_USER", num(L.connectionsPerUser()), "live connections per user"},
      {"--max-connections-per-address", "COEDIT_MAX_CONNECTIONS_PER_ADDRESS", num(L.connectionsPerAddress()), "live connections per remote address"},
      {"--max-connections", "COEDIT_MAX_CONNECTIONS", num(L.connectionsTotal()), "live connections in total"},
      {"--kafka", "COEDIT_KAFKA", "", "Kafka bootstrap servers: run as a node of a cluster (docs/cluster.md); none: the embedded engine"},
      {"--node-id", "COEDIT_NODE_ID", "", "this node's id in the cluster; none: kept in DATA_DIR/node-id, made on the first start"},
      {"--advertise", "COEDIT_ADVERTISE", "", "the URL clients reach this node at (listed to clients for failover); none: http://HOST:PORT"},
      {"--rpc-address", "COEDIT_RPC_ADDRESS", "127.0.0.1:0", "where the other nodes' engines reach this node's (private network; port 0: any)"},
      {"--kafka-namespace", "COEDIT_KAFKA_NAMESPACE", "coedit", "prefix of the cluster's topics; the same on every node"},
  };

  /** The usage text, made by picocli from the settings table. */
  static String usage() {
    return new CommandLine(spec(Map.of())).getUsageMessage(CommandLine.Help.Ansi.OFF);
  }

  /**
   * The command line the settings table describes: every option takes one value (as
   * {@code --flag V} or {@code --flag=V}) whose default is its environment variable's value,
   * else the table's; {@code --insecure-open} also stands alone for {@code true}.
   */
  private static CommandSpec spec(Map<String, String> env) {
    CommandSpec spec = CommandSpec.create().name("coedit serve");
    spec.usageMessage().sortOptions(false)
        .synopsisHeading("").customSynopsis("usage: coedit serve [options]%n")
        .optionListHeading("%noptions (each also an environment variable; a flag overrides its variable):%n")
        .footer("", "Without --auth-* the server runs open (no authentication), which it allows on a loopback",
            "address only (--host localhost), unless --insecure-open. See README, \"Security\".")
        .width(120);
    for (String[] s : SETTINGS) {
      boolean flag = s[0].equals("--insecure-open");
      OptionSpec.Builder option = OptionSpec.builder(s[0]).type(String.class)
          .description(s[3] + " [" + s[1] + (s[2].isEmpty() ? "" : ", default " + s[2]) + "]")
          .defaultValue(env.getOrDefault(s[1], s[2]));
      if (flag) option.arity("0..1").fallbackValue("true").paramLabel("true|false");
      else option.arity("1").paramLabel("V");
      spec.addOption(option.build());
    }
    spec.addOption(OptionSpec.builder("--help", "-h").usageHelp(true).description("this text").build());
    return spec;
  }

  /** Parses {@code args} over {@code env}; IllegalArgumentException names what is wrong. */
  static ServeOptions parse(String[] args, Map<String, String> env) {
    CommandSpec spec = spec(env);
    try {
      new CommandLine(spec).parseArgs(args);
    } catch (CommandLine.UnmatchedArgumentException e) {
      throw new IllegalArgumentException("unknown option '" + e.getUnmatched().get(0) + "'");
    } catch (CommandLine.MissingParameterException e) {
      String flag = e.getMissing().isEmpty() || !(e.getMissing().get(0) instanceof OptionSpec o) ? "" : o.longestName();
      throw new IllegalArgumentException("option " + flag + " needs a value");
    } catch (CommandLine.ParameterException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String[] s : SETTINGS) values.put(s[0], spec.findOption(s[0]).getValue());
    String fsync = values.get("--fsync");
    if (!fsync.equals("always") && !fsync.equals("never")) {
      throw new IllegalArgumentException("--fsync must be 'always' or 'never', not '" + fsync + "'");
    }
    ServerConfig server = ServerConfig.defaults()
        .withHost(values.get("--host"))
        .withPort((int) number(values, "--port", 0, 65535))
        .withLimits(number(values, "--max-body-bytes", 1024, Integer.MAX_VALUE),
            (int) number(values, "--max-document-length", 1, Integer.MAX_VALUE),
            number(values, "--send-buffer-bytes", 1024, Long.MAX_VALUE))
        .withHeartbeat(number(values, "--heartbeat-ms", 10, Long.MAX_VALUE),
            number(values, "--timeout-ms", 11, Long.MAX_VALUE))
        .withHistoryPage((int) number(values, "--history-page-entries", 1, Integer.MAX_VALUE),
            number(values, "--history-page-bytes", 1024, Long.MAX_VALUE))
        .withAuth(auth(values))
        .withAllowedOrigins(origins(values.get("--allowed-origins")))
        .withInsecureOpen(bool(values, "--insecure-open"))
        .withRateLimits(new Limits(
            (int) number(values, "--max-submits-per-connection", 0, Integer.MAX_VALUE),
            (int) number(values, "--max-submits-per-user", 0, Integer.MAX_VALUE),
            number(values, "--max-insert-bytes-per-connection", 0, Long.MAX_VALUE),
            number(values, "--max-insert-bytes-per-user", 0, Long.MAX_VALUE),
            (int) number(values, "--max-presence-per-second", 0, 1000),
            (int) number(values, "--max-joins-per-connection", 0, Integer.MAX_VALUE),
            (int) number(values, "--max-connections-per-user", 0, Integer.MAX_VALUE),
            (int) number(values, "--max-connections-per-address", 0, Integer.MAX_VALUE),
            (int) number(values, "--max-connections", 0, Integer.MAX_VALUE)));
    return new ServeOptions(server, Path.of(values.get("--data-dir")),
        (int) number(values, "--partitions", 1, 4096), fsync.equals("always"), retention(values),
        cluster(values));
  }

  /** The cluster settings, or null without {@code --kafka}; cluster-only flags alone are an error. */
  private static ClusterOptions cluster(Map<String, String> values) {
    String kafka = values.get("--kafka").trim();
    if (kafka.isEmpty()) {
      for (String flag : new String[] {"--node-id", "--advertise"}) {
        if (!values.get(flag).isBlank()) throw new IllegalArgumentException(flag + " needs --kafka (a cluster node)");
      }
      return null;
    }
    String advertise = values.get("--advertise").trim();
    URI url = null;
    if (!advertise.isEmpty()) {
      try {
        url = new URI(advertise);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("--advertise must be a URL like http://host:8080, not '" + advertise + "'");
      }
      if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
        throw new IllegalArgumentException("--advertise must be an http or https URL with a host, not '" + advertise + "'");
      }
    }
    String[] rpc = ClusterOptions.hostAndPort(values.get("--rpc-address").trim());
    Map<String, String> port = Map.of("--rpc-address", rpc[1]);
    String node = values.get("--node-id").trim();
    return new ClusterOptions(kafka, node.isEmpty() ? null : node, url, rpc[0],
        (int) number(port, "--rpc-address", 0, 65535), values.get("--kafka-namespace").trim());
  }

  /**
   * The history retention of --history-keep-versions and --history-keep-days: an entry is
   * kept while either keeps it; neither set keeps everything.
   */
  private static HistoryRetention retention(Map<String, String> v) {
    HistoryRetention r = HistoryRetention.KEEP_ALL;
    if (!v.get("--history-keep-versions").isBlank()) {
      r = r.withVersions(number(v, "--history-keep-versions", 0, Long.MAX_VALUE));
    }
    if (!v.get("--history-keep-days").isBlank()) {
      r = r.withAge(Duration.ofDays(number(v, "--history-keep-days", 0, 365_000)));
    }
    return r;
  }

  /** The token verifier the --auth-* flags describe; null when none is given (open mode). */
  private static JwtVerifier auth(Map<String, String> v) {
    String secret = v.get("--auth-secret-file");
    String key = v.get("--auth-public-key");
    String jwks = v.get("--auth-jwks-url");
    if (secret.isEmpty() && key.isEmpty() && jwks.isEmpty()) {
      if (!v.get("--auth-issuer").isEmpty() || !v.get("--auth-audience").isEmpty()) {
        throw new IllegalArgumentException("--auth-issuer and --auth-audience need a key: --auth-secret-file, --auth-public-key or --auth-jwks-url");
      }
      return null;
    }
    AuthSettings s = new AuthSettings(secret.isEmpty() ? null : Path.of(secret), key.isEmpty() ? null : Path.of(key),
        jwks.isEmpty() ? null : jwks, v.get("--auth-issuer").isEmpty() ? null : v.get("--auth-issuer"),
        v.get("--auth-audience").isEmpty() ? null : v.get("--auth-audience"),
        (int) number(v, "--auth-clock-skew", 0, 600));
    return JwtVerifier.create(s);
  }

  private static List<String> origins(String list) {
    List<String> out = new ArrayList<>();
    for (String o : list.split(",")) {
      if (!o.isBlank()) out.add(OriginPolicy.check(o.trim()));
    }
    return out;
  }

  private static boolean bool(Map<String, String> values, String flag) {
    String v = values.get(flag).trim();
    if (v.equals("true") || v.equals("1")) return true;
    if (v.equals("false") || v.equals("0") || v.isEmpty()) return false;
    throw new IllegalArgumentException(flag + " must be true or false, not '" + v + "'");
  }

  private static String num(long n) {
    return Long.toString(n);
  }

  private static long number(Map<String, String> values, String flag, long min, long max) {
    String v = values.get(flag);
    long n;
    try {
      n = Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be a whole number, not '" + v + "'");
    }
    if (n < min || n > max) throw new IllegalArgumentException(flag + " must be between " + min + " and " + max + ", not " + n);
    return n;
  }
}
