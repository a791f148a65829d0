package coedit;

import clojure.java.api.Clojure;
import clojure.lang.IFn;
import clojure.lang.Var;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every clojure.test var under test/clj as one JUnit test, so {@code mvn test} runs and
 * counts the Clojure suites (including test.check properties) and fails on any failure.
 */
class ClojureTestsTest {
  private static final IFn REQUIRE = Clojure.var("clojure.core", "require");

  private static IFn bridge(String name) {
    REQUIRE.invoke(Clojure.read("coedit.junit-bridge"));
    return Clojure.var("coedit.junit-bridge", name);
  }

  @TestFactory
  Stream<DynamicNode> clojureTests() {
    List<?> namespaces = (List<?>) bridge("test-namespaces").invoke("test/clj");
    return namespaces.stream().map(ns -> {
      List<?> vars = (List<?>) bridge("test-vars").invoke(ns);
      return DynamicContainer.dynamicContainer(ns.toString(),
          vars.stream().map(v -> DynamicTest.dynamicTest(((Var) v).sym.toString(), () -> run((Var) v))));
    });
  }

  private static void run(Var testVar) {
    Map<?, ?> result = (Map<?, ?>) bridge("run-var").invoke(testVar);
    String out = (String) result.get(Clojure.read(":out"));
    if (!out.isBlank()) System.out.print(out);
    long failures = ((Number) result.get(Clojure.read(":fail"))).longValue()
        + ((Number) result.get(Clojure.read(":error"))).longValue();
    if (failures > 0) fail(testVar + " had " + failures + " failing assertion(s):\n" + out);
    Object skipped = result.get(Clojure.read(":skipped"));
    if (skipped != null) Assumptions.abort(String.valueOf(skipped));
  }
}
