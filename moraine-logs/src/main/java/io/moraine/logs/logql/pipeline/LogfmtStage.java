package io.moraine.logs.logql.pipeline;

import io.moraine.logs.logql.ast.LabelExtraction;
import io.moraine.logs.logql.ast.LogfmtParser;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code | logfmt [--strict] [--keep-empty] [params]}. Without parameters every key becomes a label
 * (sanitised, {@code _extracted} on a clash); empty values are skipped unless {@code --keep-empty};
 * values with U+FFFD read as empty. {@code --strict} stops at the first error and sets {@code
 * __error__="LogfmtParserErr"}; otherwise bad pairs are skipped. With parameters only the named
 * keys are read, each parameter label preset to "" as Loki does.
 */
final class LogfmtStage implements CompiledStage {
  static final String LOGFMT_ERR = "LogfmtParserErr";

  private final boolean strict;
  private final boolean keepEmpty;

  /** Parameter mode: logfmt key to label name; null for all keys. */
  private final @Nullable Map<String, String> wanted;

  LogfmtStage(LogfmtParser p) {
    this.strict = p.strict();
    this.keepEmpty = p.keepEmpty();
    List<LabelExtraction> xs = p.extractions();
    if (xs.isEmpty()) {
      wanted = null;
    } else {
      wanted = new HashMap<>();
      for (LabelExtraction x : xs) {
        if (!LabelNames.isValid(x.label())) {
          throw new IllegalArgumentException("invalid extracted label name '" + x.label() + "'");
        }
        wanted.put(x.expression(), x.label());
      }
    }
  }

  @Override
  public StageRunner newRunner() {
    return new Runner();
  }

  private final class Runner implements StageRunner {
    private final LogfmtDecoder dec = new LogfmtDecoder();
    private final Map<String, String> names = new HashMap<>();

    @Override
    public boolean process(Entry e) {
      LabelState labels = e.labels;
      Map<String, String> w = wanted;
      if (w != null) {
        for (String label : w.values()) {
          if (!labels.baseHas(label)) {
            labels.set(label, "");
          }
        }
      }
      dec.reset(e.line, e.offset, e.length);
      while (!dec.eol()) {
        if (!dec.next()) {
          if (strict && dec.error != null) {
            break;
          }
          continue;
        }
        String name = name(dec.key(), labels, w);
        if (name == null) {
          continue;
        }
        String v = dec.value();
        if (v.indexOf('\uFFFD') >= 0) {
          v = "";
        }
        if (v.isEmpty() && !keepEmpty && w == null) {
          continue;
        }
        labels.set(name, v);
      }
      String err = dec.error;
      if (strict && err != null) {
        labels.setError(LOGFMT_ERR, err);
      }
      return true;
    }

    private @Nullable String name(String key, LabelState labels, @Nullable Map<String, String> w) {
      if (w != null) {
        String label = w.get(key);
        return label == null ? null : LabelNames.deduplicated(label, labels);
      }
      String n = names.get(key);
      if (n == null) {
        String s = LabelNames.sanitize(key, true);
        n = s.isEmpty() ? "" : LabelNames.deduplicated(s, labels);
        if (names.size() < 10_000) {
          names.put(key, n);
        }
      }
      return n.isEmpty() ? null : n;
    }
  }
}
