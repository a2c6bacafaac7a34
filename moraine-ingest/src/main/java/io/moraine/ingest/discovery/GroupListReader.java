package io.moraine.ingest.discovery;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.moraine.core.discovery.TargetGroup;
import io.moraine.core.labels.GoQuote;
import io.moraine.core.labels.LabelValidation;
import io.moraine.core.labels.Labels;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the file_sd format, {@code [{"targets": ["host:port", ...], "labels": {"name": "value"}}]},
 * as Prometheus's target-group decoding does: JSON field names match case-insensitively and unknown
 * fields are refused; YAML is strict (exact field names, no repeated keys) and takes any scalar as
 * a string; a null group is refused, null targets and labels are empty; every label name must be
 * valid. Stateless and thread-safe.
 */
final class GroupListReader {
  /** The two encodings; files pick one by extension, HTTP bodies are always JSON. */
  enum Format {
    JSON,
    YAML;

    /** The format for a file name by its extension, case-insensitively; null when neither. */
    static @Nullable Format ofFileName(String fileName) {
      String lower = fileName.toLowerCase(Locale.ROOT);
      if (lower.endsWith(".json")) {
        return JSON;
      }
      if (lower.endsWith(".yml") || lower.endsWith(".yaml")) {
        return YAML;
      }
      return null;
    }
  }

  private static final JsonFactory JSON_FACTORY = new JsonFactory();
  private static final YAMLFactory YAML_FACTORY = new YAMLFactory();

  private GroupListReader() {}

