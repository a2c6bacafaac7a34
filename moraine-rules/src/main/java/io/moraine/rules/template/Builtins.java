package io.moraine.rules.template;

import io.moraine.rules.template.Func.Param;
import io.moraine.rules.template.Values.GoMap;
import io.moraine.rules.template.Values.Html;
import io.moraine.rules.template.Values.QueryResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Go text/template's predefined functions.
 *
 * <table>
 * <caption>builtins</caption>
 * <tr><td>and, or</td><td>x y...</td><td>first false (true) argument or the last; short-circuit</td></tr>
 * <tr><td>not</td><td>x</td><td>negated truth</td></tr>
 * <tr><td>len</td><td>x</td><td>bytes of a string, entries of a map or slice</td></tr>
 * <tr><td>index</td><td>x k...</td><td>map entry (zero when missing) or slice element</td></tr>
 * <tr><td>slice</td><td>x i j</td><td>substring or subslice</td></tr>
 * <tr><td>print, printf, println</td><td>...</td><td>fmt.Sprint, Sprintf, Sprintln</td></tr>
 * <tr><td>html, js, urlquery</td><td>...</td><td>escape the printed arguments</td></tr>
 * <tr><td>eq, ne, lt, le, gt, ge</td><td>x y</td><td>comparison of basic kinds</td></tr>
 * <tr><td>call</td><td>f ...</td><td>fails: templates here hold no function values</td></tr>
 * </table>
 */
final class Builtins {
  private Builtins() {}

  static List<Func> all() {
    return List.of(
        Func.variadic("and", (a, e) -> a.last(), Param.VALUE, Param.VALUE),
        Func.variadic("or", (a, e) -> a.last(), Param.VALUE, Param.VALUE),
        Func.of("not", (a, e) -> !Values.truth(a.get(0)), Param.VALUE),
        Func.of("len", (a, e) -> len(a.get(0)), Param.VALUE),
        Func.variadic("index", (a, e) -> index(a.list()), Param.VALUE, Param.VALUE),
        Func.variadic("slice", (a, e) -> slice(a.list()), Param.VALUE, Param.VALUE),
        Func.variadic("print", (a, e) -> GoFmt.sprint(a.list()), Param.ANY),
        Func.variadic(
            "printf", (a, e) -> GoFmt.sprintf(a.string(0), a.from(1)), Param.STRING, Param.ANY),
        Func.variadic("println", (a, e) -> GoFmt.sprintln(a.list()), Param.ANY),
        Func.variadic("html", (a, e) -> Escapes.html(evalArgs(a.list())), Param.ANY),
        Func.variadic("js", (a, e) -> Escapes.js(evalArgs(a.list())), Param.ANY),
        Func.variadic("urlquery", (a, e) -> Escapes.queryEscape(evalArgs(a.list())), Param.ANY),
        Func.variadic("eq", (a, e) -> Compare.eq(a.list()), Param.VALUE, Param.VALUE),
        Func.of("ne", (a, e) -> !Compare.eq(a.list()), Param.VALUE, Param.VALUE),
        Func.of("lt", (a, e) -> Compare.lt(a.get(0), a.get(1)), Param.VALUE, Param.VALUE),
        Func.of(
            "le",
            (a, e) -> Compare.lt(a.get(0), a.get(1)) || Compare.eq(a.list()),
            Param.VALUE,
            Param.VALUE),
        Func.of(
            "gt",
            (a, e) -> !Compare.lt(a.get(0), a.get(1)) && !Compare.eq(a.list()),
            Param.VALUE,
            Param.VALUE),
        Func.of("ge", (a, e) -> !Compare.lt(a.get(0), a.get(1)), Param.VALUE, Param.VALUE),
        Func.variadic("call", (a, e) -> call(a.get(0)), Param.VALUE, Param.VALUE));
  }

