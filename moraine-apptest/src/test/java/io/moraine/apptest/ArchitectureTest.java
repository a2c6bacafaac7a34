package io.moraine.apptest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Application tests drive the system from outside: through the store's public entry point and the
 * core SPI, never through the store's internals, so they test what a user or an operator sees.
 */
class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
          .importPackages("io.moraine.apptest");

  @Test
  void importsTheTests() {
    assertThat(CLASSES.size()).isGreaterThan(2);
  }

  @Test
  void storeInternalsStayOutOfApplicationTests() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.moraine.tsdb.head..",
            "io.moraine.tsdb.wal..",
            "io.moraine.tsdb.chunk..",
            "io.moraine.tsdb.chunkfile..",
            "io.moraine.tsdb.index..",
            "io.moraine.tsdb.query..",
            "io.moraine.tsdb.compact..")
        .check(CLASSES);
  }
}
