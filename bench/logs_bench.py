#!/usr/bin/env python3
"""Logs benchmark (issue "Workload logs"): ingest, disk and LogQL latency on a generated corpus,
against zstd -3 and zstdcat | grep -F as the physical reference.

Steps: build moraine-bench's benchmarks.jar if missing (or --build); generate a corpus of --size
bytes of container logs over the last 24 h (io.moraine.bench.logs.LogCorpus: JSON and logfmt apps,
nginx/Envoy access logs, Java stack traces; a needle trace id in a known number of lines); the
reference: `zstd -3` of corpus.log (size, time) and `zstdcat corpus.log.zst | grep -F NEEDLE | wc -l`
(median of 3); then, unless --reference-only, start `./moraine server --data DIR` (pinned to
--cpus with taskset), push the corpus through POST /loki/api/v1/push (LogPushLoad: protobuf +
snappy, ~1 MiB batches, --connections), sampling the server's CPU seconds and RSS from /proc, flush
(POST /flush or /-/flush when the server has one, else wait until <data>/logs stops growing),
measure `du` of <data>/logs, and run three queries --repeats times over the corpus's window:

  needle:  {ns=~".+"} |= "NEEDLE"
  filter:  {app="checkout"} | json | status >= 500
  metric:  sum by (app) (rate({ns="prod"}[5m]))      (query_range, step --step)

Prints a markdown table for docs/benchmarks.md and writes the figures as JSON (--out).

  python3 bench/logs_bench.py                          # 2 GiB, full run
  python3 bench/logs_bench.py --size 200e6 --reference-only
"""
import argparse, json, os, shutil, socket, statistics, subprocess, sys, tempfile, threading, time
import urllib.error, urllib.parse, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "moraine-bench", "target", "benchmarks.jar")
TICK = os.sysconf("SC_CLK_TCK")


