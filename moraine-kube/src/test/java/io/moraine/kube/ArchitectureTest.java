package io.moraine.kube;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Module rules: packages free of cycles; only the JDK, JSpecify, moraine-core, SLF4J and the
 * fabric8 Kubernetes client are used.
 */
class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.moraine.kube");

  @Test
  void noPackageCycles() {
    slices().matching("io.moraine.kube.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void usesOnlyTheJdkCoreAndChosenLibraries() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "io.moraine.kube..",
            "io.moraine.core..",
            "java..",
            "org.jspecify..",
            "org.slf4j..",
            "io.fabric8.kubernetes..")
        .check(CLASSES);
  }

  @Test
  void importsTheModule() {
    org.assertj.core.api.Assertions.assertThat(CLASSES.size()).isGreaterThan(10);
  }
}
