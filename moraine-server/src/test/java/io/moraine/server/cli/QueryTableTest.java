package io.moraine.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The table {@code moraine query} prints for each result type of Prometheus' API. */
class QueryTableTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<String> lines(String data) throws Exception {
    return QueryTable.lines(JSON.readTree(data));
  }

  @Test
  void vectorLabelsAlignedThenValues() throws Exception {
    assertThat(
            lines(
                "{\"resultType\":\"vector\",\"result\":["
                    + "{\"metric\":{\"__name__\":\"up\",\"job\":\"node\"},\"value\":[1.5,\"1\"]},"
                    + "{\"metric\":{\"job\":\"a\\\"b\"},\"value\":[1.5,\"+Inf\"]},"
                    + "{\"metric\":{},\"value\":[1.5,\"1e-07\"]}]}"))
        .containsExactly(
            "up{job=\"node\"}  1", "{job=\"a\\\"b\"}    +Inf", "{}              1e-07");
  }

  @Test
  void matrixPointsAsTimeEqualsValue() throws Exception {
    assertThat(
            lines(
                "{\"resultType\":\"matrix\",\"result\":["
                    + "{\"metric\":{\"__name__\":\"up\"},\"values\":[[0,\"1\"],[15.5,\"NaN\"]]},"
                    + "{\"metric\":{\"a\":\"b\"}}]}"))
        .containsExactly("up       0=1 15.5=NaN", "{a=\"b\"}");
  }

  @Test
  void scalarAndStringAreTheirValue() throws Exception {
    assertThat(lines("{\"resultType\":\"scalar\",\"result\":[1.5,\"0.0000001\"]}"))
        .containsExactly("0.0000001");
    assertThat(lines("{\"resultType\":\"string\",\"result\":[1.5,\"hello\"]}"))
        .containsExactly("hello");
  }

  @Test
  void emptyResultsAreNoLines() throws Exception {
    assertThat(lines("{\"resultType\":\"vector\",\"result\":[]}")).isEmpty();
    assertThat(lines("{\"resultType\":\"matrix\",\"result\":[]}")).isEmpty();
  }

  @Test
  void somethingElseIsRefused() {
    assertThatThrownBy(() -> lines("[\"up\"]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a query result: resultType ");
  }
}
