package coedit.engine.kafka;

/**
 * Names of everything a module owns in Kafka. Depot {@code *d} of module {@code m} is topic
 * {@code NS.m.d}; PState {@code $$s} is state store {@code pstate-s}, changelogged by Streams
 * to {@code APP-pstate-s-changelog}; the Streams application id is {@code NS.m} (plus
 * {@code .gN} after the N-th recompute).
 */
final class Names {

  /** The store every processor node is connected to, so a module is one sub-topology. */
  static final String TASK_STORE = "coedit-task";

  private Names() {}

  static String depotTopic(String namespace, String module, String depot) {
    return namespace + "." + module + "." + depot.substring(1);
  }

  static String store(String pstate) {
    return "pstate-" + pstate.substring(2);
  }

  static String application(String namespace, String module, long generation) {
    return namespace + "." + module + (generation == 0 ? "" : ".g" + generation);
  }

  static String sourceNode(String depot) {
    return "source-" + depot.substring(1);
  }

  static String processorNode(String depot) {
    return "process-" + depot.substring(1);
  }

  static String sinkNode(String depot) {
    return "sink-" + depot.substring(1);
  }
}
