package io.moraine.graph.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.moraine.graph.shapes.Shapes;
import io.moraine.graph.shapes.Shapes.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Breaks every shape once (a required property missing, a wrong datatype) on a rendered graph. */
class StandardShapesTest {
  private static final Graph VALID = everything();

  static Stream<Arguments> breaks() {
    return Stream.of(
        missing(Vocab.K8s.WORKLOAD, Vocab.Glc.HAS_ID),
        wrong(Vocab.K8s.WORKLOAD, Vocab.Mor.CREATED),
        missing(Vocab.K8s.POD, Vocab.Glc.HAS_STATUS),
        wrong(Vocab.K8s.POD, Vocab.Mor.CREATED),
        missing(Vocab.K8s.CONTAINER, Vocab.K8s.HAS_CONTAINER_IMAGE),
        wrong(Vocab.K8s.CONTAINER, Vocab.Mor.INIT),
        missing(Vocab.Glc.STATUS, Vocab.Glc.HAS_DESCRIPTION),
        wrong(Vocab.Glc.STATUS, Vocab.Glc.START_TIME),
        missing(Vocab.Glc.SOFT_CONSTRAINT, Vocab.Glc.HAS_VALUE),
        wrong(Vocab.Glc.SOFT_CONSTRAINT, Vocab.Glc.HAS_VALUE),
        missing(Vocab.Glc.HARD_CONSTRAINT, Vocab.Glc.MEASURED_IN),
        wrong(Vocab.Glc.HARD_CONSTRAINT, Vocab.Glc.HAS_VALUE),
        missing(Vocab.K8s.NODE, Vocab.Glc.IS_LOCATED_IN),
        wrong(Vocab.K8s.NODE, Vocab.Mor.UNSCHEDULABLE),
        missing(Vocab.K8s.CPU, Vocab.Mor.RESOURCE),
        wrong(Vocab.K8s.CPU, Vocab.Mor.CAPACITY),
        missing(Vocab.K8s.GPU, Vocab.Glc.MEASURED_IN),
        wrong(Vocab.K8s.GPU, Vocab.Mor.ALLOCATABLE),
        missing(Vocab.K8s.NETWORK, Vocab.K8s.HAS_HOST_NAME),
        wrong(Vocab.K8s.NETWORK, Vocab.Mor.NIC_SPEED),
        missing(Vocab.Glc.SITE, Vocab.Mor.URL),
        wrong(Vocab.Glc.SITE, Vocab.Mor.URL),
        missing(Vocab.Mor.NAMESPACE, Vocab.Mor.CREATED),
        wrong(Vocab.Mor.NAMESPACE, Vocab.Mor.CREATED),
        missing(Vocab.Mor.PVC, Vocab.Mor.IN_NAMESPACE),
        wrong(Vocab.Mor.PVC, Vocab.Mor.REQUESTED),
        missing(Vocab.Mor.LABEL, Vocab.Mor.KEY),
        wrong(Vocab.Mor.LABEL, Vocab.Mor.VALUE),
        missing(Vocab.Mor.ANNOTATION, Vocab.Mor.VALUE),
        missing(Vocab.Mor.TELEMETRY, Vocab.Mor.LOGS),
        missing(Vocab.Mor.METRICS_DATASET, Vocab.Dcat.ACCESS_SERVICE),
        wrong(Vocab.Mor.METRICS_DATASET, Vocab.Mor.DASHBOARD),
        missing(Vocab.Mor.LOGS_DATASET, Vocab.Mor.LOGQL),
        wrong(Vocab.Mor.LOGS_DATASET, Vocab.Mor.DASHBOARD),
        missing(Vocab.Mor.METRIC, Vocab.Mor.PROMQL),
        wrong(Vocab.Mor.METRIC, Vocab.Mor.PROMQL),
        missing(Vocab.Dcat.DATA_SERVICE, Vocab.Dcat.ENDPOINT_URL),
        wrong(Vocab.Dcat.DATA_SERVICE, Vocab.Dcat.ENDPOINT_URL),
        missing(Vocab.Mor.LIFECYCLE_EVENT, Vocab.Mor.AT),
        wrong(Vocab.Mor.LIFECYCLE_EVENT, Vocab.Mor.AT));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("breaks")
  void aBrokenInstanceGetsItsViolation(String how, Node cls, Node property) {
    assertThat(Shapes.standard().validate(VALID)).isEmpty();
    Graph g = copy(VALID);
    Node focus = firstInstance(g, cls, property);
    List<Triple> old = g.find(focus, property, Node.ANY).toList();
    assertThat(old).as("fixture has %s on %s", property, focus).isNotEmpty();
    old.forEach(g::delete);
    if (how.equals("wrong")) {
      g.add(focus, property, wrongValue(old.get(0).getObject()));
    }
    List<Violation> v = Shapes.standard().validate(g);
    assertThat(v).isNotEmpty();
    assertThat(v)
        .anySatisfy(
            x -> {
              assertThat(x.focusNode()).isEqualTo("<" + focus.getURI() + ">");
              assertThat(x.path()).contains(property.getURI());
            });
  }

  private static Node wrongValue(Node old) {
    if (old.isLiteral() && old.getLiteralDatatype().equals(XSDDatatype.XSDinteger)) {
      return NodeFactory.createLiteralString("not a number");
    }
    return NodeFactory.createLiteralDT("42", XSDDatatype.XSDinteger);
  }

  private static Arguments missing(Node cls, Node p) {
    return Arguments.of("missing", cls, p);
  }

  private static Arguments wrong(Node cls, Node p) {
    return Arguments.of("wrong", cls, p);
  }

  private static Node firstInstance(Graph g, Node cls, Node property) {
    TreeSet<String> subjects = new TreeSet<>();
    g.find(Node.ANY, RDF.Nodes.type, cls)
        .filterKeep(t -> g.contains(t.getSubject(), property, Node.ANY))
        .forEachRemaining(t -> subjects.add(t.getSubject().getURI()));
    assertThat(subjects).as("instances of %s with %s", cls, property).isNotEmpty();
    return NodeFactory.createURI(subjects.first());
  }

  private static Graph copy(Graph g) {
    Graph c = GraphFactory.createDefaultGraph();
    g.find().forEachRemaining(c::add);
    return c;
  }

  private static Graph everything() {
    MoraineRenderer r = MoraineRendererGoldenTest.RENDERER;
    DatasetGraph d = DatasetGraphFactory.create();
    List<Record> all = new ArrayList<>();
    Fixtures.all().values().forEach(all::addAll);
    for (Record o : all) {
      Golden.add(d, r.render(o, Fixtures.state()));
    }
    Golden.add(d, r.renderSite(Fixtures.state()));
    d.addGraph(r.historyGraph(), Golden.union(MoraineRendererGoldenTest.history()));
    return Golden.union(d);
  }
}
