package coedit.ot;

/**
 * The result of {@link Ot#transform}: {@code acceptedPrime} applies after the incoming
 * change, {@code incomingPrime} after the accepted one, and both orders give the same text.
 */
public record Transformed(Change acceptedPrime, Change incomingPrime) {}
