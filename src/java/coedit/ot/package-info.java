/**
 * Operational transformation of plain text: pure values and functions, no I/O.
 *
 * <ul>
 *   <li>{@link coedit.ot.Edit} ({@link coedit.ot.Insert}, {@link coedit.ot.Delete}) and
 *       {@link coedit.ot.Change}: positional edits in Unicode code points, the wire form.
 *   <li>{@link coedit.ot.Ot}: validate, apply, transform, transformOverHistory, transformRun,
 *       compose.
 *   <li>{@link coedit.ot.ComposedHistory}: a document's history with composed ranges, so a
 *       stale change crosses m entries in O(log m) transforms.
 *   <li>{@link coedit.ot.Rope}: the document, O(log n) per edit by code point.
 *   <li>{@link coedit.ot.ClientState}: the client's state machine (ot.js client.js); a run
 *       of server changes in one step costs O(k + m log k), not O(k · m).
 *   <li>{@link coedit.ot.InvalidChangeException}: the one error for bad edits.
 * </ul>
 * Internally transform and compose work on ot.js's retain/insert/delete operation form
 * ({@code TextOperation}, {@code Transform}, {@code Compose}); {@code OpTree} holds a large
 * operation as a balanced tree so small ones transform against it where they land.
 */
package coedit.ot;
