#!/usr/bin/env python3
"""Rule-evaluation benchmark: Moraine vs Prometheus on the same scraped data, one system at a time.

Starts ../shared/bench's farm (K targets x S series), starts the system with a prometheus.yml that
scrapes the farm and loads rule files, lets it run, then reads each rule group's last evaluation
duration from the system's own metrics (prometheus_rule_group_last_duration_seconds or
moraine_rule_group_last_duration_seconds) once per evaluation for --measure seconds and reports
the median per group (and the sum over the generated groups).

  BENCH_SYSTEMS_DIRS=$PWD/bench python3 bench/rules_bench.py --system prometheus
  BENCH_SYSTEMS_DIRS=$PWD/bench python3 bench/rules_bench.py --system moraine

Rule files: the 1,000 generated recording rules (10 groups x 100 over the farm's node_exporter and
cAdvisor series) and Moraine's default pack (moraine-rules/src/main/resources/.../default-rules.yml).
"""
import argparse, json, os, re, statistics, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.environ.get("BENCH_SHARED", os.path.join(ROOT, "..", "shared", "bench"))
sys.path.insert(0, os.path.join(SHARED, "lib"))
import common  # noqa: E402

PACK = os.path.join(ROOT, "moraine-rules/src/main/resources/io/moraine/rules/pack/default-rules.yml")

# Each rule reads one target's series (instance {i}), so 1,000 rules cover the 100,000 series
# about ten times over, as a real rule set of per-node and per-workload rules does.
TEMPLATES = [
    'sum by (mode) (rate(node_cpu_seconds_total{{instance="{i}"}}[5m]))',
    'sum by (device) (rate(node_network_receive_bytes_total{{instance="{i}"}}[{w}m]))',
    '1 - node_memory_MemAvailable_bytes{{instance="{i}"}} / node_memory_MemTotal_bytes{{instance="{i}"}}',
    'sum by (device) (rate(node_disk_read_bytes_total{{instance="{i}"}}[{w}m]))',
    'topk(5, sum by (pod) (rate(container_cpu_usage_seconds_total{{instance="{i}"}}[{w}m])))',
    'sum by (namespace) (container_memory_working_set_bytes{{instance="{i}"}}) / {k}',
    'histogram_quantile(0.{q}, sum by (le, handler) (rate(http_request_duration_seconds_bucket{{instance="{i}"}}[5m])))',
    'count(node_filesystem_avail_bytes{{instance="{i}"}} / node_filesystem_size_bytes{{instance="{i}"}} < 0.{q})',
    'max_over_time(node_load1{{instance="{i}"}}[{w}m]) * {k}',
    'sum without (cpu) (rate(node_cpu_seconds_total{{instance="{i}",mode!="idle"}}[{w}m]))',
]
MODES = ["idle", "user", "system", "iowait", "irq", "softirq", "steal", "nice"]


def generated_rules(path, base_port, targets, groups=10, per_group=100, interval="30s"):
    lines = ["groups:"]
    n = 0
    for g in range(groups):
        lines += [f"  - name: bench_{g}", f"    interval: {interval}", "    rules:"]
        for r in range(per_group):
            t = TEMPLATES[n % len(TEMPLATES)]
            expr = t.format(i=f"127.0.0.1:{base_port + n % targets}", w=1 + n % 5, k=1 + n % 7, q=5 + n % 5)
            lines += [f"      - record: bench:rule_{n}", f"        expr: '{expr}'"]
            n += 1
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def config(path, k, base_port, interval, rule_files):
    targets = ", ".join(f"'127.0.0.1:{base_port + i}'" for i in range(k))
    with open(path, "w") as f:
        f.write(f"""global:
  scrape_interval: {interval}s
  scrape_timeout: {interval}s
  evaluation_interval: 30s
rule_files: [{", ".join(repr(r) for r in rule_files)}]
scrape_configs:
  - job_name: farm
    static_configs:
      - targets: [{targets}]
""")


def group_durations(port, prefix):
    parsed = common.scrape_self(port)
    out = {}
    for labels, value in parsed.get(prefix + "_rule_group_last_duration_seconds", []):
        m = re.search(r'rule_group="([^"]*)"', labels)
        out[m.group(1) if m else "?"] = value
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--system", required=True)
    ap.add_argument("-k", "--targets", type=int, default=50)
    ap.add_argument("-s", "--series", type=int, default=2000)
    ap.add_argument("--interval", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=360, help="seconds before measuring (rate windows fill)")
    ap.add_argument("--measure", type=int, default=300)
    ap.add_argument("--port", type=int, default=19090)
    ap.add_argument("--base-port", type=int, default=19100)
    ap.add_argument("--no-pack", action="store_true")
    args = ap.parse_args()

    work = f"/tmp/bench-rules-{args.system}"
    subprocess.run(["rm", "-rf", work])
    os.makedirs(work)
    rules = os.path.join(work, "bench-rules.yml")
    generated_rules(rules, args.base_port, args.targets)
    files = [rules] + ([] if args.no_pack else [PACK])
    cfg = os.path.join(work, "prometheus.yml")
    config(cfg, args.targets, args.base_port, args.interval, files)
    farm = subprocess.Popen([sys.executable, os.path.join(SHARED, "farm.py"), "-k", str(args.targets), "-s",
                             str(args.series), "--base-port", str(args.base_port),
                             "--max-seconds", str(args.warmup + args.measure + 300)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    env = common.system_env(args.port, os.path.join(work, "data"), cfg, os.path.join(work, "server.log"),
                            "scrape", args.interval)
    info = common.system_info(args.system, env)
    prefix = "moraine" if info["name"] == "moraine" else "prometheus"
    pid = common.start_system(args.system, env)
    try:
        common.wait_ready(args.port, pid=pid)
        time.sleep(args.warmup)
        cpu0, t0 = common.proc_cpu_seconds(pid), time.time()
        seen = {}
        while time.time() - t0 < args.measure:
            for g, v in group_durations(args.port, prefix).items():
                seen.setdefault(g, []).append(v)
            time.sleep(30)
        cpu = common.proc_cpu_seconds(pid) - cpu0
        series = common.promql_scalar(args.port, "count({__name__=~'.+'})")
    finally:
        common.stop_pid(pid)
        farm.terminate()
    med = {g: statistics.median(v) for g, v in sorted(seen.items())}
    bench_groups = {g: v for g, v in med.items() if "bench_" in g}
    other = {g: v for g, v in med.items() if "bench_" not in g}
    result = {"system": args.system, "version": info.get("version"), "series": series,
              "cpu_seconds_per_s": cpu / args.measure,
              "generated_groups_ms": {g: v * 1000 for g, v in bench_groups.items()},
              "generated_total_ms": sum(bench_groups.values()) * 1000,
              "pack_groups_ms": {g: v * 1000 for g, v in other.items()}}
    common.write_result("rules", args.system, result)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
