package io.moraine.rules.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.core.labels.Labels;
import io.moraine.core.storage.Appender;
import io.moraine.promql.engine.Engine;
import io.moraine.promql.engine.EngineOptions;
import io.moraine.promql.engine.QueryContext;
import io.moraine.promql.parser.Parser;
import io.moraine.promql.value.InstantVector;
import io.moraine.promql.value.QueryValue;
import io.moraine.promql.value.Sample;
import io.moraine.promql.value.Scalar;
import io.moraine.testkit.storage.ReferenceStorage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code query} in templates through a real PromQL engine over the reference store. */
class QueryTemplateTest {
  private static final long T = 60_000;

  private static QueryFunc engineQuery(ReferenceStorage store) {
    Engine engine = new Engine(EngineOptions.DEFAULT);
    return (q, t) -> {
      QueryValue v = engine.instant(store, Parser.parse(q), t, QueryContext.unlimited());
      List<QuerySample> out = new ArrayList<>();
      switch (v) {
        case InstantVector iv -> {
          for (Sample s : iv.samples()) {
            Map<String, String> m = new HashMap<>();
            for (int i = 0; i < s.labels().size(); i++) {
              m.put(s.labels().name(i), s.labels().value(i));
            }
            out.add(new QuerySample(m, s.v()));
          }
        }
        case Scalar s -> out.add(new QuerySample(Map.of(), s.v()));
        default -> throw new IllegalArgumentException("unexpected result type " + v.type());
      }
      return out;
    };
  }

  private static ReferenceStorage store() {
    ReferenceStorage store = new ReferenceStorage();
    Appender app = store.appender();
    app.append(Labels.of("__name__", "up", "instance", "b:9100", "job", "node"), T, 0);
    app.append(Labels.of("__name__", "up", "instance", "a:9100", "job", "node"), T, 1);
    app.append(Labels.of("__name__", "up", "instance", "c:9100", "job", "api"), T, 1);
    app.commit();
    return store;
  }

  private static String expand(String text) {
    TemplateData data =
        new TemplateData(
            Map.of("job", "node"), 1, Map.of(), "http://localhost:9090", T, engineQuery(store()));
    return GoTemplates.expand("q", text, data);
  }

  @Test
  void rangesOverSortedResults() {
    assertThat(
            expand(
                "{{ range query \"up\" | sortByLabel \"instance\" }}"
                    + "{{ .Labels.instance | stripPort }}={{ .Value }} {{ end }}"))
        .isEqualTo("a=1 b=0 c=1 ");
  }

  @Test
  void usesLabelsOfTheAlertInTheQuery() {
    assertThat(
            expand(
                "{{ printf \"sum(up{job='%s'})\" $labels.job | query | first | value"
                    + " | humanizePercentage }}"))
        .isEqualTo("100%");
  }

  @Test
  void scalarsComeBackAsOneSampleWithoutLabels() {
    assertThat(
            expand(
                "{{ with query \"scalar(sum(up))\" }}{{ (index . 0).Value }}"
                    + " {{ len (index . 0).Labels }}{{ end }}"))
        .isEqualTo("2 0");
  }

  @Test
  void emptyResultsTakeTheElseBranch() {
    assertThat(expand("{{ range query \"up{job='none'}\" }}x{{ else }}no series{{ end }}"))
        .isEqualTo("no series");
  }

  @Test
  void badQueriesFailTheTemplateWithTheParserMessage() {
    assertThat(expand("{{ query \"sum(\" }}"))
        .startsWith("<error expanding template: error executing template __alert_q: template:")
        .contains("error calling query: ");
  }
}
