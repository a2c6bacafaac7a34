package io.moraine.rules.template;

import io.moraine.rules.template.Values.QueryResult;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One template function as Go declares it: parameter types (checked as Go's reflection checks
 * them), whether the last one is variadic, and the body.
 */
record Func(String name, List<Param> params, boolean variadic, Body body) {
  Func {
    params = List.copyOf(params);
  }

  /** A Go parameter type a template function takes. */
  enum Param {
    ANY("interface {}"),
    VALUE("reflect.Value"),
    STRING("string"),
    FLOAT("float64"),
    INT("int"),
    SAMPLE("*template.sample"),
    RESULT("template.queryResult"),
    STRINGS("[]string");

    final String goType;

    Param(String goType) {
      this.goType = goType;
    }

    /** Whether an untyped nil may be passed. */
    boolean canBeNil() {
      return this == ANY || this == VALUE || this == SAMPLE || this == RESULT || this == STRINGS;
    }

    /** Whether a non-nil value of this Java class is assignable to the Go type. */
    boolean accepts(Object v) {
      return switch (this) {
        case ANY, VALUE -> true;
        case STRING -> v instanceof String;
        case FLOAT -> v instanceof Double;
        case INT -> v instanceof Long;
        case SAMPLE -> v instanceof QuerySample;
        case RESULT -> v instanceof QueryResult;
        case STRINGS -> v instanceof Values.GoList l && l.kind() == Values.ListKind.STRINGS;
      };
    }
  }

  /** What a call sees besides its arguments. */
  interface Env {
    TemplateData data();
  }

  /** A function body; an exception fails the template with {@code error calling NAME: MSG}. */
  @FunctionalInterface
  interface Body {
    @Nullable Object call(Args args, Env env) throws Exception;
  }

  static Func of(String name, Body body, Param... params) {
    return new Func(name, List.of(params), false, body);
  }

  static Func variadic(String name, Body body, Param... params) {
    return new Func(name, List.of(params), true, body);
  }

  /** The parameter type of argument {@code i}. */
  Param param(int i) {
    return variadic && i >= params.size() - 1 ? params.getLast() : params.get(i);
  }
}
