package io.moraine.logs.logql.pipeline;

import io.moraine.core.labels.Labels;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * One stream's labels while an entry runs through the stages: the stream labels, plus labels set
 * and removed by stages, plus the error pair. Values may be empty while the entry is processed
 * (Loki distinguishes "present but empty" in filters); {@link #result()} drops them. Reused across
 * entries; not thread-safe.
 */
final class LabelState {
  static final String ERROR = "__error__";
  static final String ERROR_DETAILS = "__error_details__";
  static final String DUPLICATE_SUFFIX = "_extracted";

  private final Labels base;
  private final ResultCache cache = new ResultCache();
  private String[] addNames = new String[8];
  private String[] addValues = new String[8];
  private int adds;
  private String[] deleted = new String[4];
  private int deletes;
  private String error = "";
  private String errorDetails = "";
  private String[] buf = new String[16];

  LabelState(Labels base) {
    this.base = base;
  }

  void reset() {
    adds = 0;
    deletes = 0;
    error = "";
    errorDetails = "";
  }

  /** Adds structured metadata; a name that a stream label has gets {@code _extracted}. */
  void addMetadata(Labels metadata) {
    for (int i = 0; i < metadata.size(); i++) {
      String n = metadata.name(i);
      set(baseHas(n) ? n + DUPLICATE_SUFFIX : n, metadata.value(i));
    }
  }

  boolean baseHas(String name) {
    return base.get(name) != null;
  }

  /** The current value, or null when absent; {@code __error__} reads the error. */
  @Nullable String get(String name) {
    if (name.equals(ERROR)) {
      return error.isEmpty() ? null : error;
    }
    if (name.equals(ERROR_DETAILS)) {
      return errorDetails.isEmpty() ? null : errorDetails;
    }
    for (int i = 0; i < adds; i++) {
      if (addNames[i].equals(name)) {
        return addValues[i];
      }
    }
    for (int i = 0; i < deletes; i++) {
      if (deleted[i].equals(name)) {
        return null;
      }
    }
    return base.get(name);
  }

  void set(String name, String value) {
    if (name.equals(ERROR)) {
      error = value;
      return;
    }
    if (name.equals(ERROR_DETAILS)) {
      errorDetails = value;
      return;
    }
    for (int i = 0; i < adds; i++) {
      if (addNames[i].equals(name)) {
        addValues[i] = value;
        return;
      }
    }
    if (adds == addNames.length) {
      addNames = Arrays.copyOf(addNames, adds * 2);
      addValues = Arrays.copyOf(addValues, adds * 2);
    }
    addNames[adds] = name;
    addValues[adds++] = value;
  }

  void delete(String name) {
    if (name.equals(ERROR)) {
      error = "";
      return;
    }
    if (name.equals(ERROR_DETAILS)) {
      errorDetails = "";
      return;
    }
    for (int i = 0; i < adds; i++) {
      if (addNames[i].equals(name)) {
        System.arraycopy(addNames, i + 1, addNames, i, adds - i - 1);
        System.arraycopy(addValues, i + 1, addValues, i, adds - i - 1);
        adds--;
        break;
      }
    }
    if (base.get(name) != null) {
      if (deletes == deleted.length) {
        deleted = Arrays.copyOf(deleted, deletes * 2);
      }
      deleted[deletes++] = name;
    }
  }

  boolean hasError() {
    return !error.isEmpty();
  }

  void setError(String error, @Nullable String details) {
    this.error = error;
    if (details != null) {
      this.errorDetails = details;
    }
  }

  /**
   * Fills an internal buffer with the current labels sorted by name (empty values included when
   * {@code withEmpty}); returns the number of strings written (2 per label).
   */
  int materialize(boolean withEmpty) {
    int need = 2 * (base.size() + adds + 2);
    if (buf.length < need) {
      buf = new String[need];
    }
    int n = 0;
    outer:
    for (int i = 0; i < base.size(); i++) {
      String name = base.name(i);
      for (int j = 0; j < deletes; j++) {
        if (deleted[j].equals(name)) {
          continue outer;
        }
      }
      for (int j = 0; j < adds; j++) {
        if (addNames[j].equals(name)) {
          continue outer;
        }
      }
      buf[n++] = name;
      buf[n++] = base.value(i);
    }
    for (int j = 0; j < adds; j++) {
      if (withEmpty || !addValues[j].isEmpty()) {
        n = insertSorted(n, addNames[j], addValues[j]);
      }
    }
    if (!error.isEmpty()) {
      n = insertSorted(n, ERROR, error);
    }
    if (!errorDetails.isEmpty()) {
      n = insertSorted(n, ERROR_DETAILS, errorDetails);
    }
    return n;
  }

  private int insertSorted(int n, String name, String value) {
    int at = n;
    while (at > 0 && buf[at - 2].compareTo(name) > 0) {
      at -= 2;
    }
    System.arraycopy(buf, at, buf, at + 2, n - at);
    buf[at] = name;
    buf[at + 1] = value;
    return n + 2;
  }

  /** The buffer {@link #materialize} filled. */
  String[] buffer() {
    return buf;
  }

  /** The result labels; equal sets give the same instance for this state's lifetime. */
  Labels result() {
    if (adds == 0 && deletes == 0 && error.isEmpty() && errorDetails.isEmpty()) {
      return base;
    }
    int n = materialize(false);
    return cache.intern(buf, n);
  }
}