def log(msg):
    print(f"[logs_bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def java():
    home = os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64")
    exe = os.path.join(home, "bin", "java")
    return exe if os.path.exists(exe) else "java"


def build(force):
    if os.path.exists(JAR) and not force:
        return
    log("building moraine-bench (benchmarks.jar)")
    subprocess.run(["./mvnw", "-B", "-q", "-o", "-pl", "moraine-bench", "-am", "package", "-DskipTests"],
                   cwd=ROOT, check=True)


def bigger_tmp():
    best = max(["/tmp", "/work"] + ([os.environ["TMPDIR"]] if "TMPDIR" in os.environ else []),
               key=lambda p: shutil.disk_usage(p).free if os.path.isdir(p) else -1)
    return best


def timed(cmd, shell=False):
    t0 = time.perf_counter()
    out = subprocess.run(cmd, shell=shell, check=True, capture_output=True, text=True).stdout
    return time.perf_counter() - t0, out


def pct(values, q):
    v = sorted(values)
    return v[min(len(v) - 1, int(round(q * (len(v) - 1))))]


def reference(work, manifest, repeats=3):
    corpus = os.path.join(work, "corpus.log")
    zst = corpus + ".zst"
    secs, _ = timed(["zstd", "-3", "-q", "-f", "-T1", corpus, "-o", zst])
    size = os.path.getsize(zst)
    needle = manifest["needle"]
    grep_times, counts = [], set()
    for _ in range(repeats):
        t, out = timed(f"zstdcat {zst} | grep -F {needle} | wc -l", shell=True)
        grep_times.append(t)
        counts.add(int(out.strip()))
    plain_times = []
    for _ in range(repeats):
        t, out = timed(f"grep -F {needle} {corpus} | wc -l", shell=True)
        plain_times.append(t)
    if counts != {manifest["needle_count"]}:
        raise SystemExit(f"zstdcat|grep found {counts} needle lines, the manifest says {manifest['needle_count']}")
    return {"zstd3_bytes": size, "zstd3_ratio": manifest["raw_bytes"] / size, "zstd3_compress_s": secs,
            "zstdcat_grep_s_median": statistics.median(grep_times), "zstdcat_grep_s_all": grep_times,
            "grep_plain_s_median": statistics.median(plain_times), "needle_lines": counts.pop()}


def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p


def http(method, url, data=None, timeout=600):
    req = urllib.request.Request(url, data=data, method=method)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def proc_stat(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) / TICK
    with open(f"/proc/{pid}/status") as f:
        rss = next((int(l.split()[1]) * 1024 for l in f if l.startswith("VmRSS:")), 0)
    return cpu, rss


def du(path):
    return int(subprocess.run(["du", "-sb", path], check=True, capture_output=True, text=True).stdout.split()[0])


class Sampler(threading.Thread):
    """The server's CPU seconds and RSS every 0.5 s while a phase runs."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.stop, self.rss = pid, threading.Event(), []

    def run(self):
        while not self.stop.is_set():
            try:
                self.rss.append(proc_stat(self.pid)[1])
            except OSError:
                return
            self.stop.wait(0.5)


def start_server(work, port, cpus):
    data = os.path.join(work, "data")
    # Loki's per-tenant defaults (4 MB/s, 6 MB burst) would throttle a bulk load: the benchmark
    # measures how fast the server takes logs, so it lifts the rate limit, as one would for a
    # backfill; every other limit stays at its default.
    config = os.path.join(work, "moraine.yml")
    with open(config, "w") as f:
        f.write("logs:\n  limits:\n    ingestion_rate_mb: 100000\n    ingestion_burst_size_mb: 100000\n")
    cmd = [os.path.join(ROOT, "moraine"), "server", "--listen", f"127.0.0.1:{port}", "--data", data,
           "--config", config]
    if cpus and shutil.which("taskset"):
        cmd = ["taskset", "-c", cpus] + cmd
    logf = open(os.path.join(work, "server.log"), "w")
    proc = subprocess.Popen(cmd, stdout=logf, stderr=subprocess.STDOUT, start_new_session=True)
    for _ in range(600):
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}; see {work}/server.log")
        try:
            if http("GET", f"http://127.0.0.1:{port}/-/ready", timeout=2)[0] == 200:
                return proc, data
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit("server not ready after 300 s")


def stop_server(proc):
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(120)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def flush(base, logs_dir):
    for path in ("/flush", "/-/flush"):
        status, _ = http("POST", base + path)
        if status in (200, 204):
            return path
    last, stable = -1, 0
    for _ in range(240):
        size = du(logs_dir) if os.path.exists(logs_dir) else 0
        stable = stable + 1 if size == last else 0
        if stable >= 10:
            break
        last = size
        time.sleep(0.5)
    return "waited for <data>/logs to stop growing"


def result_size(body):
    data = json.loads(body)["data"]
    res = data["result"]
    if data["resultType"] == "streams":
        return {"streams": len(res), "entries": sum(len(s["values"]) for s in res)}
    return {"series": len(res), "points": sum(len(s.get("values", [])) for s in res)}


def run_queries(base, manifest, repeats, step, limit):
    start, end = manifest["start_ns"], manifest["end_ns"]
    queries = {
        "needle": f'{{ns=~".+"}} |= "{manifest["needle"]}"',
        "filter": f'{{app="{manifest["filter_app"]}"}} | json | status >= 500',
        "metric": 'sum by (app) (rate({ns="prod"}[5m]))',
    }
    out = {}
    for name, q in queries.items():
        params = {"query": q, "start": str(start), "end": str(end), "limit": str(limit)}
        if name == "metric":
            params["step"] = step
        url = base + "/loki/api/v1/query_range?" + urllib.parse.urlencode(params)
        times, size = [], None
        for _ in range(repeats):
            t0 = time.perf_counter()
            status, body = http("GET", url)
            times.append(time.perf_counter() - t0)
            if status != 200:
                raise SystemExit(f"query {name} failed: HTTP {status}: {body[:300]!r}")
            size = result_size(body)
        out[name] = {"query": q, "median_s": statistics.median(times), "p90_s": pct(times, 0.9),
                     "all_s": times, "result": size}
        log(f"{name}: median {out[name]['median_s']:.3f} s, {size}")
    expected = {"needle": manifest["needle_count"], "filter": min(manifest["filter_matches"], limit)}
    for name, want in expected.items():
        got = out[name]["result"].get("entries")
        out[name]["expected_entries"] = want
        if got != want:
            log(f"WARNING: {name} returned {got} entries, the corpus holds {want}")
    return out


def server_part(args, work, manifest):
    port = args.port or free_port()
    base = f"http://127.0.0.1:{port}"
    proc, data = start_server(work, port, args.cpus)
    try:
        status, _ = http("POST", base + "/loki/api/v1/push", data=b"")
        if status == 404:
            log("the server has no Loki push API yet: server figures skipped")
            return None
        cpu0, rss0 = proc_stat(proc.pid)
        sampler = Sampler(proc.pid); sampler.start()
        push = subprocess.run([java(), "-cp", JAR, "io.moraine.bench.logs.LogPushLoad", base + "/loki/api/v1/push",
                               work, "--connections", str(args.connections), "--batch-bytes", str(args.batch_bytes)],
                              check=True, capture_output=True, text=True)
        cpu1, rss1 = proc_stat(proc.pid)
        pushed = json.loads(push.stdout.strip().splitlines()[-1])
        how = flush(base, os.path.join(data, "logs"))
        sampler.stop.set(); sampler.join()
        cpu2, rss2 = proc_stat(proc.pid)
        logs_bytes = du(os.path.join(data, "logs"))
        queries = run_queries(base, manifest, args.repeats, args.step, args.limit)
        # at rest: after a clean stop the WAL's current, preallocated segment is cut to its length,
        # so this is what the stored corpus itself takes
        stop_server(proc)
        at_rest = du(os.path.join(data, "logs"))
        return {"push": pushed, "logs_disk_bytes_at_rest": at_rest,
                "disk_per_raw_byte_at_rest": at_rest / manifest["raw_bytes"], "server_cpu_s_ingest": cpu1 - cpu0, "server_cpu_s_flush": cpu2 - cpu1,
                "server_rss_before": rss0, "server_rss_after_ingest": rss1,
                "server_rss_peak": max(sampler.rss or [rss1]), "flush": how, "logs_disk_bytes": logs_bytes,
                "disk_per_raw_byte": logs_bytes / manifest["raw_bytes"], "queries": queries}
    finally:
        stop_server(proc)


def table(manifest, ref, srv):
    mb = manifest["raw_bytes"] / 1e6
    rows = [("corpus", f"{mb:,.0f} MB raw, {manifest['lines']:,} lines, {manifest['streams']} streams, 24 h"),
            ("generation", f"{manifest['generation_mb_per_s']} MB/s wall, {manifest['generation_mb_per_cpu_s']} MB per CPU s"),
            ("zstd -3 (reference)", f"{ref['zstd3_bytes'] / 1e6:,.1f} MB, ratio {ref['zstd3_ratio']:.2f}, "
                                    f"{ref['zstd3_compress_s']:.1f} s to compress"),
            ("zstdcat | grep -F needle (reference)", f"{ref['zstdcat_grep_s_median']:.2f} s median of 3 "
                                                     f"({ref['needle_lines']} lines)"),
            ("grep -F needle on the raw file", f"{ref['grep_plain_s_median']:.2f} s")]
    if srv:
        p = srv["push"]
        rows += [("ingest (push API)", f"{p['mb_per_s']:.1f} MB/s, {p['entries_per_s']:,.0f} entries/s"),
                 ("server CPU during ingest", f"{srv['server_cpu_s_ingest']:.1f} s "
                                               f"({srv['server_cpu_s_ingest'] / p['push_s']:.2f} cores)"),
                 ("server RSS peak", f"{srv['server_rss_peak'] / 2**20:,.0f} MiB"),
                 ("logs on disk", f"{srv['logs_disk_bytes'] / 1e6:,.1f} MB = {srv['disk_per_raw_byte']:.3f} per raw "
                                  f"byte ({srv['logs_disk_bytes'] / ref['zstd3_bytes']:.2f} x zstd -3), right after /flush"),
                 ("logs on disk at rest", f"{srv['logs_disk_bytes_at_rest'] / 1e6:,.1f} MB = "
                                          f"{srv['disk_per_raw_byte_at_rest']:.3f} per raw byte "
                                          f"({srv['logs_disk_bytes_at_rest'] / ref['zstd3_bytes']:.2f} x zstd -3), "
                                          f"after a clean stop")]
        for name, q in srv["queries"].items():
            rows.append((f"`{q['query']}`", f"{q['median_s'] * 1000:,.0f} ms median, {q['p90_s'] * 1000:,.0f} ms p90, "
                                             f"{q['result']}"))
    cell = lambda v: str(v).replace("|", "\\|")
    lines = ["| measure | value |", "|---|---|"] + [f"| {cell(a)} | {cell(b)} |" for a, b in rows]
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=float, default=2 * 2**30, help="corpus bytes (default 2 GiB)")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--workdir", help="where the corpus and data go (default: a temp dir on the roomier of /tmp, /work)")
    ap.add_argument("--keep", action="store_true", help="keep the work dir")
    ap.add_argument("--build", action="store_true", help="rebuild benchmarks.jar")
    ap.add_argument("--reference-only", action="store_true", help="corpus and zstd/grep reference only")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--cpus", default="0,1", help="taskset CPU list for the server ('' for none)")
    ap.add_argument("--connections", type=int, default=2)
    ap.add_argument("--batch-bytes", type=int, default=1 << 20)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--step", default="300", help="metric query step in seconds")
    ap.add_argument("--limit", type=int, default=5000, help="limit of the log queries")
    ap.add_argument("--out", default="logs_bench.json")
    args = ap.parse_args()

    build(args.build)
    work = args.workdir or tempfile.mkdtemp(prefix="moraine-logs-bench-", dir=bigger_tmp())
    os.makedirs(work, exist_ok=True)
    try:
        start = (int(time.time()) // 60) * 60 - 86400 - 600  # the last 24 h, ending 10 min ago
        log(f"generating {args.size / 1e9:.2f} GB into {work}")
        subprocess.run([java(), "-cp", JAR, "io.moraine.bench.logs.LogCorpus", work, "--size", str(int(args.size)),
                        "--seed", str(args.seed), "--start", str(start)], check=True, stdout=subprocess.DEVNULL)
        with open(os.path.join(work, "manifest.json")) as f:
            manifest = json.load(f)
        log(f"corpus: {manifest['raw_bytes']:,} bytes in {manifest['generation_seconds']} s; zstd reference")
        ref = reference(work, manifest)
        srv = None if args.reference_only else server_part(args, work, manifest)
        result = {"host": {"cpus": os.cpu_count(), "uname": " ".join(os.uname()), "loadavg": os.getloadavg()},
                  "manifest": manifest,
                  "reference": ref, "server": srv}
        with open(args.out, "w") as f:
            json.dump(result, f, indent=1)
        print(table(manifest, ref, srv))
        log(f"figures in {args.out}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
