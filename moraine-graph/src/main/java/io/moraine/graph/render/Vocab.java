package io.moraine.graph.render;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/**
 * The IRIs Moraine's graph uses, by vocabulary: the GLACIATION Metadata Reference Model ({@link
 * Glc}) and its Kubernetes specialisation ({@link K8s}), Moraine's own terms where the model lacks
 * one ({@link Mor}), DCAT and Dublin Core for datasets ({@link Dcat}), and QUDT units ({@link
 * Unit}). docs/graph.md lists every term with its meaning. Constants only; thread-safe.
 */
public final class Vocab {
  private Vocab() {}

  private static Node iri(String ns, String local) {
    return NodeFactory.createURI(ns + local);
  }

  /** GLC-MRM v1.1.0 core terms ({@code glc:}). */
  public static final class Glc {
    private Glc() {}

    public static final String NS = "https://glaciation-project.eu/MetadataReferenceModel#";

    public static final Node ASSIGNED_TASK = iri(NS, "AssignedTask");
    public static final Node WORK_PRODUCING_RESOURCE = iri(NS, "WorkProducingResource");
    public static final Node SITE = iri(NS, "Site");
    public static final Node STATUS = iri(NS, "Status");
    public static final Node SOFT_CONSTRAINT = iri(NS, "SoftConstraint");
    public static final Node HARD_CONSTRAINT = iri(NS, "HardConstraint");
    public static final Node MEASUREMENT = iri(NS, "Measurement");
    public static final Node AGGREGATED_MEASUREMENT = iri(NS, "AggregatedMeasurement");
    public static final Node MEASURING_RESOURCE = iri(NS, "MeasuringResource");
    public static final Node MEASUREMENT_PROPERTY = iri(NS, "MeasurementProperty");
    public static final Node ASPECT = iri(NS, "Aspect");

    public static final Node HAS_SUB_RESOURCE = iri(NS, "hasSubResource");
    public static final Node CONSUMES = iri(NS, "consumes");
    public static final Node HAS_CONSTRAINT = iri(NS, "hasConstraint");
    public static final Node HAS_RESOURCE_MEASUREMENT = iri(NS, "hasResourceMeasurement");
    public static final Node HAS_TASK_REALIZED_MEASUREMENT = iri(NS, "hasTaskRealizedMeasurement");
    public static final Node HAS_TASK_PREDICTED_MEASUREMENT =
        iri(NS, "hasTaskPredictedMeasurement");
    public static final Node MAKES_MEASUREMENT = iri(NS, "makesMeasurement");
    public static final Node MEASURED_IN = iri(NS, "measuredIn");
    public static final Node HAS_STATUS = iri(NS, "hasStatus");
    public static final Node START_TIME = iri(NS, "startTime");
    public static final Node END_TIME = iri(NS, "endTime");
    public static final Node HAS_ID = iri(NS, "hasID");
    public static final Node HAS_DESCRIPTION = iri(NS, "hasDescription");
    public static final Node HAS_VALUE = iri(NS, "hasValue");
    public static final Node HAS_TIMESTAMP = iri(NS, "hasTimestamp");
    public static final Node HAS_ASPECT = iri(NS, "hasAspect");
    public static final Node IS_LOCATED_IN = iri(NS, "isLocatedIn");
    public static final Node RELATES_TO_MEASUREMENT_PROPERTY =
        iri(NS, "relatesToMeasurementProperty");
    public static final Node STARTING_INTERVAL = iri(NS, "startingInterval");
    public static final Node ENDING_INTERVAL = iri(NS, "endingInterval");

    /** Spelled as the ontology spells it (sic). */
    public static final Node HAS_AGGREGATED_FUNTION = iri(NS, "hasAggregatedFuntion");
  }

  /**
   * The model's Kubernetes specialisation, which lives under its own namespace {@code
   * https://glaciation-project.eu/MetadataReferenceModel/kubernetes#} ({@code k8s:}), not {@code
   * glc:}.
   */
  public static final class K8s {
    private K8s() {}

