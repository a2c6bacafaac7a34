package io.moraine.promql.ast;

/**
 * Where a node sits in the query text: {@code [start, end)} as UTF-16 offsets into the query
 * string. The parser turns an offset into Prometheus's {@code line:column} for messages.
 */
public record PosRange(int start, int end) {
  public static final PosRange NONE = new PosRange(0, 0);
}
