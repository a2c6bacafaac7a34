package io.moraine.ingest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Module rules: packages free of cycles; only the JDK, JSpecify, moraine-core, SLF4J and
 * aircompressor (snappy) are used.
 */
class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.moraine.ingest");

  @Test
  void noPackageCycles() {
    slices().matching("io.moraine.ingest.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void usesOnlyTheJdkCoreAndChosenLibraries() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "io.moraine.ingest..",
            "io.moraine.core..",
            "java..",
            "org.jspecify..",
            "org.slf4j..",
            "com.fasterxml.jackson..",
            "io.airlift.compress..",
            "javax.net.ssl..")
        .check(CLASSES);
  }

  @Test
  void importsTheModule() {
    org.assertj.core.api.Assertions.assertThat(CLASSES.size()).isGreaterThan(5);
  }
}
