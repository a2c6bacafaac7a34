package io.moraine.ingest.remotewrite;

/**
 * What a successful request stored.
 *
 * @param series series with at least one sample in the request (a series sent twice counts twice)
 * @param samples samples stored
 * @param dropped samples dropped because an earlier sample of the same request and series was not
 *     older (as Prometheus 2.42 drops them at commit, without failing the request)
 */
public record WriteResult(int series, long samples, long dropped) {}
