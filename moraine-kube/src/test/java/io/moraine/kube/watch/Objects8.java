package io.moraine.kube.watch;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;

/** Kubernetes objects for the watcher tests. */
final class Objects8 {
  static final String CREATED = "2025-03-01T10:00:00Z";

  private Objects8() {}

  static PodTemplateSpec template() {
    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .addToLabels("app", "web")
        .endMetadata()
        .withNewSpec()
        .addToInitContainers(
            new ContainerBuilder(DemandTest.container("init", "1", "32Mi", "")).build())
        .addToContainers(DemandTest.container("app", "250m", "64Mi", "500m"))
        .addToContainers(DemandTest.container("side", "250m", "64Mi", "500m"))
        .endSpec()
        .build();
  }

  static Deployment deployment(String ns, String name) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withNamespace(ns)
        .withName(name)
        .withCreationTimestamp(CREATED)
        .endMetadata()
        .withNewSpec()
        .withReplicas(2)
        .withTemplate(template())
        .endSpec()
        .build();
  }

  static ReplicaSet replicaSet(String ns, String name, HasMetadata owner) {
    return new ReplicaSetBuilder()
        .withNewMetadata()
        .withNamespace(ns)
        .withName(name)
        .withCreationTimestamp(CREATED)
        .withOwnerReferences(ownerRef(owner))
        .endMetadata()
        .withNewSpec()
        .withReplicas(2)
        .withTemplate(template())
        .endSpec()
        .build();
  }

  static Job job(String ns, String name) {
    return new JobBuilder()
        .withNewMetadata()
        .withNamespace(ns)
        .withName(name)
        .withCreationTimestamp(CREATED)
        .endMetadata()
        .withNewSpec()
        .withTemplate(template())
        .endSpec()
        .build();
  }

  /** A pending pod with {@link #template()}'s containers, owned by {@code owner}. */
  static Pod pod(String ns, String name, HasMetadata owner) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace(ns)
        .withName(name)
        .withCreationTimestamp(CREATED)
        .withOwnerReferences(ownerRef(owner))
        .endMetadata()
        .withSpec(template().getSpec())
        .withNewStatus()
        .withPhase("Pending")
        .endStatus()
        .build();
  }

  static io.fabric8.kubernetes.api.model.OwnerReference ownerRef(HasMetadata owner) {
    return new OwnerReferenceBuilder()
        .withApiVersion(owner.getApiVersion())
        .withKind(owner.getKind())
        .withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid())
        .withController(true)
        .build();
  }

  static Quantity q(String s) {
    return new Quantity(s);
  }
}
