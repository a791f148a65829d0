package coedit.engine;

/** Creates the processor of one task; called once per task (and again on recompute). */
@FunctionalInterface
public interface ProcessorSupplier<R> {
  Processor<R> get();
}
