package io.moraine.agent.sysfs;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Settings of the {@link NetdevCollector}, as node_exporter's {@code
 * --collector.netdev.device-exclude} and {@code --collector.netdev.device-include}.
 *
 * @param deviceExclude devices to skip (matched anywhere in the name, so anchor it), or null
 * @param deviceInclude when set, only matching devices are kept; mutually exclusive with {@code
 *     deviceExclude}
 */
public record NetdevOptions(@Nullable Pattern deviceExclude, @Nullable Pattern deviceInclude) {
  /**
   * node_exporter 1.5.0's upstream default: every device, {@code lo} included (Debian's package
   * patches the default to {@code ^lo$}).
   */
  public static final NetdevOptions DEFAULT = new NetdevOptions(null, null);

  public NetdevOptions {
    if (deviceExclude != null && deviceInclude != null) {
      throw new IllegalArgumentException(
          "netdev deviceExclude and deviceInclude are mutually exclusive");
    }
  }
}
