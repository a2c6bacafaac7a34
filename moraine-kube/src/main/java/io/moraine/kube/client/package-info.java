/**
 * The Kubernetes API through fabric8: building a client from {@link
 * io.moraine.kube.client.KubeClientOptions} and watching one kind of object over namespaces with
 * informers ({@link io.moraine.kube.client.ResourceCache}).
 */
@NullMarked
package io.moraine.kube.client;

import org.jspecify.annotations.NullMarked;
