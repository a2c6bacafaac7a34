package io.moraine.server.api.push;

import io.moraine.core.labels.LabelValidation;
import io.moraine.ingest.push.GroupingKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.TreeMap;

/**
 * The grouping key of a push path, as Pushgateway reads it: {@code /metrics/job/<job>} or {@code
 * /metrics/job@base64/<b64>}, then {@code /<label>/<value>} pairs where {@code <label>@base64}
 * takes a base64url value (padding optional; {@code =} alone is the empty value). Stateless.
 */
final class PushPath {
  static final String PLAIN = "/metrics/job/";
  static final String BASE64 = "/metrics/job@base64/";

  private PushPath() {}

  /**
   * The key of a decoded request path starting with {@link #PLAIN} or {@link #BASE64}.
   *
   * @throws IllegalArgumentException with Pushgateway's message
   */
  static GroupingKey parse(String path) {
    boolean b64 = path.startsWith(BASE64);
    String rest = path.substring(b64 ? BASE64.length() : PLAIN.length());
    int slash = rest.indexOf('/');
    String job = slash < 0 ? rest : rest.substring(0, slash);
    String labels = slash < 0 ? "" : rest.substring(slash);
    if (b64) {
      String raw = job;
      try {
        job = decode(raw);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "invalid base64 encoding in job name \"" + raw + "\": " + e.getMessage(), e);
      }
    }
    TreeMap<String, String> key = splitLabels(labels);
    if (job.isEmpty()) {
      throw new IllegalArgumentException("job name is required");
    }
    key.put("job", job);
    return new GroupingKey(key);
  }

  private static TreeMap<String, String> splitLabels(String labels) {
    TreeMap<String, String> out = new TreeMap<>();
    if (labels.length() <= 1) {
      return out;
    }
    String[] parts = labels.substring(1).split("/", -1);
    if (parts.length % 2 != 0) {
      throw new IllegalArgumentException(
          "odd number of components in label string \"" + labels + "\"");
    }
    for (int i = 0; i < parts.length; i += 2) {
      String name = parts[i];
      boolean encoded = name.endsWith("@base64");
      String trimmed = encoded ? name.substring(0, name.length() - "@base64".length()) : name;
      if (!LabelValidation.isValidLabelName(trimmed) || trimmed.startsWith("__")) {
        throw new IllegalArgumentException("improper label name \"" + trimmed + "\"");
      }
      String value = parts[i + 1];
      if (encoded) {
        try {
          value = decode(value);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "invalid base64 encoding for label "
                  + trimmed
                  + "=\""
                  + value
                  + "\": "
                  + e.getMessage(),
              e);
        }
      }
      out.put(trimmed, value);
    }
    return out;
  }

  /** base64url without padding after trailing {@code =} are dropped, as Pushgateway decodes. */
  static String decode(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '=') {
      end--;
    }
    return new String(Base64.getUrlDecoder().decode(s.substring(0, end)), StandardCharsets.UTF_8);
  }
}
