package io.moraine.agent.sysfs;

import io.moraine.agent.collector.MetricType;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of sysfs {@code class/net/<device>/} that node_exporter 1.5.0's netclass collector
 * reads, in the order it writes them, with the family each numeric one becomes.
 */
enum NetAttribute {
  ADDRESS("address", null, false),
  BROADCAST("broadcast", null, false),
  DUPLEX("duplex", null, false),
  IFALIAS("ifalias", null, false),
  OPERSTATE("operstate", null, false),
  ADDR_ASSIGN_TYPE("addr_assign_type", "address_assign_type", false),
  CARRIER("carrier", "carrier", false),
  CARRIER_CHANGES("carrier_changes", "carrier_changes_total", true),
  CARRIER_UP_COUNT("carrier_up_count", "carrier_up_changes_total", true),
  CARRIER_DOWN_COUNT("carrier_down_count", "carrier_down_changes_total", true),
  DEV_ID("dev_id", "device_id", false),
  DORMANT("dormant", "dormant", false),
  FLAGS("flags", "flags", false),
  IFINDEX("ifindex", "iface_id", false),
  IFLINK("iflink", "iface_link", false),
  LINK_MODE("link_mode", "iface_link_mode", false),
  MTU("mtu", "mtu_bytes", false),
  NAME_ASSIGN_TYPE("name_assign_type", "name_assign_type", false),
  NETDEV_GROUP("netdev_group", "net_dev_group", false),
  SPEED("speed", "speed_bytes", false),
  TX_QUEUE_LEN("tx_queue_len", "transmit_queue_length", false),
  TYPE("type", "protocol_type", false);

  /** The numeric attributes, in node_exporter's order. */
  static final List<NetAttribute> NUMERIC =
      Stream.of(values()).filter(NetAttribute::numeric).toList();

  private final String file;
  private final String family;
  private final String help;
  private final MetricType type;
  private final boolean numeric;

  NetAttribute(String file, @org.jspecify.annotations.Nullable String property, boolean counter) {
    this.file = file;
    this.numeric = property != null;
    String p = property == null ? file : property;
    this.family = "node_network_" + p;
    this.help = "Network device property: " + p;
    this.type = counter ? MetricType.COUNTER : MetricType.GAUGE;
  }

  String file() {
    return file;
  }

  boolean numeric() {
    return numeric;
  }

  String family() {
    return family;
  }

  String help() {
    return help;
  }

  MetricType type() {
    return type;
  }
}
