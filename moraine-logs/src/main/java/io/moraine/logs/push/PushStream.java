package io.moraine.logs.push;

import io.moraine.core.labels.Labels;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * One stream of a decoded push: its labels as sent (not yet validated) and its entries, kept
 * compact: timestamps in a {@code long[]}, lines as slices of the batch's {@link PushBatch#data()},
 * structured metadata per entry. Written by one decoder, then read-only; safe to read from any
 * thread once the batch is published.
 */
public final class PushStream {
  private @Nullable String labelsText;
  private String @Nullable [] labelPairs;
  private long[] timestampsNanos = new long[8];
  private int[] lineOffsets = new int[8];
  private int[] lineLengths = new int[8];
  private Labels @Nullable [] metadata;
  private int size;

  private PushStream(@Nullable String labelsText, String @Nullable [] labelPairs) {
    this.labelsText = labelsText;
    this.labelPairs = labelPairs;
  }

  /** A stream whose labels came as Loki's text form, e.g. {@code {app="api", env="prod"}}. */
  static PushStream ofText(String labelsText) {
    return new PushStream(labelsText, null);
  }

  /** A stream whose labels came as name/value pairs (JSON object, OTLP), in the order sent. */
  static PushStream ofPairs(String[] namesAndValues) {
    return new PushStream(null, namesAndValues);
  }

  /** The labels as Loki's text form, as sent, or {@code null} when they came as pairs. */
  public @Nullable String labelsText() {
    return labelsText;
  }

  /** Label names and values alternating, as sent, or {@code null} when they came as text. */
  public String @Nullable [] labelPairs() {
    return labelPairs;
  }

  /** Number of entries. */
  public int size() {
    return size;
  }

  /** Time of entry {@code i} in nanoseconds since the epoch. */
  public long timestampNanos(int i) {
    return timestampsNanos[i];
  }

  /** Offset of entry {@code i}'s UTF-8 line in {@link PushBatch#data()}. */
  public int lineOffset(int i) {
    return lineOffsets[i];
  }

  /** Length in bytes of entry {@code i}'s line. */
  public int lineLength(int i) {
    return lineLengths[i];
  }

  /** Structured metadata of entry {@code i}; {@link Labels#EMPTY} when none. */
  public Labels metadata(int i) {
    Labels[] m = metadata;
    if (m == null) {
      return Labels.EMPTY;
    }
    Labels l = m[i];
    return l == null ? Labels.EMPTY : l;
  }

  /** Sets the text labels (protobuf may send them after the entries). */
  void labelsText(String text) {
    this.labelsText = text;
    this.labelPairs = null;
  }

  /** Sets the labels as pairs (JSON may send them after the entries). */
  void labelPairs(String[] namesAndValues) {
    this.labelPairs = namesAndValues;
    this.labelsText = null;
  }

  /** Appends an entry; {@code meta} may be {@link Labels#EMPTY}. */
  void add(long timestampNanos, int lineOffset, int lineLength, Labels meta) {
    if (size == timestampsNanos.length) {
      int n = size * 2;
      timestampsNanos = Arrays.copyOf(timestampsNanos, n);
      lineOffsets = Arrays.copyOf(lineOffsets, n);
      lineLengths = Arrays.copyOf(lineLengths, n);
      if (metadata != null) {
        metadata = Arrays.copyOf(metadata, n);
      }
    }
    timestampsNanos[size] = timestampNanos;
    lineOffsets[size] = lineOffset;
    lineLengths[size] = lineLength;
    if (!meta.isEmpty()) {
      if (metadata == null) {
        metadata = new Labels[timestampsNanos.length];
      }
      metadata[size] = meta;
    }
    size++;
  }

  /** Shortens the line of entry {@code i} (truncation to the line size limit). */
  void truncateLine(int i, int length) {
    lineLengths[i] = length;
  }
}
