package coedit.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;

/**
 * The layering of docs/architecture.md as ArchUnit rules over the packages under a root:
 * {@code coedit} for the library ({@link ArchitectureTest}), a fixture root for
 * {@link ArchitectureRulesCanFailTest}, which shows each rule fails on a class breaking it.
 */
final class LayeringRules {
  private final String root;

  LayeringRules(String root) {
    this.root = root;
  }

  private String[] under(String... packages) {
    return Arrays.stream(packages).map(p -> root + "." + p + "..").toArray(String[]::new);
  }

  private String[] underAnd(String[] packages, String... others) {
    String[] ours = under(packages);
    String[] all = Arrays.copyOf(ours, ours.length + others.length);
    System.arraycopy(others, 0, all, ours.length, others.length);
    return all;
  }

  /** The OT core is pure: nothing of coedit, nothing but the JDK. */
  ArchRule otIsPure() {
    return classes().that().resideInAnyPackage(under("ot"))
        .should().onlyDependOnClassesThat().resideInAnyPackage(underAnd(new String[] {"ot"}, "java.."))
        .because("the OT core is shared by the server and every client");
  }

  /** The engine runs any module: it knows no module, server, client, protocol, OT or tool. */
  ArchRule engineKnowsNoModule() {
    return noClasses().that().resideInAnyPackage(under("engine"))
        .should().dependOnClassesThat().resideInAnyPackage(
            under("editor", "todo", "server", "client", "protocol", "ot", "tools"))
        .because("the engine implements the Rama model for any module");
  }

  /** Modules are written against the engine's API only, never against a runtime or a caller. */
  ArchRule modulesUseOnlyTheEngineApi() {
    return noClasses().that().resideInAnyPackage(under("editor", "todo"))
        .should().dependOnClassesThat().resideInAnyPackage(under("engine.embedded",
            "engine.kafka", "engine.storage", "server", "client", "protocol", "tools"))
        .because("a module runs unchanged on every runtime and knows nothing of its callers");
  }

  /**
   * The two runtimes share only the engine's neutral packages (API, topology, store), never
   * each other: what one needs from the other belongs in a neutral package.
   */
  ArchRule runtimesAreIndependent() {
    return noClasses().that().resideInAnyPackage(under("engine.kafka"))
        .should().dependOnClassesThat().resideInAnyPackage(under("engine.embedded"))
        .because("the Kafka runtime is a runtime of its own, beside the embedded one");
  }

  /** The embedded runtime knows nothing of the Kafka runtime. */
  ArchRule embeddedKnowsNoKafka() {
    return noClasses().that().resideInAnyPackage(under("engine.embedded"))
        .should().dependOnClassesThat().resideInAnyPackage(under("engine.kafka"))
        .because("the embedded runtime must build and run without Kafka");
  }

  /** The wire protocol is shared by server and client, so it depends on neither. */
  ArchRule protocolIsShared() {
    return classes().that().resideInAnyPackage(under("protocol"))
        .should().onlyDependOnClassesThat().resideInAnyPackage(
            underAnd(new String[] {"protocol", "ot"}, "java..", "com.fasterxml.jackson.."))
        .because("the protocol package is the wire format both ends speak");
  }

  /** A client library needs the protocol and OT, not the server, the modules or the engine. */
  ArchRule clientIsNotTheServer() {
    return noClasses().that().resideInAnyPackage(under("client"))
        .should().dependOnClassesThat().resideInAnyPackage(
            under("server", "editor", "engine", "todo", "tools"))
        .because("the Java client talks to a server over the wire protocol only");
  }

  /** Nothing of the product depends on tooling (benchmarks, traces, replay, command lines). */
  ArchRule productDoesNotUseTools() {
    return noClasses().that().resideInAPackage(root + "..")
        .and().resideOutsideOfPackage(root + ".tools..")
        .should().dependOnClassesThat().resideInAnyPackage(under("tools"))
        .because("the tools area is tooling the library does not ship");
  }

  /** No package cycles anywhere. */
  ArchRule noPackageCycles() {
    return slices().matching(root + ".(**)").should().beFreeOfCycles();
  }
}
