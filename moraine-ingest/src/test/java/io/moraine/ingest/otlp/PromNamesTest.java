package io.moraine.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Metric and label names by the rules of Prometheus' OTLP translator (normalize_name.go). */
class PromNamesTest {
  @ParameterizedTest(name = "{0} [{1}] {2} -> {3}")
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      textBlock =
          """
          system.io              | By        | counter | system_io_bytes_total
          http.server.duration   | s         | other   | http_server_duration_seconds
          http.server.duration   | ms        | other   | http_server_duration_milliseconds
          system.cpu.utilization | 1         | gauge   | system_cpu_utilization_ratio
          cache.hit_ratio        | 1         | gauge   | cache_hit_ratio
          ratio.of.hits          | 1         | gauge   | of_hits_ratio
          items                  | 1         | counter | items_total
          active.requests        | {request} | other   | active_requests
          http.requests          | {request} | counter | http_requests_total
          requests.total         | ''        | counter | requests_total
          total.requests         | ''        | counter | requests_total
          throughput             | By/s      | gauge   | throughput_bytes_per_second
          rate                   | 1/s       | gauge   | rate_per_second
          requests               | {req}/s   | gauge   | requests_per_second
          disk.reads             | By/{op}   | gauge   | disk_reads_bytes
          request.seconds        | s         | gauge   | request_seconds
          latency_seconds        | s         | counter | latency_seconds_total
          memory                 | MiBy      | gauge   | memory_mebibytes
          temperature            | Cel       | gauge   | temperature_celsius
          fill                   | %         | gauge   | fill_percent
          distance               | m/mo      | gauge   | distance_meters_per_month
          odd                    | foo.bar   | gauge   | odd_foo_bar
          1st.metric             | ''        | gauge   | _1st_metric
          a..b__c                | ''        | gauge   | a_b_c
          name:with:colons       | ''        | gauge   | name_with_colons
          café.size              | By        | gauge   | caf_size_bytes
          """)
  void metricNames(String name, String unit, String kind, String expected) {
    assertThat(PromNames.metricName(name, unit, kind.equals("counter"), kind.equals("gauge")))
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          service.version | service_version
          http.method     | http_method
          0day            | key_0day
          _private        | key_private
          __reserved      | __reserved
          __name__        | __name__
          k8s-pod/name    | k8s_pod_name
          héllo           | h_llo
          plain           | plain
          """)
  void labelNames(String key, String expected) {
    assertThat(PromNames.labelName(key)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          1.0       | 1
          0.25      | 0.25
          1e-7      | 1e-7
          1.5e21    | 1.5e+21
          123456789 | 123456789
          -2.5      | -2.5
          """)
  void doubleAttributesRenderAsEcmaScriptNumbers(double v, String expected) {
    assertThat(AttributeValue.ecmaScript(v)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          10       | 10
          0.005    | 0.005
          2.5e-7   | 0.00000025
          1e21     | 1000000000000000000000
          Infinity | +Inf
          """)
  void bucketBoundsRenderAsGoFormatFloatF(double v, String expected) {
    assertThat(SeriesConverter.goFloat(v)).isEqualTo(expected);
  }
}
