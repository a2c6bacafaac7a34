package io.moraine.ingest.otlp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What became of one request's data points: how many were received, and which were rejected by
 * reason, with the first message of each reason. Not thread-safe; one per request.
 */
final class Tally {
  private long received;
  private long rejected;
  private final Map<String, long[]> byReason = new LinkedHashMap<>();
  private final Map<String, String> firstMessage = new LinkedHashMap<>();
  private final Map<String, Long> targetInfoRejected = new LinkedHashMap<>();

  void received(long points) {
    received += points;
  }

  /** Counts {@code points} data points not stored for {@code reason}. */
  void reject(String reason, long points, String message) {
    if (points <= 0) {
      return;
    }
    rejected += points;
    byReason.computeIfAbsent(reason, r -> new long[1])[0] += points;
    firstMessage.putIfAbsent(reason, message);
  }

  /**
   * Counts a {@code target_info} sample the store refused: under its reason for the self metrics,
   * but not as a data point of the request (the client sent no such point).
   */
  void rejectTargetInfo(String reason) {
    targetInfoRejected.merge(reason, 1L, Long::sum);
  }

  /** Refused {@code target_info} samples by reason. */
  Map<String, Long> targetInfoRejected() {
    return targetInfoRejected;
  }

  long received() {
    return received;
  }

  long rejected() {
    return rejected;
  }

  /** Rejected points by reason, in the order the reasons first occurred. */
  Map<String, Long> rejectedByReason() {
    Map<String, Long> out = new LinkedHashMap<>();
    byReason.forEach((k, v) -> out.put(k, v[0]));
    return out;
  }

  /** A message naming each reason with its count and first detail; empty when nothing failed. */
  String message() {
    if (rejected == 0) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    sb.append("rejected ").append(rejected).append(" of ").append(received).append(" data points");
    String sep = ": ";
    for (Map.Entry<String, long[]> e : byReason.entrySet()) {
      sb.append(sep).append(e.getValue()[0]).append(' ').append(e.getKey());
      sb.append(" (").append(firstMessage.get(e.getKey())).append(')');
      sep = "; ";
    }
    return sb.toString();
  }
}