  /** The single string argument, or the arguments printed as {@code fmt.Sprint} does. */
  private static String evalArgs(List<@Nullable Object> args) {
    if (args.size() == 1 && args.get(0) instanceof String s) {
      return s;
    }
    return GoFmt.sprint(args);
  }

  private static Object call(@Nullable Object fn) {
    if (fn == null) {
      throw new IllegalArgumentException("call of nil");
    }
    throw new IllegalArgumentException("non-function of type " + Values.typeName(fn));
  }

  private static long len(@Nullable Object v) {
    return switch (v) {
      case null -> throw new IllegalArgumentException("len of nil pointer");
      case String s -> s.getBytes(StandardCharsets.UTF_8).length;
      case Html h -> h.text().getBytes(StandardCharsets.UTF_8).length;
      case GoMap m -> m.entries().size();
      case QueryResult r -> r.samples().size();
      case Values.GoList l -> l.items().size();
      default -> throw new IllegalArgumentException("len of type " + Values.typeName(v));
    };
  }

  private static @Nullable Object index(List<@Nullable Object> args) {
    Object item = args.get(0);
    if (item == null) {
      throw new IllegalArgumentException("index of untyped nil");
    }
    for (Object key : args.subList(1, args.size())) {
      switch (item) {
        case GoMap m -> {
          if (!(key instanceof String k)) {
            throw new IllegalArgumentException(
                "value has type " + Values.typeName(key) + "; should be string");
          }
          item = m.entries().containsKey(k) ? m.entries().get(k) : m.zero();
        }
        case QueryResult r -> item = r.samples().get(intIndex(key, r.samples().size(), "slice"));
        case Values.GoList l -> item = l.items().get(intIndex(key, l.items().size(), "slice"));
        case String s -> {
          byte[] b = s.getBytes(StandardCharsets.UTF_8);
          item = (long) (b[intIndex(key, b.length, "slice")] & 0xff);
        }
        default ->
            throw new IllegalArgumentException("can't index item of type " + Values.typeName(item));
      }
      if (item == null) {
        return null;
      }
    }
    return item;
  }

  private static int intIndex(@Nullable Object key, int size, String what) {
    if (!(key instanceof Long i)) {
      throw new IllegalArgumentException(
          "cannot index " + what + "/array with type " + Values.typeName(key));
    }
    if (i < 0 || i >= size) {
      throw new IllegalArgumentException("index out of range: " + i);
    }
    return i.intValue();
  }

  private static Object slice(List<@Nullable Object> args) {
    Object item = args.get(0);
    List<@Nullable Object> idx = args.subList(1, args.size());
    int cap;
    switch (item) {
      case String s -> cap = s.getBytes(StandardCharsets.UTF_8).length;
      case QueryResult r -> cap = r.samples().size();
      case null -> throw new IllegalArgumentException("slice of untyped nil");
      default ->
          throw new IllegalArgumentException("can't slice item of type " + Values.typeName(item));
    }
    if (idx.size() > 3 || (item instanceof String && idx.size() > 2)) {
      throw new IllegalArgumentException(
          item instanceof String
              ? "cannot 3-index slice a string"
              : "too many slice indexes: " + idx.size());
    }
    int[] ix = {0, cap};
    for (int k = 0; k < Math.min(idx.size(), 2); k++) {
      if (!(idx.get(k) instanceof Long l)) {
        throw new IllegalArgumentException(
            "cannot index slice/array with type " + Values.typeName(idx.get(k)));
      }
      if (l < 0 || l > cap) {
        throw new IllegalArgumentException("index out of range: " + l);
      }
      ix[k] = l.intValue();
    }
    if (ix[0] > ix[1]) {
      throw new IllegalArgumentException("invalid slice index: " + ix[0] + " > " + ix[1]);
    }
    if (item instanceof String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      return new String(b, ix[0], ix[1] - ix[0], StandardCharsets.UTF_8);
    }
    return new QueryResult(new ArrayList<>(((QueryResult) item).samples().subList(ix[0], ix[1])));
  }
}
