/**
 * Watching a site: fabric8 informers over the Kubernetes objects Moraine models, converted to the
 * records of {@link io.moraine.kube.model} with owner chains resolved, lifecycle events detected
 * from the informers' events with Kubernetes' own times, and every change told to {@link
 * io.moraine.kube.model.ClusterListener}s in order ({@link io.moraine.kube.watch.ClusterWatcher}).
 * {@link io.moraine.kube.watch.Quantities} reads Kubernetes resource quantities.
 */
@NullMarked
package io.moraine.kube.watch;

import org.jspecify.annotations.NullMarked;
