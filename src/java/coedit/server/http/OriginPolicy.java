package coedit.server.http;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which browser origins and which {@code Host} names the server answers. A request without
 * an {@code Origin} header is not from a page (curl, services, the Java client) and is not
 * an origin question; a request with one must come from the server's own origin (the
 * scheme and {@code Host} it was sent to) or an allowed one. Bound to a loopback address,
 * the server also answers only loopback {@code Host} names: a page on another site that
 * re-points its own name at 127.0.0.1 (DNS rebinding) is then same-origin with itself but
 * still refused by name.
 */
public final class OriginPolicy {
  private final Set<String> allowed;
  private final boolean anyOrigin;
  private final boolean loopbackOnly;

  /** {@code allowed}: extra origins ({@code "*"}: all); {@code bindHost}: the address the server listens on. */
  public OriginPolicy(List<String> allowed, String bindHost) {
    this.anyOrigin = allowed.contains("*");
    this.allowed = allowed.stream().map(OriginPolicy::normalise).collect(Collectors.toUnmodifiableSet());
    this.loopbackOnly = isLoopback(bindHost);
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
    return o.equals(normalise(scheme + "://" + hostHeader)) || anyOrigin || allowed.contains(o);
  }

  /** True when {@code origin} is another site allowed by configuration (CORS answers it). */
  public boolean crossOriginAllowed(String origin) {
    return origin != null && !origin.equals("null") && (anyOrigin || allowed.contains(normalise(origin)));
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
