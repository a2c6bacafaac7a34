package io.moraine.testkit.storage;

import io.moraine.core.labels.Labels;
import io.moraine.core.storage.Appender;
import io.moraine.core.storage.Storage;
import java.util.List;

/** The series that the select and label contracts query. */
final class SelectFixture {
  private SelectFixture() {}

  static final Labels API_FOO =
      Labels.of("__name__", "m", "job", "api", "instance", "a:1", "path", "/foo");
  static final Labels API_FOOBAR =
      Labels.of("__name__", "m", "job", "api", "instance", "a:2", "path", "/foobar");
  static final Labels DB = Labels.of("__name__", "m", "job", "db", "instance", "b:1");
  static final Labels WEB =
      Labels.of(
          "__name__", "m", "job", "web", "instance", "c:1", "path", "/foo/bar", "env", "prod");
  static final Labels OTHER = Labels.of("__name__", "other", "job", "api");

  /** Commits one sample at t=1000 for each fixture series, in no particular order. */
  static void commitAll(Storage storage) {
    Appender app = storage.appender();
    for (Labels l : List.of(WEB, OTHER, DB, API_FOOBAR, API_FOO)) {
      app.append(l, 1000, 1);
    }
    app.commit();
  }
}
