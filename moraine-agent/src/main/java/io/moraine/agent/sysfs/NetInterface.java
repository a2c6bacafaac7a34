package io.moraine.agent.sysfs;

/**
 * One device's attributes as read in one scrape: texts ("" when unreadable) and numbers with
 * whether each was readable. Not thread-safe.
 */
final class NetInterface {
  private final String[] device;
  private final String[] texts = new String[NetAttribute.values().length];
  private final long[] numbers = new long[NetAttribute.values().length];
  private final boolean[] present = new boolean[NetAttribute.values().length];

  NetInterface(String device) {
    this.device = new String[] {device};
    java.util.Arrays.fill(texts, "");
  }

  /** The device name as a one-element label value array. */
  String[] device() {
    return device;
  }

  void text(NetAttribute a, String value) {
    texts[a.ordinal()] = value;
    present[a.ordinal()] = true;
  }

  void number(NetAttribute a, long value) {
    numbers[a.ordinal()] = value;
    present[a.ordinal()] = true;
  }

  String text(NetAttribute a) {
    return texts[a.ordinal()];
  }

  long number(NetAttribute a) {
    return numbers[a.ordinal()];
  }

  boolean has(NetAttribute a) {
    return present[a.ordinal()];
  }
}
