package io.moraine.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Package rules of moraine-testkit: no cycles, and nothing but core from Moraine. */
@AnalyzeClasses(
    packages = "io.moraine.testkit",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule noCycles =
      slices().matching("io.moraine.testkit.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule onlyCore =
      noClasses()
          .that()
          .resideInAPackage("io.moraine.testkit..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.moraine.tsdb..", "io.moraine.server..", "io.moraine.promql..");

  @ArchTest
  static final ArchRule packagesAreIndependent =
      slices().matching("io.moraine.testkit.(*)..").should().notDependOnEachOther();
}
