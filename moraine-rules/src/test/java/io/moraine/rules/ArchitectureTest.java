package io.moraine.rules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Module rules: layer 2 uses core, promql and its chosen libraries; packages are free of cycles;
 * nothing reads the system clock.
 */
class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.moraine.rules");

  @Test
  void importsTheModule() {
    assertThat(CLASSES.size()).isGreaterThan(10);
  }

  @Test
  void noPackageCycles() {
    slices().matching("io.moraine.rules.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void usesOnlyCorePromqlAndItsLibraries() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "io.moraine.rules..",
            "io.moraine.core..",
            "io.moraine.promql..",
            "java..",
            "javax.net..",
            "org.jspecify..",
            "org.slf4j..",
            "com.fasterxml.jackson.core..")
        .check(CLASSES);
  }

  @Test
  void nothingReadsTheSystemClock() {
    noClasses().should().callMethod(System.class, "currentTimeMillis").check(CLASSES);
  }
}
