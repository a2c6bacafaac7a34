package io.moraine.server.api.prom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import io.moraine.core.labels.Labels;
import io.moraine.promql.value.InstantVector;
import io.moraine.promql.value.QueryValue;
import io.moraine.promql.value.RangeMatrix;
import io.moraine.promql.value.Sample;
import io.moraine.promql.value.Scalar;
import io.moraine.promql.value.SeriesPoints;
import io.moraine.promql.value.StringValue;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bytes of each result type, as Prometheus 2.42 writes them. */
class QueryResultJsonTest {
  private static String json(QueryValue v) throws IOException {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = ApiJson.FACTORY.createGenerator(w)) {
      QueryResultJson.write(g, v);
    }
    return w.toString();
  }

  @Test
  void vector() throws IOException {
    var v =
        new InstantVector(
            List.of(
                new Sample(Labels.of("__name__", "up", "job", "a"), 1435781451781L, 1),
                new Sample(Labels.EMPTY, 1500, 0.0000001),
                new Sample(Labels.of("x", "y"), 2000, Double.NaN)));
    assertThat(json(v))
        .isEqualTo(
            "{\"resultType\":\"vector\",\"result\":["
                + "{\"metric\":{\"__name__\":\"up\",\"job\":\"a\"},\"value\":[1435781451.781,\"1\"]},"
                + "{\"metric\":{},\"value\":[1.500,\"1e-07\"]},"
                + "{\"metric\":{\"x\":\"y\"},\"value\":[2,\"NaN\"]}]}");
  }

  @Test
  void emptyVectorAndMatrixAreEmptyArrays() throws IOException {
    assertThat(json(new InstantVector(List.of())))
        .isEqualTo("{\"resultType\":\"vector\",\"result\":[]}");
    assertThat(json(new RangeMatrix(List.of())))
        .isEqualTo("{\"resultType\":\"matrix\",\"result\":[]}");
  }

  @Test
  void matrixUsesValuesAndOnlyTheFirstSizePoints() throws IOException {
    var m =
        new RangeMatrix(
            List.of(
                new SeriesPoints(
                    Labels.of("__name__", "up"),
                    new long[] {0, 15_000, 30_000, 99},
                    new double[] {1, Double.POSITIVE_INFINITY, -2.5, 99},
                    3),
                new SeriesPoints(Labels.of("a", "b"), new long[0], new double[0], 0)));
    assertThat(json(m))
        .isEqualTo(
            "{\"resultType\":\"matrix\",\"result\":["
                + "{\"metric\":{\"__name__\":\"up\"},\"values\":[[0,\"1\"],[15,\"+Inf\"],[30,\"-2.5\"]]},"
                + "{\"metric\":{\"a\":\"b\"}}]}");
  }

  @Test
  void scalarAndString() throws IOException {
    assertThat(json(new Scalar(1500, 0.0000001)))
        .isEqualTo("{\"resultType\":\"scalar\",\"result\":[1.5,\"0.0000001\"]}");
    assertThat(json(new Scalar(-1, Double.NEGATIVE_INFINITY)))
        .isEqualTo("{\"resultType\":\"scalar\",\"result\":[-0.001,\"-Inf\"]}");
    assertThat(json(new StringValue(1435781451781L, "a<b")))
        .isEqualTo("{\"resultType\":\"string\",\"result\":[1435781451.781,\"a\\u003cb\"]}");
  }
}