  /**
   * Decodes {@code content} into groups with sources {@code <sourcePrefix>:<index>}; each target
   * gets {@code __address__}, each group the label {@code metaName=metaValue} (over any label of
   * that name in the input).
   *
   * @throws TargetGroupFormatException naming the line, column and what was wrong
   */
  static List<TargetGroup> read(
      byte[] content, Format format, String sourcePrefix, String metaName, String metaValue)
      throws TargetGroupFormatException {
    String text = decode(content, format);
    List<RawGroup> raw;
    try (JsonParser p = (format == Format.JSON ? JSON_FACTORY : YAML_FACTORY).createParser(text)) {
      raw = new Walk(p, format).list();
    } catch (JsonProcessingException e) {
      throw new TargetGroupFormatException(at(e.getLocation()) + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new TargetGroupFormatException(String.valueOf(e.getMessage()), e);
    }
    List<TargetGroup> groups = new ArrayList<>(raw.size());
    for (int i = 0; i < raw.size(); i++) {
      groups.add(raw.get(i).toGroup(sourcePrefix + ":" + i, metaName, metaValue));
    }
    return groups;
  }

  /**
   * JSON as Go reads it, malformed UTF-8 replaced by U+FFFD; YAML must be well-formed UTF-8, as for
   * Go's YAML reader.
   */
  private static String decode(byte[] content, Format format) throws TargetGroupFormatException {
    if (format == Format.JSON) {
      return new String(content, StandardCharsets.UTF_8);
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content))
          .toString();
    } catch (CharacterCodingException e) {
      throw new TargetGroupFormatException("invalid UTF-8 in YAML input", e);
    }
  }

  private static String at(@Nullable JsonLocation loc) {
    if (loc == null || loc.getLineNr() < 1) {
      return "";
    }
    return "line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ": ";
  }

  /** One decoded group before it gets its source and meta label. */
  private record RawGroup(List<String> targets, Map<String, String> labels) {
    TargetGroup toGroup(String source, String metaName, String metaValue) {
      List<Labels> ts = new ArrayList<>(targets.size());
      for (String t : targets) {
        ts.add(Labels.of("__address__", t));
      }
      Labels.Builder b = Labels.builder();
      labels.forEach(b::add);
      b.add(metaName, metaValue);
      return new TargetGroup(source, ts, b.build());
    }
  }

  /** One pass over one parser. */
  private static final class Walk {
    private final JsonParser p;
    private final boolean json;

    Walk(JsonParser p, Format format) {
      this.p = p;
      this.json = format == Format.JSON;
    }

    List<RawGroup> list() throws IOException, TargetGroupFormatException {
      JsonToken t = p.nextToken();
      if (t == null) {
        if (json) {
          throw fail("unexpected end of JSON input");
        }
        return List.of();
      }
      List<RawGroup> groups = new ArrayList<>();
      if (t == JsonToken.START_ARRAY) {
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          if (t == JsonToken.VALUE_NULL) {
            throw fail("nil target group item found");
          }
          if (t != JsonToken.START_OBJECT) {
            throw fail("expected a target group (targets and labels), found " + describe(t));
          }
          groups.add(group());
        }
      } else if (t != JsonToken.VALUE_NULL) {
        throw fail("expected a list of target groups, found " + describe(t));
      }
      if (json && (t = p.nextToken()) != null) {
        throw fail("unexpected " + describe(t) + " after the list of target groups");
      }
      return groups;
    }

    private RawGroup group() throws IOException, TargetGroupFormatException {
      List<String> targets = List.of();
      Map<String, String> labels = Map.of();
      Set<String> seen = new HashSet<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        if (!json && !seen.add(name)) {
          throw fail("field " + name + " already set in target group");
        }
        boolean isTargets = matches(name, "targets");
        if (!isTargets && !matches(name, "labels")) {
          throw fail(
              json
                  ? "json: unknown field " + GoQuote.quote(name)
                  : "field " + name + " not found in target group");
        }
        p.nextToken();
        if (isTargets) {
          targets = targets();
        } else {
          labels = labels();
        }
      }
      return new RawGroup(targets, labels);
    }

    /** Go's JSON decoder folds case when matching field names; its YAML decoder does not. */
    private boolean matches(String name, String field) {
      return json ? name.equalsIgnoreCase(field) : name.equals(field);
    }

    private List<String> targets() throws IOException, TargetGroupFormatException {
      JsonToken t = p.currentToken();
      if (t == JsonToken.VALUE_NULL) {
        return List.of();
      }
      if (t != JsonToken.START_ARRAY) {
        throw fail("targets must be a list of strings, found " + describe(t));
      }
      List<String> targets = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        targets.add(string("target"));
      }
      return targets;
    }

    private Map<String, String> labels() throws IOException, TargetGroupFormatException {
      JsonToken t = p.currentToken();
      if (t == JsonToken.VALUE_NULL) {
        return Map.of();
      }
      if (t != JsonToken.START_OBJECT) {
        throw fail("labels must be a map of label names to values, found " + describe(t));
      }
      Map<String, String> labels = new LinkedHashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        if (!LabelValidation.isValidLabelName(name)) {
          throw fail(GoQuote.quote(name) + " is not a valid label name");
        }
        if (!json && labels.containsKey(name)) {
          throw fail("key " + GoQuote.quote(name) + " already set in map");
        }
        p.nextToken();
        labels.put(name, string("value of label " + name));
      }
      return labels;
    }

    /** A string; null reads as empty (Go's zero value); YAML takes any scalar's text. */
    private String string(String what) throws IOException, TargetGroupFormatException {
      JsonToken t = p.currentToken();
      if (t == JsonToken.VALUE_NULL) {
        return "";
      }
      if (t == JsonToken.VALUE_STRING || (!json && t != null && t.isScalarValue())) {
        return p.getText();
      }
      throw fail(what + " must be a string, found " + describe(t));
    }

    private TargetGroupFormatException fail(String message) {
      return new TargetGroupFormatException(at(p.currentTokenLocation()) + message);
    }

    private static String describe(@Nullable JsonToken t) {
      if (t == null) {
        return "the end of the input";
      }
      return switch (t) {
        case START_ARRAY -> "a list";
        case START_OBJECT -> "a map";
        case VALUE_STRING -> "a string";
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
        case VALUE_TRUE, VALUE_FALSE -> "a boolean";
        case VALUE_NULL -> "null";
        default -> t.name().toLowerCase(Locale.ROOT);
      };
    }
  }
}
