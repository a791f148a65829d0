package coedit.engine;

import java.util.Objects;

/** A declared query topology taking {@code A} and returning {@code T}. */
public record QueryRef<A, T>(String name) {
  public QueryRef {
    Objects.requireNonNull(name, "query name");
  }
}
