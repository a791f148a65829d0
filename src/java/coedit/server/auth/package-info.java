/**
 * Who is asking, and what they may do: bearer tokens (JWT) verified with Nimbus JOSE+JWT,
 * turned into a {@link coedit.server.auth.Principal} with per-document permissions.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>A token is accepted only if its signature verifies with the configured key under an
 *       allow-listed algorithm (HS256 for a shared secret, RS256 or ES256 for public keys;
 *       never {@code none}), {@code exp} is in the future and {@code nbf} in the past (within
 *       a small clock skew), {@code iss} and {@code aud} match when configured, and its
 *       {@code sub} and {@code docs} claims are well formed. Anything else is
 *       {@code unauthorized}.</li>
 *   <li>A valid token grants exactly what its {@code docs} claim says: a pattern is an
 *       exact document id, a prefix ending in {@code *}, or {@code *}; {@code write} implies
 *       {@code read}. Lacking the permission is {@code forbidden}.</li>
 *   <li>Without a verifier the server is open: every request is the anonymous
 *       {@link coedit.server.auth.Principal#OPEN}, which may read and write everything.</li>
 * </ul>
 * Left out: issuing tokens (that is the application's job; {@code bin/coedit token} signs
 * HS256 tokens for trying things), revocation lists, and scopes beyond read and write.
 */
package coedit.server.auth;
