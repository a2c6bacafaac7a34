package io.moraine.logs.logql.pipeline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code | unpack}: Promtail's packed JSON. Top-level string fields become labels ({@code
 * _extracted} on a clash, names not sanitised), {@code _entry} becomes the line; other values are
 * ignored. A line that is not an object sets {@code JSONParserErr}.
 */
final class UnpackStage implements CompiledStage {
  static final String PACKED_ENTRY = "_entry";

  private final JsonFactory factory;

  UnpackStage(JsonFactory factory) {
    this.factory = factory;
  }

  @Override
  public StageRunner newRunner() {
    return new Runner();
  }

  private final class Runner implements StageRunner {
    private byte[] out = new byte[256];

    @Override
    public boolean process(Entry e) {
      if (e.length == 0) {
        return true;
      }
      if (e.line[e.offset] != '{') {
        e.labels.setError(JsonStage.JSON_ERR, "expecting json object(6), but it is not");
        return true;
      }
      String entry = null;
      try (JsonParser p = factory.createParser(e.line, e.offset, e.length)) {
        p.nextToken();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          t = p.nextToken();
          if (t == JsonToken.VALUE_STRING) {
            if (key.equals(PACKED_ENTRY)) {
              entry = p.getText();
            } else {
              e.labels.set(LabelNames.deduplicated(key, e.labels), JsonValues.string(p));
            }
          } else {
            p.skipChildren();
          }
        }
        if (t != JsonToken.END_OBJECT) {
          throw new IOException("unexpected end of JSON input");
        }
      } catch (JsonProcessingException ex) {
        e.labels.setError(JsonStage.JSON_ERR, ex.getOriginalMessage());
        return true;
      } catch (IOException ex) {
        e.labels.setError(JsonStage.JSON_ERR, String.valueOf(ex.getMessage()));
        return true;
      }
      if (entry != null) {
        byte[] b = entry.getBytes(StandardCharsets.UTF_8);
        if (out.length < b.length) {
          out = new byte[b.length];
        }
        System.arraycopy(b, 0, out, 0, b.length);
        e.setLine(out, 0, b.length);
      }
      return true;
    }
  }
}
