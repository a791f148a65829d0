package coedit.server.http;

import java.net.InetAddress;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Which browser origins and which {@code Host} names the server answers. A request without
 * an {@code Origin} header is not from a page (curl, services, the Java client) and is not
 * an origin question; a request with one must come from the server's own origin (the
 * scheme and {@code Host} it was sent to) or an allowed one. Bound to a loopback address,
 * the server also answers only loopback {@code Host} names: a page on another site that
 * re-points its own name at 127.0.0.1 (DNS rebinding) is then same-origin with itself but
 * still refused by name.
 *
 * <p>In a cluster the nodes' own origins (their advertised URLs, as the nodes announce
 * them to each other) are allowed too, and may be connected to from a page: a page served
 * by one node fails over to another. A node seen while this one answered requests stays
 * allowed after it leaves (for the life of this process, at most
 * {@value #MAX_CLUSTER_ORIGINS} origins): the pages it served are exactly the ones that must
 * fail over. That list is as trustworthy as the cluster's private Kafka
 * topic it comes from.
 */
public final class OriginPolicy {
  private final Set<String> allowed;
  private final boolean anyOrigin;
  private final boolean loopbackOnly;
  private final Supplier<? extends Collection<URI>> clusterNodes;
  /** Every cluster node origin seen so far (bounded): a stopped node's pages come from it. */
  private final Set<String> seenClusterOrigins = ConcurrentHashMap.newKeySet();
  static final int MAX_CLUSTER_ORIGINS = 256;

  /** {@code allowed}: extra origins ({@code "*"}: all); {@code bindHost}: the address the server listens on. */
  public OriginPolicy(List<String> allowed, String bindHost) {
    this(allowed, bindHost, List::of);
  }

  /** As above, also allowing the origins of {@code clusterNodes} (the cluster's node URLs now, read at each request). */
  public OriginPolicy(List<String> allowed, String bindHost, Supplier<? extends Collection<URI>> clusterNodes) {
    this.anyOrigin = allowed.contains("*");
    this.allowed = allowed.stream().map(OriginPolicy::normalise).collect(Collectors.toUnmodifiableSet());
    this.loopbackOnly = isLoopback(bindHost);
    this.clusterNodes = clusterNodes;
  }

  /** The origins of the cluster's nodes up now ({@code scheme://host[:port]}, normalised); empty on a lone server. */
  public List<String> clusterOrigins() {
    List<String> now = clusterNodes.get().stream().filter(u -> u.getScheme() != null && u.getRawAuthority() != null)
        .map(u -> normalise(u.getScheme() + "://" + u.getRawAuthority())).distinct().toList();
    for (String o : now) {
      if (seenClusterOrigins.size() < MAX_CLUSTER_ORIGINS) seenClusterOrigins.add(o);
    }
    return now;
  }

  /** True when {@code normalisedOrigin} is, or was while this process ran, a node of the cluster. */
  private boolean clusterOrigin(String normalisedOrigin) {
    return clusterOrigins().contains(normalisedOrigin) || seenClusterOrigins.contains(normalisedOrigin);
  }

  /**
   * Extra CSP {@code connect-src} sources: every cluster node's origin, over HTTP and over
   * WebSocket ({@code ws:}/{@code wss:} are not covered by an {@code http:} source); empty
   * on a lone server.
   */
  public String clusterConnectSources() {
    StringBuilder b = new StringBuilder();
    for (String o : clusterOrigins()) {
      b.append(' ').append(o).append(' ').append(o.startsWith("https://") ? "wss://" + o.substring(8) : "ws://" + o.substring(7));
    }
    return b.toString();
  }

  /** True when the server listens only on a loopback address (so only local pages may reach it by name). */
  public boolean loopbackOnly() {
    return loopbackOnly;
  }

  /** True when {@code hostHeader} (name or address, with an optional port) may be served. */
  public boolean hostAllowed(String hostHeader) {
    if (!loopbackOnly) return true;
    if (hostHeader == null) return false;
    String host = hostHeader.trim().toLowerCase(Locale.ROOT);
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      return end > 0 && host.substring(1, end).equals("::1");
    }
    int colon = host.lastIndexOf(':');
    if (colon >= 0) host = host.substring(0, colon);
    return host.equals("localhost") || host.endsWith(".localhost") || host.matches("127(\\.\\d{1,3}){3}");
  }

  /** True when a page of {@code origin} may use the server reached as {@code scheme://host}. */
  public boolean originAllowed(String origin, String scheme, String hostHeader) {
    if (origin == null) return true;
    String o = normalise(origin);
    return o.equals(normalise(scheme + "://" + hostHeader)) || anyOrigin || allowed.contains(o)
        || clusterOrigin(o);
  }

  /** True when {@code origin} is another site allowed by configuration (CORS answers it). */
  public boolean crossOriginAllowed(String origin) {
    return origin != null && !origin.equals("null")
        && (anyOrigin || allowed.contains(normalise(origin)) || clusterOrigin(normalise(origin)));
  }

  /** {@code scheme://host[:port]} in lower case, without a default port or trailing slash. */
  static String normalise(String origin) {
    String o = origin.trim().toLowerCase(Locale.ROOT);
    if (o.endsWith("/")) o = o.substring(0, o.length() - 1);
    if (o.startsWith("http://") && o.endsWith(":80")) o = o.substring(0, o.length() - 3);
    if (o.startsWith("https://") && o.endsWith(":443")) o = o.substring(0, o.length() - 4);
    return o;
  }

  /** True for loopback addresses and {@code localhost}; false for a wildcard or anything resolving elsewhere. */
  public static boolean isLoopback(String bindHost) {
    String h = bindHost.trim();
    if (h.equalsIgnoreCase("localhost")) return true;
    if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
    if (!h.matches("[0-9.]+") && !h.contains(":")) return false; // a name: do not trust its resolution
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  /** Validates a configured origin: {@code "*"} or {@code scheme://host[:port]} with no path. */
  public static String check(String origin) {
    if (origin.equals("*")) return origin;
    URI u;
    try {
      u = URI.create(origin);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("allowed origin '" + origin + "' is not a URL");
    }
    if (u.getScheme() == null || u.getHost() == null || (u.getRawPath() != null && !u.getRawPath().isEmpty() && !u.getRawPath().equals("/"))) {
      throw new IllegalArgumentException("allowed origin '" + origin + "' must look like https://app.example[:port]");
    }
    return origin;
  }
}
