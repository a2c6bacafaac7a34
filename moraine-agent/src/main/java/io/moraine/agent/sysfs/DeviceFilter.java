package io.moraine.agent.sysfs;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * node_exporter's device filter: a device is ignored when it matches {@code exclude} or, with an
 * {@code include}, does not match it. Patterns match anywhere in the name, as Go's {@code
 * MatchString}. Immutable.
 */
record DeviceFilter(@Nullable Pattern exclude, @Nullable Pattern include) {
  DeviceFilter {
    if (exclude != null && include != null) {
      throw new IllegalArgumentException("device exclude and include are mutually exclusive");
    }
  }

  boolean ignored(String device) {
    return (exclude != null && exclude.matcher(device).find())
        || (include != null && !include.matcher(device).find());
  }
}
