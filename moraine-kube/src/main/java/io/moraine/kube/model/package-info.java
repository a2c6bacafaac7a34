/**
 * Moraine's own view of the Kubernetes objects it watches: immutable records made from fabric8
 * objects ({@link io.moraine.kube.model.Convert}), with owner chains resolved and amounts in base
 * units (cores, bytes, counts). The graph and the kube-state metrics read only these, never fabric8
 * types. {@link io.moraine.kube.model.ClusterState} is one consistent view of a site; a {@link
 * io.moraine.kube.model.ClusterListener} is told of each change as it happens.
 */
@NullMarked
package io.moraine.kube.model;

import org.jspecify.annotations.NullMarked;
