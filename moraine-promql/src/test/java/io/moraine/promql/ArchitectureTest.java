package io.moraine.promql;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Module rules: layer 1 uses only core; packages are free of cycles; the pipeline stages stay apart
 * (the AST and the parser know nothing of evaluation).
 */
class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.moraine.promql");

  @Test
  void importsTheModule() {
    assertThat(CLASSES.size()).isGreaterThan(20);
  }

  @Test
  void noPackageCycles() {
    slices().matching("io.moraine.promql.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void usesOnlyCore() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("io.moraine.promql..", "io.moraine.core..", "java..", "org.jspecify..")
        .check(CLASSES);
  }

  @Test
  void theSyntaxKnowsNothingOfEvaluation() {
    noClasses()
        .that()
        .resideInAnyPackage("io.moraine.promql.ast..", "io.moraine.promql.parser..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.moraine.promql.engine..", "io.moraine.promql.script..")
        .check(CLASSES);
  }

  @Test
  void nothingReadsTheSystemClock() {
    noClasses().should().callMethod(System.class, "currentTimeMillis").check(CLASSES);
  }
}
