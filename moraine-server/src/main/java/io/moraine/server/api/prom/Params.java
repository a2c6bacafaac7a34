package io.moraine.server.api.prom;

import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.QueryParams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A request's parameters as Go's {@code Request.FormValue} sees them: those of a form-encoded
 * {@code POST}/{@code PUT}/{@code PATCH} body first, then those of the URL query. Shared by the
 * Prometheus and Loki APIs (Loki's {@code r.Form} reads them the same way). Immutable.
 */
public final class Params {
  private final Map<String, List<String>> values;

  private Params(Map<String, List<String>> values) {
    this.values = values;
  }

  /** The parameters of a whole request: a form body's, then the URL query's. */
  public static Params of(AggregatedHttpRequest req, @Nullable String rawQuery) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    HttpMethod m = req.method();
    MediaType type = req.contentType();
    if ((m == HttpMethod.POST || m == HttpMethod.PUT || m == HttpMethod.PATCH)
        && type != null
        && type.is(MediaType.FORM_DATA)) {
      addAll(values, QueryParams.fromQueryString(req.contentUtf8()));
    }
    if (rawQuery != null) {
      addAll(values, QueryParams.fromQueryString(rawQuery));
    }
    return new Params(values);
  }

  /** The parameters of a URL query alone (e.g. a WebSocket upgrade, which has no body). */
  public static Params ofQuery(@Nullable String rawQuery) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    if (rawQuery != null) {
      addAll(values, QueryParams.fromQueryString(rawQuery));
    }
    return new Params(values);
  }

  /** For tests and handlers that build parameters themselves. */
  static Params of(Map<String, List<String>> values) {
    return new Params(Map.copyOf(values));
  }

  private static void addAll(Map<String, List<String>> into, QueryParams params) {
    for (String name : params.names()) {
      into.computeIfAbsent(name, n -> new ArrayList<>()).addAll(params.getAll(name));
    }
  }

  /** The first value of {@code name}, or "" when absent (Go's {@code FormValue}). */
  public String first(String name) {
    List<String> v = values.get(name);
    return v == null || v.isEmpty() ? "" : v.getFirst();
  }

  /** Every value of {@code name}, body values first; empty when absent. */
  public List<String> all(String name) {
    List<String> v = values.get(name);
    return v == null ? List.of() : List.copyOf(v);
  }
}
