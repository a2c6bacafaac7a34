package io.moraine.bench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Benchmarks measure Moraine's own code with JMH and the shared test data: nothing else creeps in,
 * and every JMH entry point sits in a class named after what it measures.
 */
class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.moraine.bench");

  @Test
  void importsTheModule() {
    assertThat(CLASSES.size()).isGreaterThan(5);
  }

  @Test
  void benchmarksLiveInBenchmarkClasses() {
    methods()
        .that()
        .areAnnotatedWith(Benchmark.class)
        .should()
        .beDeclaredInClassesThat()
        .haveSimpleNameEndingWith("Benchmark")
        .check(CLASSES);
  }

  @Test
  void usesOnlyMoraineTheJdkAndJmh() {
    classes()
        .that()
        .resideInAPackage("io.moraine.bench") // not JMH's generated jmh_generated package
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "io.moraine..", "java..", "org.openjdk.jmh..", "org.jspecify..", "org.roaringbitmap..")
        .check(CLASSES);
  }

  /** The corpus and push tools run outside JMH; the package's benchmarks may use JMH too. */
  @Test
  void logToolsUseOnlyMoraineTheJdkAndAircompressor() {
    classes()
        .that()
        .resideInAPackage("io.moraine.bench.logs")
        .and()
        .haveSimpleNameNotEndingWith("Benchmark")
        .and()
        .haveNameNotMatching(".*Benchmark\\$.*")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("io.moraine..", "java..", "org.jspecify..", "io.airlift.compress..")
        .check(CLASSES);
  }

  /** The graph figures tools run the real graph: Jena besides Moraine. */
  @Test
  void graphToolsUseOnlyMoraineTheJdkAndJena() {
    classes()
        .that()
        .resideInAPackage("io.moraine.bench.graph")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("io.moraine..", "java..", "org.jspecify..", "org.apache.jena..")
        .check(CLASSES);
  }
}
