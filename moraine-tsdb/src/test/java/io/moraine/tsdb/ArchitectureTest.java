package io.moraine.tsdb;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Module rules: layer 1 uses only core and its chosen libraries; packages are free of cycles; the
 * pure stages stay pure (chunk encodings and records touch no files; the query path never writes).
 */
class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.moraine.tsdb");

  @Test
  void importsTheModule() {
    assertThat(CLASSES.size()).isGreaterThan(50);
  }

  @Test
  void noPackageCycles() {
    slices().matching("io.moraine.tsdb.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void usesOnlyCoreAndItsLibraries() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "io.moraine.tsdb..",
            "io.moraine.core..",
            "java..",
            "org.jspecify..",
            "org.roaringbitmap..",
            "org.slf4j..")
        .check(CLASSES);
  }

  @Test
  void encodingsKnowNothingOfFilesOrTheStore() {
    noClasses()
        .that()
        .resideInAnyPackage("io.moraine.tsdb.chunk..", "io.moraine.tsdb.record..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.nio.file..", "java.nio.channels..", "io.moraine.tsdb.head..", "io.moraine.tsdb")
        .check(CLASSES);
  }

  @Test
  void nothingReadsTheSystemClockButTheDefaultClock() {
    noClasses().should().callMethod(System.class, "currentTimeMillis").check(CLASSES);
  }
}
