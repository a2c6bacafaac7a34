package io.moraine.server.api.prom;

import com.linecorp.armeria.server.ServiceRequestContext;

/**
 * One API endpoint: checks the parameters, does the work and returns what to write. Runs on a
 * blocking thread. Refusals are exceptions that the server's error mapper turns into Prometheus
 * error bodies ({@link io.moraine.server.http.ApiException}, {@link IllegalArgumentException}, the
 * engine's and parser's exceptions).
 */
@FunctionalInterface
interface Endpoint {
  JsonData handle(Params params, ServiceRequestContext ctx);
}
