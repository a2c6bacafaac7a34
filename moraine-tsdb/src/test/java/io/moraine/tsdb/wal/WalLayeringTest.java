package io.moraine.tsdb.wal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The byte log knows nothing of samples; records know nothing of files (CONVENTIONS.md §10). */
class WalLayeringTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.moraine.tsdb.wal", "io.moraine.tsdb.record");

  @Test
  void walDoesNotKnowRecords() {
    noClasses()
        .that()
        .resideInAPackage("io.moraine.tsdb.wal..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.moraine.tsdb.record..")
        .check(CLASSES);
  }

  @Test
  void recordsDoNotKnowFilesOrTheWal() {
    noClasses()
        .that()
        .resideInAPackage("io.moraine.tsdb.record..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.moraine.tsdb.wal..", "java.nio.file..", "java.nio.channels..", "java.io..")
        .check(CLASSES);
  }
}
