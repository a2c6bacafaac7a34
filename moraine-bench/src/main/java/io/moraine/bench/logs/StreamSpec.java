package io.moraine.bench.logs;

/**
 * One stream of the fleet: a container of a pod.
 *
 * @param labels the stream's labels in Loki's form, {@code {app="…", container="…", …}}
 * @param appIndex the app's index in the fleet (its pods burst together)
 * @param share the stream's share of the fleet's events
 */
record StreamSpec(
    int id, String labels, String namespace, AppProfile app, int appIndex, double share) {}
