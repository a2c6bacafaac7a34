package io.moraine.rules.template;

import io.moraine.rules.template.Parser.ParseError;
import io.moraine.rules.template.Parser.Parsed;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * Parse results (trees and parse errors) by template name and text, at most {@link #SIZE} of them:
 * the cache is cleared when full (rule sets are small; a reload re-parses what it uses).
 * Thread-safe.
 */
final class ParseCache {
  /** Distinct templates kept parsed; a rule set has a few per alerting rule. */
  static final int SIZE = 4096;

  /** A parse result: the tree or Go's message. */
  record Entry(@Nullable Parsed parsed, @Nullable String error) {}

  private record Key(String name, String text) {}

  private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
  private final BiFunction<String, String, Parsed> parser;

  /**
   * @param parser parses a name and text; throws {@link ParseError} for a bad template
   */
  ParseCache(BiFunction<String, String, Parsed> parser) {
    this.parser = parser;
  }

  /** The result for {@code name} and {@code text}, parsed on the first request. */
  Entry get(String name, String text) {
    Key key = new Key(name, text);
    Entry cached = entries.get(key);
    if (cached != null) {
      return cached;
    }
    Entry e;
    try {
      e = new Entry(parser.apply(name, text), null);
    } catch (ParseError err) {
      e = new Entry(null, err.getMessage());
    }
    if (entries.size() >= SIZE) {
      entries.clear();
    }
    entries.put(key, e);
    return e;
  }
}
