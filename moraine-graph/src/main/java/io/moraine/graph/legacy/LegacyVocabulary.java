package io.moraine.graph.legacy;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.vocabulary.RDF;

/**
 * The terms of the legacy shape. {@code glc:} terms are absolute pseudo-IRIs with the scheme {@code
 * glc} (what JSON-LD 1.1 processing of the original context produced, since its {@code glc} IRI
 * ends in neither {@code /} nor {@code #}); {@code k8s:} terms expand normally.
 */
final class LegacyVocabulary {
  /** The JSON-LD context's {@code glc} entry (not usable as a prefix, on purpose kept as is). */
  static final String GLC_CONTEXT_IRI =
      "https://glaciation-heu.github.io/models/reference_model.turtle";

  static final String K8S = "http://glaciation-project.eu/model/k8s/#";
  static final String RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
  static final String DEFAULT_CLUSTER_NAMESPACE = "https://kubernetes.local/#";

  static final Node TYPE = RDF.type.asNode();

  // classes
  static final Node WORK_PRODUCING_RESOURCE = glc("WorkProducingResource");
  static final Node ASSIGNED_TASK = glc("AssignedTask");
  static final Node STATUS = glc("Status");
  static final Node MEASUREMENT = glc("Measurement");
  static final Node AGGREGATED_MEASUREMENT = glc("AggregatedMeasurement");
  static final Node MEASURING_RESOURCE = glc("MeasuringResource");
  static final Node MEASUREMENT_UNIT = glc("MeasurementUnit");
  static final Node MEASUREMENT_PROPERTY = glc("MeasurementProperty");
  static final Node SOFT_CONSTRAINT = glc("SoftConstraint");
  static final Node HARD_CONSTRAINT = glc("HardConstraint");
  static final Node ASPECT = glc("Aspect");
  static final Node SCHEDULER = glc("Scheduler");

  // properties
  static final Node HAS_ID = glc("hasID");
  static final Node HAS_DESCRIPTION = glc("hasDescription");
  static final Node HAS_SUB_RESOURCE = glc("hasSubResource");
  static final Node HAS_SUB_TASK = glc("hasSubTask");
  static final Node HAS_MEASUREMENT = glc("hasMeasurement");
  static final Node HAS_STATUS = glc("hasStatus");
  static final Node HAS_ASPECT = glc("hasAspect");
  static final Node HAS_CONSTRAINT = glc("hasConstraint");
  static final Node CONSUMES = glc("consumes");
  static final Node ASSIGNS = glc("assigns");
  static final Node MAKES = glc("makes");
  static final Node MANAGES = glc("manages");
  static final Node MEASURED_IN = glc("measuredIn");
  static final Node START_TIME = glc("startTime");
  static final Node END_TIME = glc("endTime");
  static final Node HAS_VALUE = glc("hasValue");
  static final Node MAX_VALUE = glc("maxValue");
  static final Node HAS_TIMESTAMP = glc("hasTimestamp");
  static final Node RELATES_TO_PROPERTY = glc("relatesToMeasurementProperty");
  static final Node HAS_AGGREGATED_FUNCTION = glc("hasAggregatedFunction");
  static final Node STARTING_INTERVAL = glc("startingInterval");
  static final Node ENDING_INTERVAL = glc("endingInterval");
  static final Node K8S_HAS_NAME = k8s("hasName");
  static final Node K8S_HAS_CONTAINER_ID = k8s("hasContainerID");
  static final Node K8S_HAS_CONTAINER_NAME = k8s("hasContainerName");

  // shared individuals
  static final String PERFORMANCE = "Performance";
  static final String POWER = "Power";
  static final String RESOURCE_SPECIFICATION = "ResourceSpecification";
  static final String NVIDIA_PLUGIN = "NVidiaPlugin";
  static final String DEFAULT_SCHEDULER = "default-scheduler";

  private LegacyVocabulary() {}

  /** The pseudo-IRI {@code glc:<local>}. */
  static Node glc(String local) {
    return NodeFactory.createURI("glc:" + local);
  }

  static Node k8s(String local) {
    return NodeFactory.createURI(K8S + local);
  }

  /** What the original wrote as a measuring resource's description; its name when unknown. */
  static String sourceDescription(String source) {
    return switch (source) {
      case "Kepler" -> "Kepler metrics https://sustainable-computing.io/";
      case "cAdvisor" ->
          "cAdvisor metrics https://github.com/google/cadvisor/blob/master/docs/storage/prometheus.md";
      case NVIDIA_PLUGIN -> "NVidia Plugin https://github.com/NVIDIA/k8s-device-plugin";
      default -> source;
    };
  }
}
