package io.moraine.agent.cgroup;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a Kubernetes {@code PodList} (kubelet {@code /pods} or API server {@code /api/v1/pods})
 * with Jackson's streaming parser, keeping only what labels need: metadata uid/name/namespace, the
 * spec's container images, and the statuses' container IDs, names and images. Unknown fields are
 * skipped. Stateless and thread-safe.
 */
final class PodListParser {
  private static final JsonFactory JSON = new JsonFactory();

  /** The pods and containers of one list. */
  record Snapshot(Map<String, PodDirectory.Pod> pods, Map<String, PodDirectory.Container> byId) {}

  private PodListParser() {}

  static Snapshot parse(InputStream in) throws IOException {
    Map<String, PodDirectory.Pod> pods = new HashMap<>();
    Map<String, PodDirectory.Container> byId = new HashMap<>();
    try (JsonParser p = JSON.createParser(in)) {
      expect(p, p.nextToken(), JsonToken.START_OBJECT);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        if ("items".equals(field) && t == JsonToken.START_ARRAY) {
          while (p.nextToken() == JsonToken.START_OBJECT) {
            item(p, pods, byId);
          }
        } else {
          p.skipChildren();
        }
      }
    }
    return new Snapshot(Map.copyOf(pods), Map.copyOf(byId));
  }

  private record Status(String name, String image, String id) {}

  private static void item(
      JsonParser p, Map<String, PodDirectory.Pod> pods, Map<String, PodDirectory.Container> byId)
      throws IOException {
    String uid = "";
    String name = "";
    String namespace = "";
    Map<String, String> specImages = new HashMap<>();
    List<Status> statuses = new ArrayList<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      if (t != JsonToken.START_OBJECT) {
        p.skipChildren();
        continue;
      }
      switch (field) {
        case "metadata" -> {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken v = p.nextToken();
            if (v == JsonToken.VALUE_STRING) {
              switch (f) {
                case "uid" -> uid = p.getText();
                case "name" -> name = p.getText();
                case "namespace" -> namespace = p.getText();
                default -> {}
              }
            } else {
              p.skipChildren();
            }
          }
        }
        case "spec" -> arrays(p, "containers", "initContainers", specImages, null);
        case "status" -> arrays(p, "containerStatuses", "initContainerStatuses", null, statuses);
        default -> p.skipChildren();
      }
    }
    if (uid.isEmpty()) {
      return;
    }
    PodDirectory.Pod pod = new PodDirectory.Pod(uid, namespace, name);
    pods.put(uid, pod);
    for (Status s : statuses) {
      if (!s.id().isEmpty()) {
        String image = s.image().isEmpty() ? specImages.getOrDefault(s.name(), "") : s.image();
        byId.put(s.id(), new PodDirectory.Container(pod, s.name(), image));
      }
    }
  }

  /** Reads the object's two container arrays into spec images or statuses. */
  private static void arrays(
      JsonParser p,
      String first,
      String second,
      @Nullable Map<String, String> specImages,
      @Nullable List<Status> statuses)
      throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      JsonToken t = p.nextToken();
      if ((f.equals(first) || f.equals(second)) && t == JsonToken.START_ARRAY) {
        while (p.nextToken() == JsonToken.START_OBJECT) {
          String name = "";
          String image = "";
          String id = "";
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            JsonToken v = p.nextToken();
            if (v == JsonToken.VALUE_STRING) {
              switch (k) {
                case "name" -> name = p.getText();
                case "image" -> image = p.getText();
                case "containerID" -> id = stripScheme(p.getText());
                default -> {}
              }
            } else {
              p.skipChildren();
            }
          }
          if (specImages != null) {
            specImages.put(name, image);
          } else if (statuses != null) {
            statuses.add(new Status(name, image, id));
          }
        }
      } else {
        p.skipChildren();
      }
    }
  }

  /** {@code containerd://abc} → {@code abc}. */
  static String stripScheme(String containerId) {
    int at = containerId.indexOf("://");
    return at < 0 ? containerId : containerId.substring(at + 3);
  }

  private static void expect(JsonParser p, @Nullable JsonToken got, JsonToken want)
      throws IOException {
    if (got != want) {
      throw new JsonParseException(p, "PodList: expected " + want + " but found " + got);
    }
  }
}
