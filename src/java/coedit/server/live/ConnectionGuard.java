package coedit.server.live;

import coedit.ot.Change;
import coedit.protocol.Messages;
import coedit.protocol.ProtocolException;
import coedit.server.auth.Access;
import coedit.server.auth.Principal;
import coedit.server.core.Inserted;
import coedit.server.limits.SubmitBudget;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Who one live connection acts for and what it may still do: its principal (from the
 * {@code join} token, replaced by {@code auth}), its join attempts, its own submission
 * budget and its user's, its place in the per-user connection count,
 * and the timer that ends it when its token expires. {@link Connection} asks it at each
 * hook and acts on the answer (and logs the refusals); the rules live here.
 */
final class ConnectionGuard {
  private final LiveContext ctx;
  private final String address;
  private final SubmitBudget budget;
  private volatile Principal principal = Principal.OPEN;
  private int joins; // socket events arrive one at a time
  private boolean counted; // guarded by this
  private ScheduledFuture<?> expiry; // guarded by this

  ConnectionGuard(LiveContext ctx, String address) {
    this.ctx = ctx;
    this.address = address;
    this.budget = ctx.throttles().connectionBudget(System.nanoTime());
  }

  Principal principal() {
    return principal;
  }

  /** The authenticated user; null in open mode. */
  String user() {
    return principal.user();
  }

  String address() {
    return address;
  }

  /**
   * A join attempt for {@code docId} with {@code token}: counted, authenticated, checked for
   * read access, and the user's connection counted. Throws the refusal; the caller closes
   * the connection for {@code rate_limited}, {@code unauthorized} and {@code forbidden}.
   */
  Principal join(String token, String docId) {
    int max = ctx.throttles().limits().joinsPerConnection();
    if (max > 0 && ++joins > max) {
      throw new ProtocolException(Messages.RATE_LIMITED, "this connection made " + max
          + " join attempts; open a new connection", 1000);
    }
    Principal p = authenticate(token);
    try {
      Access.requireRead(p, docId);
    } catch (ProtocolException e) {
      throw e;
    }
    synchronized (this) {
      if (counted) ctx.throttles().connections().leave(principal.user()); // an earlier attempt's count
      counted = false;
    }
    if (p.authenticated()) {
      String over = ctx.throttles().connections().join(p.user());
      if (over != null) throw new ProtocolException(Messages.RATE_LIMITED, over, 5000);
      synchronized (this) {
        counted = true;
      }
    }
    principal = p;
    return p;
  }

  /**
   * A fresh token for the joined connection: it must name the same user, who must still
   * read {@code docId}; the connection's rights become the new token's. Throws the refusal:
   * {@code unauthorized} for a bad token, {@code forbidden} for another user or no read right
   * (the caller closes on the latter).
   */
  Principal reauthorize(String token, String docId) {
    Principal p = authenticate(token);
    if (!java.util.Objects.equals(p.user(), principal.user())) {
      throw new ProtocolException(Messages.FORBIDDEN, "the token is for user '" + p.user()
          + "', not for this connection's user '" + principal.user() + "'");
    }
    principal = p;
    return p;
  }

  /** Refuses a submission the principal may not make, or one over its or its user's budget. */
  void checkSubmit(String docId, Change change) {
    try {
      Access.requireWrite(principal, docId);
    } catch (ProtocolException e) {
      throw e;
    }
    long now = System.nanoTime();
    long bytes = Inserted.bytes(change);
    long wait = budget.take(bytes, now);
    if (wait == 0 && principal.authenticated()) wait = ctx.throttles().users().take("user:" + principal.user(), bytes, now);
    if (wait > 0) {
      throw new ProtocolException(Messages.RATE_LIMITED, "too many submissions; retry in " + wait + " ms", wait);
    }
  }

  /** Runs {@code onExpiry} when the principal's token expires (replacing an earlier schedule). */
  synchronized void expireWith(Runnable onExpiry) {
    if (expiry != null) expiry.cancel(false);
    expiry = null;
    long at = principal.expiresAtMillis();
    if (at == Long.MAX_VALUE) return;
    try {
      expiry = ctx.timer().schedule(onExpiry, Math.max(0, at - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // shutting down: every connection is being closed anyway
    }
  }

  /** The connection ended: cancels the expiry and uncounts the user, once. */
  synchronized void release() {
    if (expiry != null) expiry.cancel(false);
    expiry = null;
    if (counted) ctx.throttles().connections().leave(principal.user());
    counted = false;
  }

  private Principal authenticate(String token) {
    try {
      return ctx.access().authenticate(token);
    } catch (ProtocolException e) {
      throw e;
    }
  }
}
