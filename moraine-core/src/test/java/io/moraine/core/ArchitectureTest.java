package io.moraine.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Layer 0: the JDK (javax.net.ssl included) and JSpecify only; packages free of cycles. */
class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.moraine.core");

  @Test
  void importsTheModule() {
    assertThat(CLASSES.size()).isGreaterThan(20);
  }

  @Test
  void noPackageCycles() {
    slices().matching("io.moraine.core.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void usesOnlyTheJdk() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("io.moraine.core..", "java..", "javax.net.ssl..", "org.jspecify..")
        .check(CLASSES);
  }
}
