package io.moraine.graph;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Module rules: packages free of cycles; only the JDK, JSpecify, moraine-core, moraine-kube's
 * {@code model} (never fabric8 or the watcher), SLF4J and Apache Jena.
 */
class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.moraine.graph");

  @Test
  void noPackageCycles() {
    slices().matching("io.moraine.graph.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void usesOnlyTheJdkCoreAndChosenLibraries() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "io.moraine.graph..",
            "io.moraine.core..",
            "io.moraine.kube.model..",
            "java..",
            "org.jspecify..",
            "org.slf4j..",
            "org.apache.jena..")
        .check(CLASSES);
  }

  @Test
  void importsTheModule() {
    org.assertj.core.api.Assertions.assertThat(CLASSES.size()).isGreaterThan(1);
  }
}
