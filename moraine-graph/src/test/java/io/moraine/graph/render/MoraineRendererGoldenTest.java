package io.moraine.graph.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.graph.shapes.Shapes;
import io.moraine.kube.model.ClusterState;
import io.moraine.kube.model.LifecycleEvent;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MoraineRendererGoldenTest {
  static final MoraineRenderer RENDERER = new MoraineRenderer(RenderOptions.defaults("edge-1"));
  static final ClusterState STATE = Fixtures.state();

  static Stream<String> fixtures() {
    return Fixtures.all().keySet().stream();
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void rendersAsTheGoldenFile(String name) {
    DatasetGraph d =
        Golden.dataset(RENDERER, java.util.Objects.requireNonNull(Fixtures.all().get(name)), STATE);
    assertThat(Golden.compare(name, d)).as(name).isEmpty();
  }

  @Test
  void siteRendersAsTheGoldenFile() {
    assertThat(Golden.compare("site", site())).isEmpty();
  }

  @Test
  void historyRendersAsTheGoldenFile() {
    assertThat(Golden.compare("history", history())).isEmpty();
  }

  @Test
  void everyRenderedGraphConformsToTheStandardShapes() {
    DatasetGraph all = DatasetGraphFactory.create();
    for (List<Record> objects : Fixtures.all().values()) {
      for (Record o : objects) {
        Golden.add(all, RENDERER.render(o, STATE));
      }
    }
    Golden.add(all, RENDERER.renderSite(STATE));
    all.addGraph(RENDERER.historyGraph(), Golden.union(history()));
    assertThat(Shapes.standard().validate(Golden.union(all))).isEmpty();
  }

  static DatasetGraph site() {
    DatasetGraph d = DatasetGraphFactory.create();
    Golden.prefixes(d);
    Golden.add(d, RENDERER.renderSite(STATE));
    return d;
  }

  static DatasetGraph history() {
    DatasetGraph d = DatasetGraphFactory.create();
    Golden.prefixes(d);
    var g = org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
    List<LifecycleEvent> events =
        List.of(
            new LifecycleEvent(
                Fixtures.ref("Job", "default", "batch"),
                LifecycleEvent.Type.STARTED,
                Fixtures.at(12).plusMillis(345),
                ""),
            new LifecycleEvent(
                Fixtures.ref("Job", "default", "batch"),
                LifecycleEvent.Type.STOPPED,
                Fixtures.at(300),
                "Completed"),
            new LifecycleEvent(
                Fixtures.ref("Pod", "default", "debug"),
                LifecycleEvent.Type.CREATED,
                Fixtures.at(10),
                ""));
    for (LifecycleEvent e : events) {
      RENDERER.history(e).find().forEachRemaining(g::add);
    }
    d.addGraph(RENDERER.historyGraph(), g);
    return d;
  }
}
