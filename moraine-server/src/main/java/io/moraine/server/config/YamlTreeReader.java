package io.moraine.server.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads one YAML document into a {@link YamlNode} tree with positions, through Jackson's streaming
 * YAML parser. Rejects duplicate keys (as Prometheus' strict YAML decoding does) and more than one
 * document. Aliases are kept as {@link YamlNode.Alias} nodes that point at their anchored node;
 * binding follows them only where it allows them (scrape_configs).
 */
final class YamlTreeReader {
  private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

  private final YAMLParser parser;
  private final Map<String, YamlNode> anchors = new HashMap<>();

  private YamlTreeReader(YAMLParser parser) {
    this.parser = parser;
  }

  /**
   * Parses {@code text}.
   *
   * @return the root node, or null when the document is empty
   * @throws YamlError when the text is not well-formed YAML or breaks the rules above
   */
  static @Nullable YamlNode read(String text) {
    try (YAMLParser p = FACTORY.createParser(text)) {
      YamlTreeReader r = new YamlTreeReader(p);
      JsonToken first = p.nextToken();
      if (first == null) {
        return null;
      }
      YamlNode root = r.value(first);
      if (p.nextToken() != null) {
        throw new YamlError(r.mark(), "a config file holds one YAML document, found another");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw syntaxError(e);
    } catch (IOException e) {
      // reading from a String: only a parser bug gets here
      throw new UncheckedIOException(e);
    }
  }

  private YamlNode value(JsonToken t) throws IOException {
    String anchor =
        parser.isCurrentAlias() ? null : parser.getObjectId() instanceof String a ? a : null;
    YamlNode node = node(t);
    if (anchor != null) {
      anchors.put(anchor, node);
    }
    return node;
  }

  private YamlNode node(JsonToken t) throws IOException {
    YamlNode.Mark m = mark();
    return switch (t) {
      case START_OBJECT -> mapping(m);
      case START_ARRAY -> sequence(m);
      case VALUE_NULL -> new YamlNode.Scalar("", true, m);
      case VALUE_STRING ->
          parser.isCurrentAlias()
              ? new YamlNode.Alias(parser.getText(), anchors.get(parser.getText()), m)
              : new YamlNode.Scalar(parser.getText(), false, m);
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE ->
          new YamlNode.Scalar(parser.getText(), false, m);
      default -> throw new YamlError(m, "unsupported YAML value (" + t + ")");
    };
  }

  private YamlNode.Mapping mapping(YamlNode.Mark m) throws IOException {
    List<YamlNode.Entry> entries = new ArrayList<>();
    Map<String, YamlNode.Mark> seen = new HashMap<>();
    JsonToken t;
    while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      YamlNode.Mark keyMark = mark();
      YamlNode.Mark first = seen.putIfAbsent(key, keyMark);
      if (first != null) {
        throw new YamlError(
            keyMark, "duplicate key \"" + key + "\" (first at line " + first.line() + ")");
      }
      entries.add(new YamlNode.Entry(key, keyMark, value(next())));
    }
    if (t != JsonToken.END_OBJECT) {
      throw new YamlError(mark(), "unexpected " + t + " in a mapping");
    }
    return new YamlNode.Mapping(entries, m);
  }

  private YamlNode.Sequence sequence(YamlNode.Mark m) throws IOException {
    List<YamlNode> items = new ArrayList<>();
    JsonToken t;
    while ((t = next()) != JsonToken.END_ARRAY) {
      items.add(value(t));
    }
    return new YamlNode.Sequence(items, m);
  }

  private JsonToken next() throws IOException {
    JsonToken t = parser.nextToken();
    if (t == null) {
      throw new YamlError(mark(), "unexpected end of file");
    }
    return t;
  }

  private YamlNode.Mark mark() {
    JsonLocation loc = parser.currentTokenLocation();
    return new YamlNode.Mark(Math.max(loc.getLineNr(), 1), Math.max(loc.getColumnNr(), 1));
  }

  private static YamlError syntaxError(JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException y) {
      Mark pm = y.getProblemMark();
      String problem = y.getProblem() == null ? y.getMessage() : y.getProblem();
      if (pm != null) {
        return new YamlError(pm.getLine() + 1, pm.getColumn() + 1, "invalid YAML: " + problem);
      }
    }
    JsonLocation loc = e.getLocation();
    int line = loc == null ? 1 : Math.max(loc.getLineNr(), 1);
    int column = loc == null ? 1 : Math.max(loc.getColumnNr(), 1);
    return new YamlError(line, column, "invalid YAML: " + e.getOriginalMessage());
  }
}
