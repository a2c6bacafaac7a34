package io.moraine.kube.model;

/**
 * The site (one cluster).
 *
 * @param name from configuration, else kubeadm-config's clusterName, else the API server's host
 * @param nameSource {@code config}, {@code kubeadm-config} or {@code api-server}
 * @param apiServer the API server URL
 */
public record SiteInfo(String name, String nameSource, String apiServer) {}
