package io.moraine.server.api.loki;

import com.linecorp.armeria.common.HttpHeaders;
import com.linecorp.armeria.server.ServiceRequestContext;

/**
 * One API request: its parameters, its tenant and its context (path parameters).
 *
 * @param tenant {@code X-Scope-OrgID}, or {@code anonymous} when absent
 */
record LokiRequest(LokiParams params, String tenant, ServiceRequestContext ctx) {
  /** The tenant when a request names none, as Loki with auth disabled ("fake" there). */
  static final String DEFAULT_TENANT = "anonymous";

  static String tenant(HttpHeaders headers) {
    String t = headers.get("X-Scope-OrgID");
    return t == null || t.isBlank() ? DEFAULT_TENANT : t.trim();
  }

  /** A path parameter, e.g. {@code name} of {@code /label/{name}/values}. */
  String pathParam(String name) {
    String v = ctx.pathParam(name);
    if (v == null) {
      throw new IllegalStateException("BUG: route has no path parameter " + name);
    }
    return v;
  }
}
