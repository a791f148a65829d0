package coedit.architecture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * Each layering rule fails on a class that breaks it. The fixtures under
 * {@code coedit.architecture.fixtures} mirror the library's package names (client, server,
 * ot, engine, editor, tools) and import what a rule forbids; the same rules, rooted there,
 * must report them.
 */
class ArchitectureRulesCanFailTest {
  private static final String ROOT = "coedit.architecture.fixtures";
  private static final LayeringRules RULES = new LayeringRules(ROOT);

  private static boolean violated(ArchRule rule, String... packages) {
    JavaClasses classes = new ClassFileImporter().importPackages(packages);
    return rule.evaluate(classes).hasViolation();
  }

  @Test
  void aClientClassImportingTheServerFailsTheClientRule() {
    assertTrue(violated(RULES.clientIsNotTheServer(), ROOT + ".client", ROOT + ".server"));
  }

  @Test
  void anOtClassImportingTheEngineFailsThePurityRule() {
    assertTrue(violated(RULES.otIsPure(), ROOT + ".ot", ROOT + ".engine"));
  }

  @Test
  void aProductClassImportingAToolFailsTheToolsRuleAndTheModuleRule() {
    assertTrue(violated(RULES.productDoesNotUseTools(), ROOT + ".editor", ROOT + ".tools"));
    assertTrue(violated(RULES.modulesUseOnlyTheEngineApi(), ROOT + ".editor", ROOT + ".tools"));
  }

  @Test
  void twoPackagesUsingEachOtherFailTheCycleRule() {
    assertTrue(violated(RULES.noPackageCycles(), ROOT + ".cycle"));
  }

  @Test
  void theRulesPassWhereNothingIsBroken() {
    LayeringRules clean = new LayeringRules(ROOT + ".clean");
    assertFalse(violated(clean.clientIsNotTheServer(), ROOT + ".clean"));
    assertFalse(violated(clean.protocolIsShared(), ROOT + ".clean"));
    assertFalse(violated(clean.noPackageCycles(), ROOT + ".clean"));
  }
}
