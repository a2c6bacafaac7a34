package io.moraine.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Package rules of moraine-server, checked on the main classes. */
@AnalyzeClasses(
    packages = "io.moraine.server",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("io.moraine.server.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule onlyConfigAndCliReadYaml =
      noClasses()
          .that()
          .resideOutsideOfPackages("io.moraine.server.config..", "io.moraine.server.cli..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("com.fasterxml.jackson.dataformat.yaml..", "org.yaml.snakeyaml..")
          .because("configuration is read in one place (CONVENTIONS.md 7)");

  @ArchTest
  static final ArchRule timeComesFromAClock =
      noClasses()
          .should()
          .callMethod(System.class, "currentTimeMillis")
          .orShould()
          .callMethod(System.class, "nanoTime")
          .because("components take an io.moraine.core.time.Clock (CONVENTIONS.md 8)");

  @ArchTest
  static final ArchRule noSystemOutOutsideCli =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.moraine.server.cli..")
          .should()
          .accessField(System.class, "out")
          .because("only command output goes to stdout; logs go through SLF4J to stderr");
}
