package io.moraine.kube.watch;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.moraine.kube.model.Resources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A pod's effective requests and limits as the scheduler counts them: per resource, the larger of
 * what any init container needs while it runs (with the sidecars started before it) and what the
 * app containers need together (with every sidecar), plus the pod overhead. A sidecar is an init
 * container with {@code restartPolicy: Always}. A limit is absent for a resource when an app
 * container or sidecar has none for it (the pod is then unbounded there); the overhead is added to
 * every request and to the limits that are set.
 */
record Demand(Resources requests, Resources limits) {
  private static final String ALWAYS = "Always";

  static Demand of(
      @Nullable List<Container> init,
      @Nullable List<Container> app,
      @Nullable Map<String, Quantity> overhead) {
    List<Container> inits = init == null ? List.of() : init;
    List<Container> apps = app == null ? List.of() : app;
    Map<String, Quantity> over = overhead == null ? Map.of() : overhead;
    Map<String, Double> requests = effective(inits, apps, over, false);
    Map<String, Double> limits = effective(inits, apps, over, true);
    limits.keySet().removeIf(r -> unbounded(r, inits, apps));
    return new Demand(new Resources(requests), new Resources(limits));
  }

  private static Map<String, Double> effective(
      List<Container> inits, List<Container> apps, Map<String, Quantity> overhead, boolean limits) {
    Map<String, Double> sum = new HashMap<>();
    for (Container c : apps) {
      addAll(sum, amounts(c, limits));
    }
    Map<String, Double> sidecars = new HashMap<>();
    Map<String, Double> initPeak = new HashMap<>();
    for (Container c : inits) {
      Map<String, Double> own = amounts(c, limits);
      Map<String, Double> running;
      if (ALWAYS.equals(c.getRestartPolicy())) {
        addAll(sidecars, own);
        running = sidecars;
      } else {
        running = new HashMap<>(sidecars);
        addAll(running, own);
      }
      running.forEach((r, v) -> initPeak.merge(r, v, Math::max));
    }
    addAll(sum, sidecars);
    initPeak.forEach((r, v) -> sum.merge(r, v, Math::max));
    overhead.forEach(
        (r, q) -> {
          if (!limits || sum.containsKey(r)) {
            sum.merge(r, Convert.quantity(q, "overhead " + r), Double::sum);
          }
        });
    return sum;
  }

  /** True when an app container or sidecar sets no limit for {@code resource}. */
  private static boolean unbounded(String resource, List<Container> inits, List<Container> apps) {
    List<Container> running = new ArrayList<>(apps);
    for (Container c : inits) {
      if (ALWAYS.equals(c.getRestartPolicy())) {
        running.add(c);
      }
    }
    for (Container c : running) {
      if (!amounts(c, true).containsKey(resource)) {
        return true;
      }
    }
    return false;
  }

  /** A container's requests (or limits) by resource. */
  static Map<String, Double> amounts(Container c, boolean limits) {
    ResourceRequirements rr = c.getResources();
    Map<String, Quantity> q = rr == null ? null : limits ? rr.getLimits() : rr.getRequests();
    Map<String, Double> out = new HashMap<>();
    if (q != null) {
      q.forEach((r, v) -> out.put(r, Convert.quantity(v, "container " + c.getName() + " " + r)));
    }
    return out;
  }

  private static void addAll(Map<String, Double> into, Map<String, Double> from) {
    from.forEach((r, v) -> into.merge(r, v, Double::sum));
  }
}
