package io.moraine.logs.logql.pipeline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code | json} without parameters: every scalar field becomes a label, nested object names joined
 * with {@code _}, arrays and nulls skipped; names sanitised, {@code _extracted} on a clash with a
 * stream label. Malformed JSON sets {@code __error__="JSONParserErr"} with the parser's message in
 * {@code __error_details__} and keeps the labels found before the error.
 */
final class JsonStage implements CompiledStage {
  static final String JSON_ERR = "JSONParserErr";

  private final JsonFactory factory;

  JsonStage(JsonFactory factory) {
    this.factory = factory;
  }

  @Override
  public StageRunner newRunner() {
    return new Runner(factory);
  }

  private static final class Runner implements StageRunner {
    private final JsonFactory factory;
    private final StringBuilder prefix = new StringBuilder(64);

    /** Raw dotted key paths to their label names, per stream (clashes depend on the stream). */
    private final Map<String, String> names = new HashMap<>();

    Runner(JsonFactory factory) {
      this.factory = factory;
    }

    @Override
    public boolean process(Entry e) {
      try (JsonParser p = factory.createParser(e.line, e.offset, e.length)) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
          e.labels.setError(JSON_ERR, "expecting json object, but it is not");
          return true;
        }
        prefix.setLength(0);
        object(p, e.labels);
      } catch (JsonProcessingException ex) {
        e.labels.setError(JSON_ERR, ex.getOriginalMessage());
      } catch (IOException ex) {
        e.labels.setError(JSON_ERR, String.valueOf(ex.getMessage()));
      }
      return true;
    }

    private void object(JsonParser p, LabelState labels) throws IOException {
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
        if (t == null) {
          throw new IOException("unexpected end of JSON input");
        }
        String key = p.currentName();
        t = p.nextToken();
        switch (t) {
          case START_OBJECT -> {
            int len = prefix.length();
            appendKey(key);
            object(p, labels);
            prefix.setLength(len);
          }
          case START_ARRAY -> p.skipChildren();
          case VALUE_STRING -> labels.set(name(key, labels), JsonValues.string(p));
          case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> labels.set(name(key, labels), p.getText());
          case VALUE_TRUE -> labels.set(name(key, labels), "true");
          case VALUE_FALSE -> labels.set(name(key, labels), "false");
          case null -> throw new IOException("unexpected end of JSON input");
          default -> {}
        }
      }
    }

    private void appendKey(String key) {
      if (!prefix.isEmpty()) {
        prefix.append('_');
      }
      prefix.append(LabelNames.sanitize(key, prefix.isEmpty()));
    }

    private String name(String key, LabelState labels) {
      int len = prefix.length();
      appendKey(key);
      String raw = prefix.toString();
      prefix.setLength(len);
      String name = names.get(raw);
      if (name == null) {
        name = LabelNames.deduplicated(raw, labels);
        if (names.size() < 10_000) {
          names.put(raw, name);
        }
      }
      return name;
    }
  }
}
