package io.moraine.agent.fs;

/**
 * One line of a mounts file, with the mount point already stripped of the rootfs prefix and its
 * fstab(5) escapes ({@code \040}, {@code \011}) decoded.
 */
record Mount(String device, String mountPoint, String fsType, String options) {
  /** Whether the options contain {@code ro}. */
  boolean readOnly() {
    for (String o : options.split(",", -1)) {
      if (o.equals("ro")) {
        return true;
      }
    }
    return false;
  }
}
