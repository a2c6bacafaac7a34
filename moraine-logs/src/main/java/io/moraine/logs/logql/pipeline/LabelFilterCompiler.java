package io.moraine.logs.logql.pipeline;

import io.moraine.logs.logql.ast.LabelFilter;
import io.moraine.logs.logql.ast.LabelFilter.Comparison;
import io.moraine.logs.logql.units.GoDuration;
import io.moraine.logs.logql.units.GoFloat;
import io.moraine.logs.logql.units.HumanBytes;
import io.moraine.logs.logql.units.UnitParseException;
import java.util.List;

/**
 * Label filter trees as Loki 2.9 runs them: {@code and} evaluates both sides, {@code or} stops at
 * the first true; a number/duration/bytes comparison passes an entry that already has an error,
 * drops one that lacks the label, and on a value that does not convert sets {@code
 * __error__="LabelFilterErr"} and keeps it. String matchers read a missing label as "".
 */
final class LabelFilterCompiler {
  static final String LABEL_FILTER_ERR = "LabelFilterErr";

  /** A compiled filter; stateless apart from the scratch passed in. */
  interface Predicate {
    boolean test(LabelState labels, byte[] scratch);
  }

  private LabelFilterCompiler() {}

  static Predicate compile(LabelFilter f) {
    return switch (f) {
      case LabelFilter.And a -> {
        Predicate l = compile(a.left());
        Predicate r = compile(a.right());
        yield (s, x) -> l.test(s, x) & r.test(s, x);
      }
      case LabelFilter.Or o -> {
        Predicate l = compile(o.left());
        Predicate r = compile(o.right());
        yield (s, x) -> l.test(s, x) || r.test(s, x);
      }
      case LabelFilter.StringFilter sf -> {
        var m = sf.matcher();
        yield (s, x) -> {
          String v = s.get(m.name());
          return m.matches(v == null ? "" : v);
        };
      }
      case LabelFilter.NumberFilter n -> numeric(n.name(), n.op(), n.value(), Kind.FLOAT);
      case LabelFilter.DurationFilter d -> numeric(d.name(), d.op(), d.nanos(), Kind.DURATION);
      case LabelFilter.BytesFilter b -> numeric(b.name(), b.op(), b.bytes(), Kind.BYTES);
      case LabelFilter.IpFilter ip -> {
        IpMatcher m = IpMatcher.parse(ip.pattern());
        boolean equal = ip.equal();
        yield (s, x) -> {
          String v = s.get(ip.name());
          if (v == null) {
            return false;
          }
          return m.matchesValue(v, x) == equal;
        };
      }
    };
  }

  static Predicate and(List<Predicate> all) {
    Predicate[] p = all.toArray(new Predicate[0]);
    return (s, x) -> {
      boolean ok = true;
      for (Predicate q : p) {
        ok &= q.test(s, x);
      }
      return ok;
    };
  }

  private enum Kind {
    FLOAT,
    DURATION,
    BYTES
  }

  private static Predicate numeric(String name, Comparison op, double want, Kind kind) {
    return (s, x) -> {
      if (s.hasError()) {
        return true;
      }
      String v = s.get(name);
      if (v == null) {
        return false;
      }
      double got;
      try {
        got =
            switch (kind) {
              case FLOAT -> GoFloat.parse(v);
              case DURATION -> GoDuration.parseNanos(v);
              case BYTES -> HumanBytes.parse(v);
            };
      } catch (UnitParseException e) {
        s.setError(LABEL_FILTER_ERR, e.getMessage());
        return true;
      }
      return switch (op) {
        case EQ -> got == want;
        case NEQ -> got != want;
        case GT -> got > want;
        case GTE -> got >= want;
        case LT -> got < want;
        case LTE -> got <= want;
      };
    };
  }

  /** The stage: keeps entries whose labels pass. */
  record Stage(Predicate predicate) implements CompiledStage {
    @Override
    public StageRunner newRunner() {
      return new Runner(predicate);
    }
  }

  private record Runner(Predicate predicate, byte[] scratch) implements StageRunner {
    Runner(Predicate predicate) {
      this(predicate, new byte[16]);
    }

    @Override
    public boolean process(Entry entry) {
      return predicate.test(entry.labels, scratch);
    }
  }
}
