// The client side of the protocol as immutable values (ot.js's client.js; Java:
// coedit.ot.ClientState). A client is Synchronized (nothing unacknowledged), AwaitingConfirm
// (one change in flight) or AwaitingWithBuffer (one in flight, later local edits composed
// into a buffer). Each transition returns {state, send, apply}: the next state, a change to
// submit (or null) and a change to apply to the local text (or null). The caller does I/O.
//
// Server changes are transformed with the server's change as the accepted one, the tie
// rule the server uses, so the local text and the server's converge. The server's stream
// delivers every change accepted before ours ahead of our ack, so an ack always names
// version + 1.
//
// applyServerRun(changes) takes a run of server changes at once and returns {state, apply}
// with `apply` one change per server change: the same as applyServer on each in turn, ties
// included, but in O(k + m log k) for k unacknowledged components instead of O(m · k), so
// a client back from a long time offline catches up quickly.

import { compose, transform, transformRun } from './ot.js';

/** No change awaits acknowledgement: the local text is the server's text at `version`. */
class Synchronized {
  constructor(version) { this.version = version; Object.freeze(this); }

  /** Sends the change at once (an empty change is not sent). */
  applyLocal(change) {
    if (change.length === 0) return step(this);
    return step(new AwaitingConfirm(this.version, change), change);
  }

  /** Nothing local to transform over: apply the server's change as it is. */
  applyServer(change) {
    return step(new Synchronized(this.version + 1), null, change);
  }

  applyServerRun(changes) {
    return run(new Synchronized(this.version + changes.length), changes);
  }

  serverAck(version) {
    throw new Error(`acknowledgement at version ${version} but nothing is in flight (synchronized at ${this.version})`);
  }

  /** The unacknowledged local changes, in order (none). */
  pending() { return []; }
}

/** `inFlight` was sent, made against `version`, and awaits its ack. */
class AwaitingConfirm {
  constructor(version, inFlight) { this.version = version; this.inFlight = inFlight; Object.freeze(this); }

  /** Holds the change back until the in-flight one is acknowledged. */
  applyLocal(change) {
    if (change.length === 0) return step(this);
    return step(new AwaitingWithBuffer(this.version, this.inFlight, change));
  }

  /**
   * The server accepted `s` before our in-flight change, so it will transform ours over it;
   * we do the same, and apply `s` transformed over ours:
   *
   *                 o   text at version, before anything in flight
   *       inFlight / \ s (accepted first)
   *               o   o
   *    s' (apply)  \ / inFlight' (still in flight)
   *                 o   the same text on both paths
   */
  applyServer(s) {
    const [sPrime, inFlightPrime] = transform(s, this.inFlight);
    return step(new AwaitingConfirm(this.version + 1, inFlightPrime), null, sPrime);
  }

  /** The diamond above once per server change, the in-flight change held as a tree. */
  applyServerRun(changes) {
    if (changes.length === 0) return run(this, []);
    const [apply, inFlightPrime] = transformRun(changes, this.inFlight);
    return run(new AwaitingConfirm(this.version + changes.length, inFlightPrime), apply);
  }

  /** Our change is now the server's `version`: nothing is pending. */
  serverAck(version) {
    checkAck(this, version);
    return step(new Synchronized(version));
  }

  pending() { return [this.inFlight]; }
}

/** `inFlight` awaits its ack; later local edits are composed into `buffer`, sent after it. */
class AwaitingWithBuffer {
  constructor(version, inFlight, buffer) {
    this.version = version; this.inFlight = inFlight; this.buffer = buffer; Object.freeze(this);
  }

  /** buffer := compose(buffer, change). */
  applyLocal(change) {
    if (change.length === 0) return step(this);
    return step(new AwaitingWithBuffer(this.version, this.inFlight, compose(this.buffer, change)));
  }

  /**
   * Transforms `s` over the in-flight change, then over the buffer (the server's change is
   * the accepted one both times), and applies what is left of it:
   *
   *               o                                o   (after inFlight)
   *     inFlight / \ s                    buffer  / \ s1
   *             o   o                            o   o
   *          s1  \ / inFlight'      s2 (apply)    \ / buffer'
   *               o                                o
   */
  applyServer(s) {
    const [s1, inFlightPrime] = transform(s, this.inFlight);
    const [s2, bufferPrime] = transform(s1, this.buffer);
    return step(new AwaitingWithBuffer(this.version + 1, inFlightPrime, bufferPrime), null, s2);
  }

  /**
   * Both diamonds above once per server change, in-flight change and buffer held as trees.
   * (Composing the run and transforming both once would not do: the buffer's ties depend on
   * where each server insert sat relative to text deleted before it, which composing forgets.)
   */
  applyServerRun(changes) {
    if (changes.length === 0) return run(this, []);
    const [s1, inFlightPrime] = transformRun(changes, this.inFlight);
    const [s2, bufferPrime] = transformRun(s1, this.buffer);
    return run(new AwaitingWithBuffer(this.version + changes.length, inFlightPrime, bufferPrime), s2);
  }

  /** The in-flight change was accepted; the buffer, made after it, is sent next. */
  serverAck(version) {
    checkAck(this, version);
    if (this.buffer.length === 0) return step(new Synchronized(version));
    return step(new AwaitingConfirm(version, this.buffer), this.buffer);
  }

  pending() { return [this.inFlight, this.buffer]; }
}

function step(state, send = null, apply = null) {
  return Object.freeze({ state, send, apply });
}

function run(state, apply) {
  if (!Array.isArray(apply)) throw new Error(`a run must be an array of changes, not ${typeof apply}`);
  return Object.freeze({ state, apply: Object.freeze([...apply]) });
}

function checkAck(state, version) {
  if (version !== state.version + 1) {
    throw new Error(`acknowledgement at version ${version} but this client has integrated version ${state.version}`);
  }
}

/** A client with nothing unacknowledged at server `version`. */
export function synchronizedAt(version) {
  return new Synchronized(version);
}

/**
 * A client at server `version` with `inFlight` (or null) awaiting its ack and `buffer` (or
 * null) made after it: how a stored session is restored.
 */
export function restore(version, inFlight, buffer) {
  if (!inFlight) return new Synchronized(version);
  if (!buffer || buffer.length === 0) return new AwaitingConfirm(version, inFlight);
  return new AwaitingWithBuffer(version, inFlight, buffer);
}
