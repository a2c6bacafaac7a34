package io.moraine.server.http;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.moraine.core.exposition.TextWriter;
import io.moraine.core.selfmetrics.MetricRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /metrics}: the registry in the Prometheus text format 0.0.4. Runs the before-scrape
 * hooks and writes on the blocking executor, as hooks may read files under {@code /proc}.
 */
final class MetricsService implements HttpService {
  private static final MediaType TEXT_0_0_4 = MediaType.parse(TextWriter.CONTENT_TYPE);

  private final MetricRegistry registry;
  private final List<Runnable> beforeScrape;

  MetricsService(MetricRegistry registry, List<Runnable> beforeScrape) {
    this.registry = registry;
    this.beforeScrape = List.copyOf(beforeScrape);
  }

  @Override
  public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
    return HttpResponse.of(
        CompletableFuture.supplyAsync(this::render, ctx.blockingTaskExecutor())
            .thenApply(bytes -> HttpResponse.of(HttpStatus.OK, TEXT_0_0_4, bytes)));
  }

  private byte[] render() {
    for (Runnable r : beforeScrape) {
      r.run();
    }
    var out = new ByteArrayOutputStream(16 * 1024);
    try {
      TextWriter w = new TextWriter(out);
      registry.writeTo(w);
      w.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("BUG: writing to memory failed", e);
    }
    return out.toByteArray();
  }
}
