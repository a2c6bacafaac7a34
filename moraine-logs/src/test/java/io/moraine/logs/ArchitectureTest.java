package io.moraine.logs;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Module rules: packages free of cycles; only the JDK, JSpecify, moraine-core, SLF4J, Jackson's
 * streaming core (push bodies, the json stage) and aircompressor (zstd blocks, snappy bodies).
 */
class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.moraine.logs");

  @Test
  void noPackageCycles() {
    slices().matching("io.moraine.logs.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void usesOnlyTheJdkCoreAndChosenLibraries() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "io.moraine.logs..",
            "io.moraine.core..",
            "java..",
            "org.jspecify..",
            "org.slf4j..",
            "com.fasterxml.jackson.core..",
            "io.airlift.compress..")
        .check(CLASSES);
  }

  @Test
  void importsTheModule() {
    org.assertj.core.api.Assertions.assertThat(CLASSES.size()).isGreaterThan(5);
  }
}
