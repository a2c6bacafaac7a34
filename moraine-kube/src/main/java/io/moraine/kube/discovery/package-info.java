/**
 * Prometheus 2.42's {@code kubernetes_sd_configs}: the {@code node}, {@code pod}, {@code service},
 * {@code endpoints}, {@code endpointslice} and {@code ingress} roles as one {@link
 * io.moraine.core.discovery.Discoverer}, with Prometheus's sources, addresses and {@code
 * __meta_kubernetes_*} labels. With {@code attach_metadata: {node: true}} the {@code pod}, {@code
 * endpoints} and {@code endpointslice} roles also watch nodes and add the name and labels of each
 * target's node, re-sending the targets on a node when it changes.
 *
 * <table>
 *   <caption>Roles</caption>
 *   <tr><th>role</th><th>objects watched</th><th>one group per</th><th>source</th></tr>
 *   <tr><td>node</td><td>nodes</td><td>node</td><td>{@code node/<name>}</td></tr>
 *   <tr><td>pod</td><td>pods</td><td>pod</td><td>{@code pod/<ns>/<name>}</td></tr>
 *   <tr><td>service</td><td>services</td><td>service</td><td>{@code svc/<ns>/<name>}</td></tr>
 *   <tr><td>endpoints</td><td>endpoints, services, pods</td><td>endpoints</td>
 *       <td>{@code endpoints/<ns>/<name>}</td></tr>
 *   <tr><td>endpointslice</td><td>discovery.k8s.io/v1 endpointslices, services, pods</td>
 *       <td>endpointslice</td><td>{@code endpointslice/<ns>/<name>}</td></tr>
 *   <tr><td>ingress</td><td>networking.k8s.io/v1 ingresses</td><td>ingress</td>
 *       <td>{@code ingress/<ns>/<name>}</td></tr>
 * </table>
 */
@NullMarked
package io.moraine.kube.discovery;

import org.jspecify.annotations.NullMarked;
