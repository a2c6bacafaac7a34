package io.moraine.rules.template;

import io.moraine.rules.template.Values.Html;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The comparison builtins' rules: only basic kinds (bool, int, float, string) compare, and both
 * sides must be of the same kind; nil equals only nil. Stateless.
 */
final class Compare {
  private Compare() {}

  private enum Kind {
    BOOL,
    INT,
    FLOAT,
    STRING,
    OTHER,
    INVALID
  }

  private static Kind kind(@Nullable Object v) {
    return switch (v) {
      case null -> Kind.INVALID;
      case Boolean b -> Kind.BOOL;
      case Long l -> Kind.INT;
      case Double d -> Kind.FLOAT;
      case String s -> Kind.STRING;
      case Html h -> Kind.STRING;
      default -> Kind.OTHER;
    };
  }

  private static @Nullable Object unwrap(@Nullable Object v) {
    return v instanceof Html h ? h.text() : v;
  }

  /** {@code eq arg1 arg2...}: whether arg1 equals any of the others. */
  static boolean eq(List<@Nullable Object> args) {
    if (args.size() < 2) {
      throw new IllegalArgumentException("missing argument for comparison");
    }
    Object a = unwrap(args.get(0));
    Kind ka = kind(a);
    for (Object raw : args.subList(1, args.size())) {
      Object b = unwrap(raw);
      Kind kb = kind(b);
      if (ka != kb) {
        if (a != null && b != null) {
          throw new IllegalArgumentException("incompatible types for comparison");
        }
        continue;
      }
      if (ka == Kind.OTHER) {
        if (!Values.typeName(a).equals(Values.typeName(b))) {
          throw new IllegalArgumentException("incompatible types for comparison");
        }
        if (a instanceof Values.GoMap || a instanceof Values.QueryResult) {
          throw new IllegalArgumentException(
              "non-comparable type " + Values.sprint(a) + ": " + Values.typeName(a));
        }
      }
      boolean same =
          a == null || b == null
              ? a == b
              : switch (ka) {
                case FLOAT -> (double) a == (double) b; // NaN differs from itself, as in Go
                case OTHER -> a == b;
                default -> a.equals(b);
              };
      if (same) {
        return true;
      }
    }
    return false;
  }

  /** {@code lt a b}. */
  static boolean lt(@Nullable Object a0, @Nullable Object b0) {
    Object a = unwrap(a0);
    Object b = unwrap(b0);
    Kind ka = kind(a);
    Kind kb = kind(b);
    if (ka == Kind.OTHER || ka == Kind.INVALID || kb == Kind.OTHER || kb == Kind.INVALID) {
      throw new IllegalArgumentException("invalid type for comparison");
    }
    if (ka != kb || a == null || b == null) {
      throw new IllegalArgumentException("incompatible types for comparison");
    }
    return switch (ka) {
      case INT -> (long) a < (long) b;
      case FLOAT -> (double) a < (double) b;
      case STRING -> ((String) a).compareTo((String) b) < 0;
      default -> throw new IllegalArgumentException("invalid type for comparison");
    };
  }
}
