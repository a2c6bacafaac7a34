package io.moraine.agent.cgroup;

import io.moraine.agent.collector.HostPaths;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Names block devices as cAdvisor does ({@code /dev/sda}) from sysfs {@code
 * dev/block/<major>:<minor>/uevent}'s {@code DEVNAME}. Names are cached for the process's life (a
 * major:minor pair is not reused while its device exists); a device without a uevent is named by
 * its numbers. Not thread-safe.
 */
final class BlockDevices {
  private final HostPaths paths;
  private final FileBytes f = new FileBytes();
  private final Map<Long, String> names = new HashMap<>();

  BlockDevices(HostPaths paths) {
    this.paths = paths;
  }

  String name(long majMin) throws IOException {
    String n = names.get(majMin);
    if (n == null) {
      n = lookup(majMin);
      names.put(majMin, n);
    }
    return n;
  }

  private String lookup(long majMin) throws IOException {
    String numbers = (majMin >>> 32) + ":" + (majMin & 0xffffffffL);
    if (f.read(paths.sys("dev/block/" + numbers + "/uevent"))) {
      int at = f.findKey(0, "DEVNAME");
      if (at >= 0) {
        int start = at + "DEVNAME=".length();
        int end = f.nextLine(start);
        if (end > start && f.at(end - 1) == '\n') {
          end--;
        }
        return "/dev/" + f.text(start, end);
      }
    }
    return numbers;
  }
}
