/**
 * What one client may cost the server: token buckets for submissions and inserted bytes
 * (per connection and per user), coalesced presence, connection counts, and a log that
 * cannot itself be flooded.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>Every limit is a number in {@link coedit.server.limits.Limits} (0: unlimited), with
 *       the defaults of docs/protocol.md; going over one refuses that request only
 *       ({@code rate_limited} with how long to wait), never anyone else's.</li>
 *   <li>A bucket refuses without taking anything, so a refused submission costs nothing
 *       from the budget of the retry.</li>
 *   <li>Presence is never dropped for good, only coalesced: of a burst, the latest update
 *       is delivered once the interval has passed.</li>
 *   <li>Counters are exact: an admitted connection is counted until it is released,
 *       once.</li>
 * </ul>
 * Left out: limits shared across several server processes (each process counts its own).
 */
package coedit.server.limits;
