package io.moraine.ingest.otlp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The bodies of OTLP/HTTP answers in either encoding: {@code ExportMetricsServiceResponse} (with
 * {@code partial_success} when points were rejected) and {@code google.rpc.Status} for refused
 * requests. Stateless and thread-safe.
 */
public final class OtlpResponses {
  /** {@code google.rpc.Code.INVALID_ARGUMENT}, for undecodable requests. */
  public static final int INVALID_ARGUMENT = 3;

  private OtlpResponses() {}

  /** An {@code ExportMetricsServiceResponse}; empty (the default message) on full success. */
  public static byte[] export(ExportResult result, Encoding encoding) {
    if (encoding == Encoding.JSON) {
      if (!result.partial()) {
        return "{}".getBytes(StandardCharsets.UTF_8);
      }
      return ("{\"partialSuccess\":{\"rejectedDataPoints\":\""
              + result.rejectedPoints()
              + "\",\"errorMessage\":"
              + jsonString(result.errorMessage())
              + "}}")
          .getBytes(StandardCharsets.UTF_8);
    }
    if (!result.partial()) {
      return new byte[0];
    }
    ByteArrayOutputStream partial = new ByteArrayOutputStream();
    tag(partial, 1, 0);
    varint(partial, result.rejectedPoints());
    bytesField(partial, 2, result.errorMessage().getBytes(StandardCharsets.UTF_8));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    bytesField(out, 1, partial.toByteArray());
    return out.toByteArray();
  }

  /** A {@code google.rpc.Status} with {@code code} and {@code message}, no details. */
  public static byte[] status(int code, String message, Encoding encoding) {
    if (encoding == Encoding.JSON) {
      return ("{\"code\":" + code + ",\"message\":" + jsonString(message) + "}")
          .getBytes(StandardCharsets.UTF_8);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    tag(out, 1, 0);
    varint(out, code);
    bytesField(out, 2, message.getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static void bytesField(ByteArrayOutputStream out, int field, byte[] b) {
    tag(out, field, 2);
    varint(out, b.length);
    out.writeBytes(b);
  }

  private static void tag(ByteArrayOutputStream out, int field, int wireType) {
    varint(out, ((long) field << 3) | wireType);
  }

  private static void varint(ByteArrayOutputStream out, long v) {
    long x = v;
    while ((x & ~0x7FL) != 0) {
      out.write((int) ((x & 0x7F) | 0x80));
      x >>>= 7;
    }
    out.write((int) x);
  }

  private static String jsonString(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2);
    AttributeValue.quote(sb, s);
    return sb.toString();
  }
}
