package io.moraine.ingest.textparse;

import java.lang.foreign.MemorySegment;

/**
 * Checks and drops an exemplar ({@code # {trace_id="a"} 0.5 [1700000000.1]}) after a sample:
 * promtool reads exemplars but does not import them, so a malformed one is still an error.
 * Stateless; works on its parser's buffers.
 */
final class ExemplarReader {
  private ExemplarReader() {}

  /**
   * @param p the position of the space before {@code "# {"}
   * @return the position after the line's {@code '\n'}
   */
  static long skip(OpenMetricsParser parser, long p) {
    MemorySegment in = parser.input();
    long limit = parser.limit();
    ErrorLocator errors = parser.errors();
    LabelListReader list = parser.labelList();
    p = list.read(p + 4, limit, true);
    for (int i = 0; i < list.count; i++) {
      if (!Utf8.isValid(in, list.valueStart(i), list.valueEnd(i))) {
        throw errors.at(list.valueStart(i), "invalid UTF-8 in exemplar label value");
      }
    }
    if (p >= limit || in.get(Scan.BYTE, p) != ' ') {
      throw errors.at(p, "expected ' ' and a value after exemplar labels");
    }
    long valueEnd = parser.tokenEnd(p + 1);
    parser.number(p + 1, valueEnd, "exemplar value");
    p = valueEnd;
    if (p < limit && in.get(Scan.BYTE, p) == ' ') {
      long tsEnd = parser.tokenEnd(p + 1);
      double ts = parser.number(p + 1, tsEnd, "exemplar timestamp");
      if (Double.isNaN(ts) || Double.isInfinite(ts)) {
        throw errors.at(p + 1, "invalid exemplar timestamp " + errors.excerpt(p + 1, tsEnd));
      }
      p = tsEnd;
    }
    if (p >= limit) {
      throw errors.at(p, "data does not end with # EOF");
    }
    if (in.get(Scan.BYTE, p) != '\n') {
      throw errors.at(p, "expected end of line after exemplar");
    }
    return p + 1;
  }
}
