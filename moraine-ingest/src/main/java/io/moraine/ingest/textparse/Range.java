package io.moraine.ingest.textparse;

/**
 * A byte range {@code [start, end)} of an input that starts at the beginning of a line and ends
 * just after a line break or at the end of the input.
 */
public record Range(long start, long end) {
  public Range {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad range [" + start + ", " + end + ")");
    }
  }

  public long size() {
    return end - start;
  }
}
