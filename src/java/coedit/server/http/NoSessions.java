package coedit.server.http;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;
import java.util.Collections;
import java.util.Enumeration;

/**
 * A request that never creates an HTTP session. coedit keeps no server-side session state
 * (identity is a bearer token per request or connection), but Javalin copies the session's
 * attributes into every WebSocket upgrade ({@code UpgradeRequestData} calls
 * {@code ctx.sessionAttributeMap()}, which is {@code req.getSession()}), and Jetty then
 * creates and keeps a session per upgrade that never expires: ~1.2 KB each, forever. Here
 * {@code getSession()} answers an empty, detached session object that Jetty never sees.
 */
final class NoSessions extends HttpServletRequestWrapper {
  NoSessions(HttpServletRequest request) {
    super(request);
  }

  @Override
  public HttpSession getSession() {
    return getSession(true);
  }

  @Override
  public HttpSession getSession(boolean create) {
    return create ? new Detached(getServletContext()) : null;
  }

  @Override
  public String changeSessionId() {
    throw new IllegalStateException("coedit uses no HTTP sessions");
  }

  /** An empty session of one request: attributes set on it are dropped with it. */
  private static final class Detached implements HttpSession {
    private final ServletContext context;
    private final long created = System.currentTimeMillis();

    Detached(ServletContext context) {
      this.context = context;
    }

    @Override
    public long getCreationTime() {
      return created;
    }

    @Override
    public String getId() {
      return "none";
    }

    @Override
    public long getLastAccessedTime() {
      return created;
    }

    @Override
    public ServletContext getServletContext() {
      return context;
    }

    @Override
    public void setMaxInactiveInterval(int interval) {}

    @Override
    public int getMaxInactiveInterval() {
      return 0;
    }

    @Override
    public Object getAttribute(String name) {
      return null;
    }

    @Override
    public Enumeration<String> getAttributeNames() {
      return Collections.emptyEnumeration();
    }

    @Override
    public void setAttribute(String name, Object value) {}

    @Override
    public void removeAttribute(String name) {}

    @Override
    public void invalidate() {}

    @Override
    public boolean isNew() {
      return true;
    }
  }
}
