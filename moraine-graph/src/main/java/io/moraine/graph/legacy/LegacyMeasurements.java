package io.moraine.graph.legacy;

import io.moraine.graph.legacy.LegacyMeasurement.Scope;
import io.moraine.graph.usage.UsageSource;
import io.moraine.graph.usage.UsageSource.UsageException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Evaluates the legacy query catalogue through a {@link UsageSource}. */
public final class LegacyMeasurements {
  private static final Logger LOG = LoggerFactory.getLogger(LegacyMeasurements.class);
  private static final String RESOURCE_LABEL = "resource";

  /**
   * What one evaluation of the catalogue gave.
   *
   * @param measurements one per result sample with a {@code resource} label and a finite value
   * @param failedQueries how many queries failed (each logged)
   * @param skippedSamples samples without a {@code resource} label or with a non-finite value
   */
  public record Result(
      List<LegacyMeasurement> measurements, int failedQueries, int skippedSamples) {
    public Result {
      measurements = List.copyOf(measurements);
    }
  }

  private LegacyMeasurements() {}

  /**
   * Runs every node and pod query of {@code options} at {@code atMillis}. A failing query is logged
   * and counted, never fatal: the snapshot is written without its values.
   */
  public static Result collect(UsageSource usage, LegacyOptions options, long atMillis) {
    List<LegacyMeasurement> out = new ArrayList<>();
    int[] counts = new int[2];
    run(usage, options.nodeQueries(), Scope.NODE, atMillis, out, counts);
    run(usage, options.podQueries(), Scope.POD, atMillis, out, counts);
    return new Result(out, counts[0], counts[1]);
  }

  private static void run(
      UsageSource usage,
      List<LegacyQuery> queries,
      Scope scope,
      long atMillis,
      List<LegacyMeasurement> out,
      int[] counts) {
    Instant at = Instant.ofEpochMilli(atMillis);
    for (LegacyQuery q : queries) {
      List<UsageSource.Sample> samples;
      try {
        samples = usage.instant(q.promql(), at);
      } catch (UsageException e) {
        counts[0]++;
        LOG.atWarn()
            .addKeyValue("property", q.property())
            .addKeyValue("scope", scope)
            .addKeyValue("error", e.getMessage())
            .log("legacy measurement query failed");
        continue;
      }
      for (UsageSource.Sample s : samples) {
        String resource = s.labels().get(RESOURCE_LABEL);
        if (resource == null || resource.isEmpty() || !Double.isFinite(s.value())) {
          counts[1]++;
          continue;
        }
        out.add(new LegacyMeasurement(scope, q, resource, atMillis, s.value()));
      }
    }
  }
}
