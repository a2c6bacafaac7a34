package io.moraine.graph.sync;

import java.time.Instant;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/** The few terms the sync writes itself (the renderer owns all others). */
final class Vocab {
  static final String GLC = "https://glaciation-project.eu/MetadataReferenceModel#";

  /** Moraine's own terms (provenance of summaries). */
  static final String MOR = "https://moraine.dev/ns#";

  static final Node HAS_STATUS = NodeFactory.createURI(GLC + "hasStatus");
  static final Node END_TIME = NodeFactory.createURI(GLC + "endTime");
  static final Node AGGREGATED_MEASUREMENT = NodeFactory.createURI(GLC + "AggregatedMeasurement");
  static final Node HAS_RESOURCE_MEASUREMENT =
      NodeFactory.createURI(GLC + "hasResourceMeasurement");
  static final Node HAS_TASK_REALIZED_MEASUREMENT =
      NodeFactory.createURI(GLC + "hasTaskRealizedMeasurement");
  static final Node HAS_VALUE = NodeFactory.createURI(GLC + "hasValue");
  static final Node MEASURED_IN = NodeFactory.createURI(GLC + "measuredIn");
  static final Node HAS_DESCRIPTION = NodeFactory.createURI(GLC + "hasDescription");

  /** The ontology's own spelling of this property (sic: "Funtion"), kept so queries match it. */
  static final Node HAS_AGGREGATED_FUNCTION = NodeFactory.createURI(GLC + "hasAggregatedFuntion");

  static final Node STARTING_INTERVAL = NodeFactory.createURI(GLC + "startingInterval");
  static final Node ENDING_INTERVAL = NodeFactory.createURI(GLC + "endingInterval");
  static final Node TIME_STEP_RESOLUTION = NodeFactory.createURI(GLC + "timeStepResolution");
  static final Node PROMQL = NodeFactory.createURI(MOR + "promql");
  static final Node RDF_TYPE =
      NodeFactory.createURI("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");

  private Vocab() {}

  static Node dateTime(Instant t) {
    return NodeFactory.createLiteralDT(t.toString(), XSDDatatype.XSDdateTime);
  }
}