    public static final String NS =
        "https://glaciation-project.eu/MetadataReferenceModel/kubernetes#";

    public static final Node WORKLOAD = iri(NS, "Workload");
    public static final Node DEPLOYMENT_WORKLOAD = iri(NS, "DeploymentWorkload");
    public static final Node STATEFUL_SET_WORKLOAD = iri(NS, "StatefulSetWorkload");
    public static final Node DAEMON_SET_WORKLOAD = iri(NS, "DaemonSetWorkload");
    public static final Node JOB_WORKLOAD = iri(NS, "JobWorkload");
    public static final Node CLUSTER = iri(NS, "Cluster");
    public static final Node NODE = iri(NS, "Node");
    public static final Node POD = iri(NS, "POD");
    public static final Node CONTAINER = iri(NS, "Container");
    public static final Node CPU = iri(NS, "CPU");
    public static final Node GPU = iri(NS, "GPU");
    public static final Node RAM = iri(NS, "RAM");
    public static final Node STORAGE = iri(NS, "Storage");
    public static final Node NETWORK = iri(NS, "Network");

    public static final Node HAS_ARCHITECTURE = iri(NS, "hasArchitecture");
    public static final Node HAS_CONTAINER_IMAGE = iri(NS, "hasContainerImage");
    public static final Node HAS_SOFTWARE_VERSION = iri(NS, "hasSoftwareVersion");
    public static final Node HAS_HOST_NAME = iri(NS, "hasHostName");
    public static final Node HAS_NETWORK_IP = iri(NS, "hasNetworkIP");
  }

  /** Moraine's own terms ({@code mor:}) for what the reference model lacks. */
  public static final class Mor {
    private Mor() {}

    public static final String NS = "https://moraine.dev/ns#";

    public static final Node REPLICA_SET_WORKLOAD = iri(NS, "ReplicaSetWorkload");
    public static final Node CRON_JOB_WORKLOAD = iri(NS, "CronJobWorkload");
    public static final Node NAMESPACE = iri(NS, "Namespace");
    public static final Node PVC = iri(NS, "PersistentVolumeClaim");
    public static final Node LABEL = iri(NS, "Label");
    public static final Node ANNOTATION = iri(NS, "Annotation");
    public static final Node TELEMETRY = iri(NS, "Telemetry");
    public static final Node METRICS_DATASET = iri(NS, "MetricsDataset");
    public static final Node LOGS_DATASET = iri(NS, "LogsDataset");
    public static final Node METRIC = iri(NS, "Metric");
    public static final Node LIFECYCLE_EVENT = iri(NS, "LifecycleEvent");

