package coedit.server.http;

import coedit.protocol.Messages;
import coedit.protocol.ProtocolException;
import coedit.server.limits.RateLimitedLog;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The browser-facing checks every request passes before any route, static file or
 * WebSocket upgrade sees it (a servlet filter in front of Javalin):
 * <ol>
 *   <li>{@code Host}: when bound to loopback, only loopback names (DNS rebinding).</li>
 *   <li>{@code Origin}: a page's request (or WebSocket upgrade) must come from the server's
 *       own origin, an allowed one or a node of its cluster (cross-site request forgery,
 *       cross-site WebSocket hijacking).</li>
 *   <li>CORS: allowed other origins get {@code Access-Control-Allow-Origin}; their preflight
 *       ({@code OPTIONS}) is answered here; other origins get no CORS headers.</li>
 *   <li>A state-changing request (a {@code POST}, or a {@code PUT}, {@code PATCH} or
 *       {@code DELETE} with a body) needs {@code Content-Type: application/json}: a page can send {@code text/plain}
 *       cross-site without a preflight, but not JSON.</li>
 *   <li>Every response carries a CSP without {@code unsafe-inline},
 *       {@code X-Content-Type-Options: nosniff}, {@code frame-ancestors 'none'} and
 *       {@code X-Frame-Options: DENY}, and {@code Referrer-Policy: no-referrer}.</li>
 *   <li>No HTTP session is ever created ({@link NoSessions}).</li>
 * </ol>
 * Refusals are JSON errors ({@code forbidden} 403, {@code unsupported_media_type} 415),
 * logged through the rate-limited security log.
 */
public final class BrowserGuard implements Filter {
  private static final Logger log = LoggerFactory.getLogger(BrowserGuard.class);
  /**
   * Scripts, styles, images and connections only from the server itself: no inline script
   * or style, no eval, no plugins, and nobody may frame the page. {@code connect-src 'self'}
   * covers the page's own {@code ws:}/{@code wss:} origin (CSP level 3).
   */
  static final String CSP = csp("");

  /** The CSP with {@code extraConnect} (the cluster's other nodes, to fail over to) added to {@code connect-src}. */
  static String csp(String extraConnect) {
    return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "connect-src 'self'" + extraConnect + "; worker-src 'self'; object-src 'none'; base-uri 'none'; "
        + "form-action 'self'; frame-ancestors 'none'";
  }

  private final OriginPolicy policy;
  private final RateLimitedLog securityLog;

  public BrowserGuard(OriginPolicy policy, RateLimitedLog securityLog) {
    this.policy = policy;
    this.securityLog = securityLog;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest req = (HttpServletRequest) request;
    HttpServletResponse res = (HttpServletResponse) response;
    String cluster = policy.clusterConnectSources();
    res.setHeader("Content-Security-Policy", cluster.isEmpty() ? CSP : csp(cluster));
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Referrer-Policy", "no-referrer");

    String host = req.getHeader("Host");
    if (!policy.hostAllowed(host)) {
      refuse(req, res, new ProtocolException(Messages.FORBIDDEN, "host '" + shorten(host)
          + "' is not served here: this server answers loopback names only"));
      return;
    }
    String origin = req.getHeader("Origin");
    if (!policy.originAllowed(origin, req.getScheme(), host)) {
      refuse(req, res, new ProtocolException(Messages.FORBIDDEN, "origin '" + shorten(origin) + "' is not allowed"));
      return;
    }
    if (policy.crossOriginAllowed(origin)) {
      res.setHeader("Access-Control-Allow-Origin", origin);
      res.addHeader("Vary", "Origin");
      res.setHeader("Access-Control-Expose-Headers", "Retry-After");
      if ("OPTIONS".equals(req.getMethod()) && req.getHeader("Access-Control-Request-Method") != null) {
        res.setHeader("Access-Control-Allow-Methods", "GET, POST");
        res.setHeader("Access-Control-Allow-Headers", "Authorization, Content-Type");
        res.setHeader("Access-Control-Max-Age", "600");
        res.setStatus(204);
        return;
      }
    }
    if (changesState(req) && !isJson(req.getContentType())) {
      refuse(req, res, new ProtocolException(Messages.UNSUPPORTED_MEDIA_TYPE,
          "a " + req.getMethod() + " body must be Content-Type: application/json, not '" + shorten(req.getContentType()) + "'"));
      return;
    }
    chain.doFilter(new NoSessions(req), res);
  }

  private void refuse(HttpServletRequest req, HttpServletResponse res, ProtocolException e) throws IOException {
    securityLog.warn(log, e.code(), "{} {} from {} refused: {}", req.getMethod(), req.getRequestURI(), req.getRemoteAddr(),
        e.getMessage());
    res.setStatus(e.httpStatus());
    res.setContentType("application/json");
    res.getOutputStream().write(HttpErrors.json(g -> {
      g.writeStringField("error", e.getMessage());
      g.writeStringField("code", e.code());
    }).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A {@code POST} (the one state-changing method a page may send cross-site without a
   * preflight), or a {@code PUT}, {@code PATCH} or {@code DELETE} that carries a body.
   */
  private static boolean changesState(HttpServletRequest req) {
    return switch (req.getMethod()) {
      case "POST" -> true;
      case "PUT", "PATCH", "DELETE" -> req.getContentLengthLong() > 0 || req.getHeader("Transfer-Encoding") != null;
      default -> false;
    };
  }

  /** {@code application/json}, with or without parameters ({@code ; charset=utf-8}). */
  static boolean isJson(String contentType) {
    if (contentType == null) return false;
    int semi = contentType.indexOf(';');
    String type = (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    return type.equals("application/json");
  }

  private static String shorten(String s) {
    if (s == null) return "";
    return s.length() <= 80 ? s : s.substring(0, 80) + "...";
  }
}
