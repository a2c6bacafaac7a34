/**
 * How the server reaches a Kubernetes API server: one place that turns {@code api_server}, {@code
 * kubeconfig_file}, HTTP client settings or the pod's in-cluster settings into client options, for
 * both {@code kubernetes_sd_configs} and the {@code kubernetes} section.
 */
@NullMarked
package io.moraine.server.kube;

import org.jspecify.annotations.NullMarked;