    public static final Node NAME = iri(NS, "name");
    public static final Node KIND = iri(NS, "kind");
    public static final Node UID = iri(NS, "uid");
    public static final Node IN_NAMESPACE = iri(NS, "namespace");
    public static final Node HAS_LABEL = iri(NS, "hasLabel");
    public static final Node HAS_ANNOTATION = iri(NS, "hasAnnotation");
    public static final Node KEY = iri(NS, "key");
    public static final Node VALUE = iri(NS, "value");
    public static final Node IMAGE = iri(NS, "image");
    public static final Node OWNER = iri(NS, "owner");
    public static final Node WORKLOAD = iri(NS, "workload");
    public static final Node CREATED = iri(NS, "created");
    public static final Node RESOURCE = iri(NS, "resource");
    public static final Node REPLICAS_DESIRED = iri(NS, "replicasDesired");
    public static final Node REPLICAS_READY = iri(NS, "replicasReady");
    public static final Node REPLICAS_AVAILABLE = iri(NS, "replicasAvailable");
    public static final Node SCHEDULE = iri(NS, "schedule");
    public static final Node REASON = iri(NS, "reason");
    public static final Node INIT = iri(NS, "init");
    public static final Node CONTAINER_ID = iri(NS, "containerId");
    public static final Node RESTART_COUNT = iri(NS, "restartCount");
    public static final Node EXIT_CODE = iri(NS, "exitCode");
    public static final Node QOS_CLASS = iri(NS, "qosClass");
    public static final Node SCHEDULER_NAME = iri(NS, "schedulerName");
    public static final Node CLAIMS = iri(NS, "claims");
    public static final Node CAPACITY = iri(NS, "capacity");
    public static final Node ALLOCATABLE = iri(NS, "allocatable");
    public static final Node OPERATING_SYSTEM = iri(NS, "operatingSystem");
    public static final Node OS_IMAGE = iri(NS, "osImage");
    public static final Node KERNEL_VERSION = iri(NS, "kernelVersion");
    public static final Node CONTAINER_RUNTIME = iri(NS, "containerRuntimeVersion");
    public static final Node PROVIDER_ID = iri(NS, "providerId");
    public static final Node UNSCHEDULABLE = iri(NS, "unschedulable");
    public static final Node CONDITION = iri(NS, "condition");
    public static final Node NIC_SPEED = iri(NS, "nicSpeed");
    public static final Node GPU_MODEL = iri(NS, "gpuModel");
    public static final Node STORAGE_CLASS = iri(NS, "storageClass");
    public static final Node REQUESTED = iri(NS, "requested");
    public static final Node VOLUME_NAME = iri(NS, "volumeName");
    public static final Node URL = iri(NS, "url");
    public static final Node API_SERVER = iri(NS, "apiServer");
    public static final Node NAME_SOURCE = iri(NS, "nameSource");
    public static final Node HAS_TELEMETRY = iri(NS, "telemetry");
    public static final Node METRICS = iri(NS, "metrics");
    public static final Node LOGS = iri(NS, "logs");
    public static final Node HAS_METRIC = iri(NS, "metric");
    public static final Node DATASET_TYPE = iri(NS, "datasetType");
    public static final Node SOURCE_TYPE = iri(NS, "sourceType");
    public static final Node PROMQL = iri(NS, "promql");
    public static final Node LOGQL = iri(NS, "logql");
    public static final Node DASHBOARD = iri(NS, "dashboard");
    public static final Node SUBJECT = iri(NS, "subject");
    public static final Node EVENT_TYPE = iri(NS, "eventType");
    public static final Node AT = iri(NS, "at");
  }

  /** DCAT and Dublin Core terms for the telemetry datasets. */
  public static final class Dcat {
    private Dcat() {}

    public static final String NS = "http://www.w3.org/ns/dcat#";
    public static final String DCTERMS = "http://purl.org/dc/terms/";

    public static final Node DATASET = iri(NS, "Dataset");
    public static final Node DATA_SERVICE = iri(NS, "DataService");
    public static final Node ACCESS_SERVICE = iri(NS, "accessService");
    public static final Node ENDPOINT_URL = iri(NS, "endpointURL");
    public static final Node TITLE = iri(DCTERMS, "title");
  }

  /** QUDT units. Cores and GPU utilisation are explained in docs/graph.md. */
  public static final class Unit {
    private Unit() {}

    public static final String NS = "http://qudt.org/vocab/unit/";

    public static final Node BYTE = iri(NS, "BYTE");
    public static final Node BYTE_PER_SEC = iri(NS, "BYTE-PER-SEC");
    public static final Node BIT_PER_SEC = iri(NS, "BIT-PER-SEC");
    public static final Node WATT = iri(NS, "W");
    public static final Node JOULE = iri(NS, "J");
    public static final Node PERCENT = iri(NS, "PERCENT");

    /**
     * Dimensionless counts: CPU cores (CPU-seconds per second, as Kubernetes counts {@code cpu}),
     * GPUs, pods.
     */
    public static final Node NUM = iri(NS, "NUM");
  }
}
