package io.moraine.server.api.prom;

import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.QueryParams;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.moraine.core.labels.LabelValidation;
import io.moraine.core.labels.Labels;
import io.moraine.core.selfmetrics.Counter;
import io.moraine.core.selfmetrics.MetricRegistry;
import io.moraine.core.storage.Appender;
import io.moraine.core.storage.SampleRejectedException;
import io.moraine.core.time.Clock;
import io.moraine.ingest.textparse.PromTextParser;
import io.moraine.ingest.textparse.SampleSink;
import io.moraine.ingest.textparse.SeriesRegistry;
import io.moraine.ingest.textparse.TextParseException;
import io.moraine.server.http.ApiException;
import io.moraine.server.http.AsyncAnswers;
import io.moraine.server.http.ErrorType;
import io.moraine.server.http.HttpServer;
import io.moraine.server.store.StorageHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * {@code POST /api/v1/import/prometheus}: samples in the Prometheus text format, timestamps (ms)
 * optional (the request's arrival time otherwise), with {@code extra_label=name=value} labels added
 * to every series, as VictoriaMetrics' endpoint of that name takes them. 204 when stored; 400
 * naming the line and reason of a malformed body or a bad {@code extra_label} (nothing is stored
 * then). Samples the store refuses (out of order, duplicate) are skipped and counted. Thread-safe.
 */
public final class TextImportApi {
  private static final String PATH = "/api/v1/import/prometheus";

  private final StorageHandle store;
  private final Clock clock;
  private final Counter.Family rejected;
  private final Executor executor =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("import-", 0).factory());

  public TextImportApi(StorageHandle store, Clock clock, MetricRegistry registry) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.rejected =
        registry.counter(
            "moraine_import_rejected_samples_total",
            "Samples of /api/v1/import/prometheus that the store refused, by reason.",
            "reason");
  }

  /** Adds the route. */
  public HttpServer.Builder register(HttpServer.Builder b) {
    return b.plainTextService(PATH, this::serve);
  }

  private HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
    if (req.method() != HttpMethod.POST) {
      return HttpResponse.of(HttpStatus.METHOD_NOT_ALLOWED);
    }
    Labels extra = extraLabels(ctx.queryParams());
    CompletableFuture<HttpResponse> answer =
        req.aggregate()
            .thenApplyAsync(
                agg -> {
                  store(agg.content().array(), extra, clock.nowMillis());
                  return HttpResponse.of(HttpStatus.NO_CONTENT);
                },
                executor);
    return AsyncAnswers.of(answer);
  }

  private static Labels extraLabels(QueryParams params) {
    Labels.Builder b = Labels.builder();
    for (String v : params.getAll("extra_label")) {
      int eq = v.indexOf('=');
      String name = eq < 0 ? "" : v.substring(0, eq);
      if (!LabelValidation.isValidLabelName(name)) {
        throw new ApiException(
            ErrorType.BAD_DATA, "invalid extra_label \"" + v + "\": want name=value");
      }
      b.add(name, v.substring(eq + 1));
    }
    return b.build();
  }

  /** Parses the whole body first, so that a malformed one stores nothing. */
  private void store(byte[] body, Labels extra, long now) {
    Parsed p = new Parsed(extra, now);
    try {
      new PromTextParser(new SeriesRegistry()).parse(body, p);
    } catch (TextParseException e) {
      throw new ApiException(ErrorType.BAD_DATA, String.valueOf(e.getMessage()));
    }
    Appender app = store.storage().appender();
    for (int i = 0; i < p.n; i++) {
      append(app, p.byId.get(p.ids[i]), p.ts[i], p.vs[i]);
    }
    app.commit();
  }

  /** The body's series (with the extra labels) and samples, in input order. */
  private static final class Parsed implements SampleSink {
    private final Labels extra;
    private final long now;
    final List<Labels> byId = new ArrayList<>();
    int[] ids = new int[1024];
    long[] ts = new long[1024];
    double[] vs = new double[1024];
    int n;

    Parsed(Labels extra, long now) {
      this.extra = extra;
      this.now = now;
    }

    @Override
    public void series(int seriesId, Labels labels) {
      Labels.Builder b = labels.toBuilder();
      for (int i = 0; i < extra.size(); i++) {
        b.add(extra.name(i), extra.value(i));
      }
      while (byId.size() <= seriesId) {
        byId.add(Labels.EMPTY);
      }
      byId.set(seriesId, b.build());
    }

    @Override
    public void sample(int seriesId, long timestampMillis, double value) {
      if (n == ids.length) {
        ids = Arrays.copyOf(ids, n * 2);
        ts = Arrays.copyOf(ts, n * 2);
        vs = Arrays.copyOf(vs, n * 2);
      }
      ids[n] = seriesId;
      ts[n] = timestampMillis == SampleSink.NO_TIMESTAMP ? now : timestampMillis;
      vs[n] = value;
      n++;
    }
  }

  private void append(Appender app, Labels l, long t, double v) {
    try {
      app.append(l, t, v);
    } catch (SampleRejectedException e) {
      rejected.labels(e.reason()).inc();
    }
  }
}
