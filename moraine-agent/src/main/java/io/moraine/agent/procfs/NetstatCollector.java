package io.moraine.agent.procfs;

import io.moraine.agent.collector.Collector;
import io.moraine.agent.collector.HostPaths;
import io.moraine.agent.collector.MetricType;
import io.moraine.agent.collector.MetricWriter;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * node_exporter 1.5.0's {@code netstat} collector: an untyped {@code node_netstat_<Proto>_<Field>}
 * for each field of procfs {@code net/netstat} and {@code net/snmp} (pairs of lines: names, then
 * values, each led by {@code Proto:}) and {@code net/snmp6} (one {@code Proto6Field value} a line)
 * whose {@code Proto_Field} the filter finds (node_exporter's {@code --collector.netstat.fields},
 * searched like Go's {@code MatchString}). The first two files must exist; a missing {@code snmp6}
 * (IPv6 off) is skipped. The filter runs once per new header, not on every scrape. Not thread-safe
 * (the agent serialises scrapes).
 */
public final class NetstatCollector implements Collector {
  /** node_exporter 1.5.0's default {@code --collector.netstat.fields}. */
  public static final Pattern DEFAULT_FIELDS =
      Pattern.compile(
          "^(.*_(InErrors|InErrs)|Ip_Forwarding|Ip(6|Ext)_(InOctets|OutOctets)|Icmp6?_(InMsgs|OutMsgs)"
              + "|TcpExt_(Listen.*|Syncookies.*|TCPSynRetrans|TCPTimeouts)"
              + "|Tcp_(ActiveOpens|InSegs|OutSegs|OutRsts|PassiveOpens|RetransSegs|CurrEstab)"
              + "|Udp6?_(InDatagrams|OutDatagrams|NoPorts|RcvbufErrors|SndbufErrors))$");

  private final Path netstat;
  private final Path snmp;
  private final Path snmp6;
  private final Pattern fields;
  private final ProcText text = new ProcText();
  private final LineNames<Header> netstatHeaders = new LineNames<>();
  private final LineNames<Header> snmpHeaders = new LineNames<>();
  private final LineNames<Header> snmp6Fields = new LineNames<>();

  /**
   * A header line's family and help per column (index 0 is the protocol column); family null when
   * the filter leaves the column out. For snmp6 one line's name.
   */
  private record Header(@Nullable String[] families, String[] helps) {}

  /**
   * @param paths where procfs is mounted; reads {@code net/netstat}, {@code net/snmp} and {@code
   *     net/snmp6} under it (the network namespace of the agent's process)
   * @param fields which {@code Proto_Field} keys to write, e.g. {@link #DEFAULT_FIELDS}
   */
  public NetstatCollector(HostPaths paths, Pattern fields) {
    Objects.requireNonNull(paths, "paths");
    this.netstat = paths.proc("net/netstat");
    this.snmp = paths.proc("net/snmp");
    this.snmp6 = paths.proc("net/snmp6");
    this.fields = Objects.requireNonNull(fields, "fields");
  }

  /**
   * A collector with node_exporter's default field filter.
   *
   * @param paths where procfs is mounted; see {@link #NetstatCollector(HostPaths, Pattern)}
   */
  public NetstatCollector(HostPaths paths) {
    this(paths, DEFAULT_FIELDS);
  }

  @Override
  public String name() {
    return "netstat";
  }

  @Override
  public void collect(MetricWriter out) throws IOException {
    collectPairs(out, netstat, netstatHeaders);
    collectPairs(out, snmp, snmpHeaders);
    try {
      text.load(snmp6);
    } catch (NoSuchFileException e) {
      return;
    }
    collectSnmp6(out);
  }

  private void collectPairs(MetricWriter out, Path file, LineNames<Header> cache)
      throws IOException {
    text.load(file);
    int index = 0;
    while (text.hasLine()) {
      Header h = pairHeader(index++, cache);
      text.nextLine();
      int column = 0;
      while (text.nextToken()) {
        if (column > 0 && column < h.helps().length) {
          double value = text.tokenDouble();
          String family = h.families()[column];
          if (family != null) {
            out.family(family, MetricType.UNTYPED, h.helps()[column]);
            out.sample(value);
          }
        }
        column++;
      }
      if (column != h.helps().length) {
        throw text.fail("field count mismatch: " + h.helps().length + " names, " + column);
      }
      text.nextLine();
    }
  }

  /** The header at the cursor's line (cursor stays on it), from the cache when unchanged. */
  private Header pairHeader(int index, LineNames<Header> cache) throws MalformedProcFileException {
    text.requireToken("a protocol");
    int from = text.tokenStart();
    int to = text.tokenEnd();
    while (text.nextToken()) {
      to = text.tokenEnd();
    }
    Header cached = cache.get(text, index, from, to);
    if (cached != null) {
      return cached;
    }
    String[] names = text.string(from, to).split("[ \t]+");
    String protocol = names[0].substring(0, names[0].length() - 1);
    @Nullable String[] families = new String[names.length];
    String[] helps = new String[names.length];
    helps[0] = "";
    for (int i = 1; i < names.length; i++) {
      families[i] = family(protocol, names[i]);
      helps[i] = "Statistic " + protocol + names[i] + ".";
    }
    return cache.put(text, index, from, to, new Header(families, helps));
  }

  private @Nullable String family(String protocol, String name) {
    String key = protocol + "_" + name;
    return fields.matcher(key).find() ? "node_netstat_" + key : null;
  }

  private void collectSnmp6(MetricWriter out) throws IOException {
    int index = 0;
    for (; text.hasLine(); text.nextLine()) {
      if (!text.nextToken()) {
        continue;
      }
      int from = text.tokenStart();
      int to = text.tokenEnd();
      if (!text.nextToken()) {
        continue; // fewer than two fields: node_exporter skips the line
      }
      Header h = snmp6Field(index++, from, to);
      String family = h.families()[0];
      if (family != null) {
        double value = text.tokenDouble();
        out.family(family, MetricType.UNTYPED, h.helps()[0]);
        out.sample(value);
      }
    }
  }

  private Header snmp6Field(int index, int from, int to) {
    Header cached = snmp6Fields.get(text, index, from, to);
    if (cached != null) {
      return cached;
    }
    String stat = text.string(from, to);
    int six = stat.indexOf('6');
    @Nullable String[] families = new String[1];
    String[] helps = {""};
    if (six >= 0) {
      String protocol = stat.substring(0, six + 1);
      families[0] = family(protocol, stat.substring(six + 1));
      helps[0] = "Statistic " + stat + ".";
    }
    return snmp6Fields.put(text, index, from, to, new Header(families, helps));
  }
}
