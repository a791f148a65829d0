package coedit.engine;

/**
 * The body of a query topology. Runs on the task owning the query's partition key, between
 * two events, so everything it reads is one consistent state that already contains every
 * {@link AckLevel#ACK}-acknowledged append. It cannot write.
 */
@FunctionalInterface
public interface QueryHandler<A, T> {
  T handle(A args, QueryContext ctx);
}
