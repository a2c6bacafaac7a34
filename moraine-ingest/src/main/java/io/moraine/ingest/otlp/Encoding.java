package io.moraine.ingest.otlp;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The two encodings of OTLP/HTTP, by their {@code Content-Type}. */
public enum Encoding {
  /** {@code application/x-protobuf}: binary protobuf. */
  PROTOBUF("application/x-protobuf"),
  /** {@code application/json}: the protobuf JSON mapping as OTLP/JSON restricts it. */
  JSON("application/json");

  private final String mediaType;

  Encoding(String mediaType) {
    this.mediaType = mediaType;
  }

  /** The media type, without parameters. */
  public String mediaType() {
    return mediaType;
  }

  /**
   * The encoding of a {@code Content-Type} header value (parameters such as {@code charset} are
   * ignored, case does not matter), or null for any other type.
   */
  public static @Nullable Encoding ofContentType(@Nullable String contentType) {
    if (contentType == null) {
      return null;
    }
    int semi = contentType.indexOf(';');
    String type = (semi < 0 ? contentType : contentType.substring(0, semi)).strip();
    type = type.toLowerCase(Locale.ROOT);
    for (Encoding e : values()) {
      if (e.mediaType.equals(type)) {
        return e;
      }
    }
    return null;
  }
}
