package coedit.client;

import java.util.concurrent.CompletableFuture;

/**
 * Where a session gets its bearer token from: the application, which knows how to sign
 * its user in. The session asks before it first connects, again shortly before the token
 * it holds expires (and hands the fresh one to the server in band, without reconnecting),
 * and after the server closed the connection because the token expired (4401), before it
 * reconnects. Edits made meanwhile are kept and sent once the session is back.
 */
@FunctionalInterface
public interface TokenProvider {
  /** A current token; may complete on any thread. A failed future is retried with backoff. */
  CompletableFuture<String> token();

  /** Always the same token (a service account, or tests). */
  static TokenProvider of(String token) {
    return () -> CompletableFuture.completedFuture(token);
  }
}
