package io.moraine.logs.push;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The parts of an OTLP {@code ExportLogsServiceRequest} that Loki maps, read from protobuf or JSON.
 * Attribute values are {@code String}, {@code Boolean}, {@code Long}, {@code Double}, {@code
 * byte[]}, {@code List<Object>} (array) or {@link KvList}.
 */
final class OtlpModel {
  private OtlpModel() {}

  record Attr(String key, @Nullable Object value) {}

  record KvList(List<Attr> values) {}

  record Resource(List<Attr> attributes, List<Scope> scopes) {}

  record Scope(
      String name, String version, List<Attr> attributes, long dropped, List<Rec> records) {}

  record Rec(
      long timeNanos,
      long observedNanos,
      int severityNumber,
      String severityText,
      @Nullable Object body,
      List<Attr> attributes,
      long dropped,
      long flags,
      byte[] traceId,
      byte[] spanId) {}
}
