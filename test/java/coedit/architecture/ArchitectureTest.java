package coedit.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering rules of docs/architecture.md, checked over the library's own classes (not
 * the tests'): a wrong import fails the build here.
 */
class ArchitectureTest {
  private static final LayeringRules RULES = new LayeringRules("coedit");
  private static JavaClasses library;

  @BeforeAll
  static void importLibrary() {
    library = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
        .importPackages("coedit");
  }

  @Test
  void theOtCoreDependsOnNothingOfCoedit() {
    RULES.otIsPure().check(library);
  }

  @Test
  void theEngineDependsOnNoModuleServerClientOrTool() {
    RULES.engineKnowsNoModule().check(library);
  }

  @Test
  void modulesUseOnlyTheEngineApi() {
    RULES.modulesUseOnlyTheEngineApi().check(library);
  }

  @Test
  void theWireProtocolDependsOnlyOnOt() {
    RULES.protocolIsShared().check(library);
  }

  @Test
  void theClientDoesNotDependOnTheServer() {
    RULES.clientIsNotTheServer().check(library);
  }

  @Test
  void noProductPackageDependsOnTheTools() {
    RULES.productDoesNotUseTools().check(library);
  }

  @Test
  void theRuntimesDoNotDependOnEachOther() {
    RULES.runtimesAreIndependent().check(library);
    RULES.embeddedKnowsNoKafka().check(library);
  }

  @Test
  void thereAreNoPackageCycles() {
    RULES.noPackageCycles().check(library);
  }
}
