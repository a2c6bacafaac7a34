package io.moraine.agent.sysfs;

import io.moraine.agent.collector.MetricType;
import io.moraine.agent.collector.MetricWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Turns hwmon sensor files into node_exporter 1.5.0's families and gathers each family's samples
 * across chips, so that every family is written once. The naming and unit table:
 *
 * <pre>
 * type             element                      family                              scale
 * in, cpu          any                          node_hwmon_in[_el]_volts            1e-3
 * temp             any but type                 node_hwmon_temp[_el]_celsius        1e-3
 * curr             any                          node_hwmon_curr[_el]_amps           1e-3
 * energy           any                          node_hwmon_energy[_el]_joule_total  1e-6
 * power            accuracy                     node_hwmon_power_accuracy           1e-6
 * power            average_interval[_min|_max]  node_hwmon_power_..._seconds        1e-3
 * power            other                        node_hwmon_power[_el]_watt          1e-6
 * humidity         any                          node_hwmon_humidity[_el]            1e-6
 * fan              input, min, max, target      node_hwmon_fan[_el]_rpm             1
 * any              fault, alarm                 node_hwmon_&lt;type&gt;_&lt;el&gt;         1
 * any              beep                         node_hwmon_&lt;type&gt;_beep_enabled   1
 * other                                         node_hwmon_&lt;type&gt;[_el]            1
 * </pre>
 *
 * The element {@code input} adds no suffix unless the sensor also has a bare value file. Not
 * thread-safe; one per scrape.
 */
final class HwmonFamilies {
  private static final String[] CHIP_SENSOR = {"chip", "sensor"};

  private record Sample(String[] names, String[] values, double value) {}

  private record Family(MetricType type, String help, List<Sample> samples) {}

  private final Map<String, Family> families = new TreeMap<>();

  void chipName(String chip, String human) {
    add(
        "node_hwmon_chip_names",
        MetricType.GAUGE,
        "Annotation metric for human-readable chip names",
        new String[] {"chip", "chip_name"},
        new String[] {chip, human},
        1);
  }

  /** One sensor ({@code temp1}) of type {@code type} with its element → raw value map. */
  void sensor(String chip, String sensor, String type, Map<String, String> data) {
    String[] labels = {chip, sensor};
    String label = data.get("label");
    if (label != null) {
      add(
          "node_hwmon_sensor_label",
          MetricType.GAUGE,
          "Label for given chip and sensor",
          new String[] {"chip", "sensor", "label"},
          new String[] {chip, sensor, label},
          1);
    }
    switch (type) {
      case "beep_enable" -> {
        double v = "1".equals(data.get("")) ? 1 : 0;
        gauge("node_hwmon_beep_enabled", "Hardware beep enabled", labels, v);
        return;
      }
      case "vrm" -> {
        Double v = parse(data.get(""));
        if (v != null) {
          gauge("node_hwmon_voltage_regulator_version", "Hardware voltage regulator", labels, v);
        }
        return;
      }
      case "update_interval" -> {
        Double v = parse(data.get(""));
        if (v != null) {
          gauge(
              "node_hwmon_update_interval_seconds",
              "Hardware monitor update interval",
              labels,
              v * 0.001);
        }
        return;
      }
      default -> {}
    }
    for (Map.Entry<String, String> e : data.entrySet()) {
      String element = e.getKey();
      Double v = parse(e.getValue());
      if (element.equals("label") || v == null) {
        continue;
      }
      String name = "node_hwmon_" + type;
      if (element.equals("input")) {
        if (data.containsKey("")) {
          name += "_input";
        }
      } else if (!element.isEmpty()) {
        name += "_" + HwmonCollector.clean(element);
      }
      element(name, type, element, labels, v);
    }
  }

  private void element(String name, String type, String element, String[] labels, double v) {
    if (element.equals("fault") || element.equals("alarm")) {
      gauge(name, "Hardware sensor " + element + " status (" + type + ")", labels, v);
    } else if (element.equals("beep")) {
      gauge(name + "_enabled", "Hardware monitor sensor has beeping enabled", labels, v);
    } else if (type.equals("in") || type.equals("cpu")) {
      gauge(name + "_volts", "Hardware monitor for voltage (" + element + ")", labels, v * 0.001);
    } else if (type.equals("temp") && !element.equals("type")) {
      String el = element.isEmpty() ? "input" : element;
      gauge(name + "_celsius", "Hardware monitor for temperature (" + el + ")", labels, v * 0.001);
    } else if (type.equals("curr")) {
      gauge(name + "_amps", "Hardware monitor for current (" + element + ")", labels, v * 0.001);
    } else if (type.equals("energy")) {
      add(
          name + "_joule_total",
          MetricType.COUNTER,
          "Hardware monitor for joules used so far (" + element + ")",
          CHIP_SENSOR,
          labels,
          v / 1000000.0);
    } else if (type.equals("power") && element.equals("accuracy")) {
      gauge(name, "Hardware monitor power meter accuracy, as a ratio", labels, v / 1000000.0);
    } else if (type.equals("power")
        && (element.equals("average_interval")
            || element.equals("average_interval_min")
            || element.equals("average_interval_max"))) {
      gauge(
          name + "_seconds",
          "Hardware monitor power usage update interval (" + element + ")",
          labels,
          v * 0.001);
    } else if (type.equals("power")) {
      gauge(
          name + "_watt",
          "Hardware monitor for power usage in watts (" + element + ")",
          labels,
          v / 1000000.0);
    } else if (type.equals("humidity")) {
      gauge(
          name,
          "Hardware monitor for humidity, as a ratio (multiply with 100.0 to get the humidity as a"
              + " percentage) ("
              + element
              + ")",
          labels,
          v / 1000000.0);
    } else if (type.equals("fan")
        && (element.equals("input")
            || element.equals("min")
            || element.equals("max")
            || element.equals("target"))) {
      gauge(
          name + "_rpm",
          "Hardware monitor for fan revolutions per minute (" + element + ")",
          labels,
          v);
    } else {
      gauge(name, "Hardware monitor " + type + " element " + element, labels, v);
    }
  }

  private static @Nullable Double parse(@Nullable String s) {
    if (s == null) {
      return null;
    }
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private void gauge(String name, String help, String[] labels, double v) {
    add(name, MetricType.GAUGE, help, CHIP_SENSOR, labels, v);
  }

  private void add(
      String name, MetricType type, String help, String[] names, String[] values, double v) {
    families
        .computeIfAbsent(name, k -> new Family(type, help, new ArrayList<>()))
        .samples()
        .add(new Sample(names, values, v));
  }

  void write(MetricWriter out) throws IOException {
    for (Map.Entry<String, Family> e : families.entrySet()) {
      Family f = e.getValue();
      out.family(e.getKey(), f.type(), f.help());
      for (Sample s : f.samples()) {
        out.sample(s.names(), s.values(), s.value());
      }
    }
  }
}
