package io.moraine.kube.watch;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Set;

/** The kinds the watcher lists and watches, with their fabric8 types. */
enum Kind {
  NODE(Node.class),
  NAMESPACE(Namespace.class),
  PVC(PersistentVolumeClaim.class),
  DEPLOYMENT(Deployment.class),
  REPLICA_SET(ReplicaSet.class),
  STATEFUL_SET(StatefulSet.class),
  DAEMON_SET(DaemonSet.class),
  JOB(Job.class),
  CRON_JOB(CronJob.class),
  POD(Pod.class),
  EVENT(Event.class);

  /** The Kubernetes kinds of workloads, as owner references name them. */
  static final Set<String> WORKLOAD_KINDS =
      Set.of("Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "CronJob");

  final Class<? extends HasMetadata> type;

  Kind(Class<? extends HasMetadata> type) {
    this.type = type;
  }

  boolean workload() {
    return WORKLOAD_KINDS.contains(type.getSimpleName());
  }
}
