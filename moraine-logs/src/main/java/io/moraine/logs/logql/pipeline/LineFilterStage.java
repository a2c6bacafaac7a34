package io.moraine.logs.logql.pipeline;

import io.moraine.logs.logql.ast.LineFilter;
import io.moraine.logs.logql.ast.LineFilterOp;
import io.moraine.logs.logql.regex.Re2Pattern;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code |=}, {@code !=}, {@code |~}, {@code !~}, {@code |>}, {@code !>} with {@code or}
 * alternatives and {@code ip(...)}: a positive filter keeps a line that any alternative matches, a
 * negative one a line that none does. Works on the UTF-8 bytes; regexes decode into a reused
 * buffer. Per entry it allocates nothing.
 */
final class LineFilterStage implements CompiledStage {
  private final boolean positive;
  private final Object[] alts;

  LineFilterStage(LineFilter filter) {
    this.positive = filter.op().positive();
    this.alts = new Object[filter.values().size()];
    for (int i = 0; i < alts.length; i++) {
      alts[i] = compile(filter.op(), filter.values().get(i));
    }
  }

  private static Object compile(LineFilterOp op, LineFilter.Value v) {
    if (v.ip()) {
      return IpMatcher.parse(v.text());
    }
    return switch (op) {
      case CONTAINS, NOT_CONTAINS -> v.text().getBytes(StandardCharsets.UTF_8);
      case MATCHES_REGEX, NOT_MATCHES_REGEX -> {
        RegexShortcut s = RegexShortcut.of(v.text());
        yield s != null ? s.compiled() : Re2Pattern.compile(v.text()).pattern();
      }
      case MATCHES_PATTERN, NOT_MATCHES_PATTERN -> LinePattern.parse(v.text(), false);
    };
  }

  /** The single literal of a positive {@code |=} filter, or null. */
  byte @org.jspecify.annotations.Nullable [] requiredLiteral() {
    return positive && alts.length == 1 && alts[0] instanceof byte[] b && b.length > 0 ? b : null;
  }

  @Override
  public StageRunner newRunner() {
    return new Runner(this);
  }

  private static final class Runner implements StageRunner {
    private final boolean positive;
    private final Object[] alts;
    private final @org.jspecify.annotations.Nullable Matcher[] matchers;
    private final byte[] ipScratch = new byte[16];

    Runner(LineFilterStage s) {
      this.positive = s.positive;
      this.alts = s.alts;
      this.matchers = new @org.jspecify.annotations.Nullable Matcher[alts.length];
      for (int i = 0; i < alts.length; i++) {
        if (alts[i] instanceof Pattern p) {
          matchers[i] = p.matcher("");
        }
      }
    }

    @Override
    public boolean process(Entry e) {
      for (int i = 0; i < alts.length; i++) {
        if (matches(i, e)) {
          return positive;
        }
      }
      return !positive;
    }

    private boolean matches(int i, Entry e) {
      Object a = alts[i];
      if (a instanceof byte[] needle) {
        return Utf8.indexOf(e.line, e.offset, e.length, needle) >= 0;
      }
      if (a instanceof RegexShortcut.Compiled s) {
        return s.matches(e.line, e.offset, e.length);
      }
      if (a instanceof LinePattern p) {
        return p.test(e.line, e.offset, e.length);
      }
      if (a instanceof IpMatcher ip) {
        return ip.matchesAnyIn(e.line, e.offset, e.length, ipScratch);
      }
      Matcher m = matchers[i];
      return m != null && m.reset(e.chars()).find();
    }
  }
}
