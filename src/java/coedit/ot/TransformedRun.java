package coedit.ot;

import java.util.List;

/**
 * The result of {@link Ot#transformRun}: {@code acceptedPrimes.get(i)} applies after the
 * incoming change and the accepted primes before it; {@code incomingPrime} applies after the
 * whole run. Both paths give the same text. The list is immutable and as long as the run.
 */
public record TransformedRun(List<Change> acceptedPrimes, Change incomingPrime) {
  public TransformedRun {
    acceptedPrimes = List.copyOf(acceptedPrimes);
  }
}
