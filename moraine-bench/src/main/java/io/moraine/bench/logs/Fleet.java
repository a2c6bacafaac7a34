package io.moraine.bench.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The fleet the corpus comes from: the apps of {@link Words#APPS}, each in {@code prod} and many in
 * {@code staging} and {@code dev}, with a few pods each on a pool of nodes, labelled as the agent
 * ships them ({@code ns}, {@code app}, {@code pod}, {@code container}, {@code node}, {@code job}).
 */
final class Fleet {
  /** The app whose 5xx lines the filter query counts; a JSON app in every namespace. */
  static final String FILTER_APP = "checkout";

  private static final String POD_CHARS = "bcdfghjklmnpqrstvwxz2456789";

  private Fleet() {}

  static List<StreamSpec> streams(long seed) {
    SplittableRandom rng = new SplittableRandom(seed ^ 0x5eed_f1ee7L);
    List<String> nodes = new ArrayList<>();
    for (int i = 0; i < 18; i++) {
      nodes.add(
          "ip-10-0-"
              + (16 * (i % 3) + rng.nextInt(16))
              + "-"
              + rng.nextInt(1, 255)
              + ".eu-west-1.compute.internal");
    }
    List<StreamSpec> streams = new ArrayList<>();
    double total = 0;
    for (int a = 0; a < Words.APPS.length; a++) {
      String name = Words.APPS[a];
      AppProfile app = AppProfile.create(name, kind(a, name), rng);
      if (name.equals(FILTER_APP)) {
        // the filter query's app: busy and failing now and then, so its answer is not tiny
        app = new AppProfile(name, app.kind(), app.routes(), 0.01, 2.5);
      }
      for (String ns : List.of("prod", "staging", "dev")) {
        boolean deployed =
            ns.equals("prod")
                || name.equals(FILTER_APP)
                || rng.nextDouble() < (ns.equals("staging") ? 0.7 : 0.5);
        if (!deployed) {
          continue;
        }
        int pods =
            ns.equals("prod") ? 2 + rng.nextInt(5) : ns.equals("staging") ? 1 + rng.nextInt(2) : 1;
        double volume =
            app.weight() * (ns.equals("prod") ? 1.0 : ns.equals("staging") ? 0.12 : 0.06);
        volume *= app.kind() == AppKind.NGINX || app.kind() == AppKind.ENVOY ? 2.5 : 1.0;
        String rs = word(rng, 9 + rng.nextInt(2));
        for (int p = 0; p < pods; p++) {
          String pod = name + "-" + rs + "-" + word(rng, 5);
          String node = nodes.get(rng.nextInt(nodes.size()));
          String labels =
              "{app=\""
                  + name
                  + "\", container=\""
                  + name
                  + "\", job=\""
                  + ns
                  + "/"
                  + name
                  + "\", node=\""
                  + node
                  + "\", ns=\""
                  + ns
                  + "\", pod=\""
                  + pod
                  + "\"}";
          double share = volume / pods * (0.8 + 0.4 * rng.nextDouble());
          total += share;
          streams.add(new StreamSpec(streams.size(), labels, ns, app, a, share));
        }
      }
    }
    List<StreamSpec> normalised = new ArrayList<>(streams.size());
    for (StreamSpec s : streams) {
      normalised.add(
          new StreamSpec(
              s.id(), s.labels(), s.namespace(), s.app(), s.appIndex(), s.share() / total));
    }
    return normalised;
  }

  private static AppKind kind(int index, String name) {
    return switch (name) {
      case "ingress-nginx", "frontend", "media", "thumbnails" -> AppKind.NGINX;
      case "gateway", "metrics-proxy" -> AppKind.ENVOY;
      default -> AppKind.values()[index % 3];
    };
  }

  private static String word(SplittableRandom rng, int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(POD_CHARS.charAt(rng.nextInt(POD_CHARS.length())));
    }
    return b.toString();
  }
}
