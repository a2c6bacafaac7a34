package io.moraine.logs.logql.pipeline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.moraine.logs.logql.ast.LabelExtraction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code | json a="b.c", d}: only the named paths. A found scalar sets its text, an object or array
 * its raw JSON, null ""; a path not found sets "" as Loki does. A line not starting with {@code {},
 * {@code [} or {@code "} sets {@code JSONParserErr}.
 */
final class JsonPathStage implements CompiledStage {
  private static final int MAX_PATHS = 64; // paths are tracked in a long bit set

  private final JsonFactory factory;
  private final String[] labels;
  private final JsonPath[] paths;

  JsonPathStage(JsonFactory factory, List<LabelExtraction> extractions) {
    if (extractions.size() > MAX_PATHS) {
      throw new IllegalArgumentException("json: at most " + MAX_PATHS + " parameters");
    }
    this.factory = factory;
    this.labels = new String[extractions.size()];
    this.paths = new JsonPath[extractions.size()];
    for (int i = 0; i < labels.length; i++) {
      LabelExtraction x = extractions.get(i);
      if (!LabelNames.isValid(x.label())) {
        throw new IllegalArgumentException("invalid extracted label name '" + x.label() + "'");
      }
      labels[i] = x.label();
      paths[i] = JsonPath.parse(x.expression());
    }
  }

  @Override
  public StageRunner newRunner() {
    return new Runner();
  }

  private final class Runner implements StageRunner {
    private final String[] found = new String[labels.length];

    @Override
    public boolean process(Entry e) {
      if (e.length == 0) {
        return true;
      }
      byte first = e.line[e.offset];
      if (first != '{' && first != '[' && first != '"') {
        e.labels.setError(JsonStage.JSON_ERR, null);
        return true;
      }
      java.util.Arrays.fill(found, null);
      long all = labels.length == 64 ? -1L : (1L << labels.length) - 1;
      try (JsonParser p = factory.createParser(e.line, e.offset, e.length)) {
        p.nextToken();
        value(p, e, 0, all);
      } catch (JsonProcessingException ex) {
        e.labels.setError(JsonStage.JSON_ERR, ex.getOriginalMessage());
      } catch (IOException ex) {
        e.labels.setError(JsonStage.JSON_ERR, String.valueOf(ex.getMessage()));
      }
      for (int i = 0; i < labels.length; i++) {
        String v = found[i];
        e.labels.set(LabelNames.deduplicated(labels[i], e.labels), v == null ? "" : v);
      }
      return true;
    }

    /** At a value token with {@code alive} paths matching up to {@code depth}. */
    private void value(JsonParser p, Entry e, int depth, long alive) throws IOException {
      JsonToken t = p.currentToken();
      long done = 0;
      for (int i = 0; i < paths.length; i++) {
        if ((alive & (1L << i)) != 0 && paths[i].segments().size() == depth) {
          done |= 1L << i;
        }
      }
      long deeper = alive & ~done;
      String text;
      if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
        long start = p.currentTokenLocation().getByteOffset();
        children(p, e, depth, deeper, t == JsonToken.START_OBJECT);
        if (done == 0) {
          return;
        }
        long end = p.currentLocation().getByteOffset();
        text =
            new String(
                e.line, (int) (e.offset + start), (int) (end - start), StandardCharsets.UTF_8);
      } else if (done == 0) {
        return;
      } else {
        text =
            t == JsonToken.VALUE_STRING
                ? JsonValues.string(p)
                : t == JsonToken.VALUE_NULL ? "" : p.getText();
      }
      for (int i = 0; i < paths.length; i++) {
        if ((done & (1L << i)) != 0) {
          found[i] = text;
        }
      }
    }

    private void children(JsonParser p, Entry e, int depth, long deeper, boolean object)
        throws IOException {
      if (deeper == 0) {
        p.skipChildren();
        return;
      }
      if (object) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          long next = select(deeper, depth, p.currentName());
          p.nextToken();
          descend(p, e, depth, next);
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
          throw new IOException("unexpected end of JSON input");
        }
        return;
      }
      int index = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        if (p.currentToken() == null) {
          throw new IOException("unexpected end of JSON input");
        }
        descend(p, e, depth, select(deeper, depth, index++));
      }
    }

    private void descend(JsonParser p, Entry e, int depth, long next) throws IOException {
      if (next == 0) {
        p.skipChildren();
      } else {
        value(p, e, depth + 1, next);
      }
    }

    private long select(long alive, int depth, Object segment) {
      long next = 0;
      for (int i = 0; i < paths.length; i++) {
        List<Object> segs = paths[i].segments();
        if ((alive & (1L << i)) != 0 && segs.size() > depth && segs.get(depth).equals(segment)) {
          next |= 1L << i;
        }
      }
      return next;
    }
  }
}
