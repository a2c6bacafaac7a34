package io.moraine.bench.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One application of the fleet: how it logs and what it serves.
 *
 * @param routes request path templates (see {@link Words}), most popular first
 * @param errorRate the share of its requests that fail with a 5xx outside bursts
 * @param weight its relative log volume
 */
record AppProfile(String name, AppKind kind, List<String> routes, double errorRate, double weight) {

  /** The app's Java/Go package-ish name: checkout, kafkaconnect. */
  String packageName() {
    return name.replace("-", "");
  }

  /** A route template, popular ones more often. */
  String route(LineContext c) {
    return routes.get(c.rng.nextInt(c.rng.nextInt(routes.size()) + 1));
  }

  private static String plural(String noun) {
    return noun.endsWith("s") ? noun + "es" : noun + "s";
  }

  static AppProfile create(String name, AppKind kind, SplittableRandom rng) {
    String main = name.endsWith("s") ? name.substring(0, name.length() - 1) : name;
    String other = plural(Words.NOUNS[rng.nextInt(Words.NOUNS.length)]);
    String third = plural(Words.NOUNS[rng.nextInt(Words.NOUNS.length)]);
    main = plural(main);
    List<String> routes = new ArrayList<>();
    routes.add("/api/v1/" + main + "/#");
    routes.add("/api/v1/" + main + "?page=#&limit=50");
    routes.add("/api/v1/" + main + "/#/" + other);
    routes.add("/api/v2/" + main + "/#?include=" + third);
    routes.add("/api/v1/" + other + "/#/" + main);
    routes.add("/healthz");
    routes.add("/api/v1/" + main + "/@/" + third + "/#");
    routes.add("/internal/" + main + "/sync?since=#");
    routes.add("/metrics");
    routes.add("/api/v1/" + third + "/#");
    double errorRate = 0.002 + rng.nextDouble() * 0.015;
    double weight = Math.exp(rng.nextGaussian() * 0.9);
    return new AppProfile(name, kind, List.copyOf(routes), errorRate, weight);
  }
}
