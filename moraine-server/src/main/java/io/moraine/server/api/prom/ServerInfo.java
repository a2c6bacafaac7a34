package io.moraine.server.api.prom;

import java.util.Map;
import java.util.Objects;

/**
 * What the status endpoints report about the running server.
 *
 * @param version Moraine's version ({@code dev} when run from classes)
 * @param startMillis when the server started, which is also when its configuration was loaded
 * @param storageRetention the retention as Prometheus prints it: {@code 15d}, {@code 512MiB},
 *     {@code 15d or 512MiB}
 * @param flags every flag of {@code server} with its value as text, as {@code status/flags} lists
 *     them
 */
public record ServerInfo(
    String version, long startMillis, String storageRetention, Map<String, String> flags) {
  public ServerInfo {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(storageRetention, "storageRetention");
    flags = Map.copyOf(flags);
  }
}
