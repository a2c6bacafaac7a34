#!/usr/bin/env python3
"""Agent footprint side by side with node_exporter (issue "The node agent", figures).

Starts `./moraine agent` (the launcher's default JVM options) and Debian's
prometheus-node-exporter (its default collectors) on free ports, scrapes each every
--interval seconds for --duration seconds (both at the same moment), and samples each
process's resident size (VmRSS) after every scrape. Reports, per system: RSS average and
maximum over the run, and CPU per scrape = (user+system CPU time over the run, idle time
between scrapes included) / scrapes. Start-up is kept out of the measurement and reported on
its own: both systems are scraped at the interval for --settle seconds (default 60) before the
clock starts; "startup CPU s" is each process's CPU time from its start to then (the JVM's
start-up and its JIT warm-up, node_exporter's start-up). Output: a table on stdout and JSON
(with the RSS series) in --out.

Usage: python3 bench/agent_bench.py [--duration 600] [--interval 15] [--settle 60] [--out FILE]
"""
import argparse, json, os, signal, socket, subprocess, sys, threading, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TICK = os.sysconf("SC_CLK_TCK")


def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def rss_bytes(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def java_pid(proc):
    # ./moraine execs java, so the launcher's pid is the JVM's.
    return proc.pid


def scrape(url, out, key):
    t = time.time()
    with urllib.request.urlopen(url, timeout=10) as r:
        body = r.read()
    out[key] = (time.time() - t, len(body))


def wait_up(url, seconds=120):
    end = time.time() + seconds
    while time.time() < end:
        try:
            urllib.request.urlopen(url, timeout=2).read(); return
        except Exception:
            time.sleep(0.3)
    raise SystemExit(f"{url} did not come up")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--duration", type=float, default=600)
    ap.add_argument("--interval", type=float, default=15)
    ap.add_argument("--settle", type=float, default=60)
    ap.add_argument("--out", default="/tmp/agent_bench.json")
    a = ap.parse_args()
    pa, pn = free_port(), free_port()
    agent = subprocess.Popen([os.path.join(ROOT, "moraine"), "agent", f"--listen=127.0.0.1:{pa}",
                              "--data=/tmp/agent-bench-data"], stdout=subprocess.DEVNULL,
                             stderr=open("/tmp/agent_bench_agent.log", "w"))
    ne = subprocess.Popen(["prometheus-node-exporter", f"--web.listen-address=127.0.0.1:{pn}"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    urls = {"moraine-agent": f"http://127.0.0.1:{pa}/metrics",
            "node_exporter": f"http://127.0.0.1:{pn}/metrics"}
    pids = {"moraine-agent": java_pid(agent), "node_exporter": ne.pid}
    try:
        for u in urls.values():
            wait_up(u)
        settle_end = time.time() + a.settle
        while True:  # scrapes outside the measurement
            tick = time.time()
            for u in urls.values():
                urllib.request.urlopen(u).read()
            if time.time() >= settle_end:
                break
            time.sleep(max(0, min(a.interval, settle_end - time.time()) - (time.time() - tick)))
        cpu0 = {k: cpu_seconds(p) for k, p in pids.items()}
        rss = {k: [] for k in pids}
        sizes, n = {}, 0
        start = time.time()
        while time.time() - start < a.duration:
            tick = time.time()
            res = {}
            ts = [threading.Thread(target=scrape, args=(u, res, k)) for k, u in urls.items()]
            [t.start() for t in ts]; [t.join() for t in ts]
            n += 1
            sizes = {k: v[1] for k, v in res.items()}
            for k, p in pids.items():
                rss[k].append(rss_bytes(p))
            time.sleep(max(0, a.interval - (time.time() - tick)))
        result = {}
        for k, p in pids.items():
            cpu = cpu_seconds(p) - cpu0[k]
            result[k] = {"scrapes": n, "cpu_ms_per_scrape": round(cpu * 1000 / n, 2),
                         "rss_avg_mib": round(sum(rss[k]) / len(rss[k]) / 2**20, 1),
                         "rss_max_mib": round(max(rss[k]) / 2**20, 1),
                         "startup_cpu_s": round(cpu0[k], 2),
                         "page_bytes": sizes.get(k),
                         "rss_series_mib": [round(x / 2**20, 1) for x in rss[k]]}
        json.dump({"duration_s": a.duration, "interval_s": a.interval, "settle_s": a.settle,
                   "systems": result},
                  open(a.out, "w"), indent=1)
        print(f"{'system':15} {'scrapes':>7} {'CPU ms/scrape':>13} {'RSS avg MiB':>11} {'RSS max MiB':>11} {'startup CPU s':>13} {'page bytes':>10}")
        for k, r in result.items():
            print(f"{k:15} {r['scrapes']:>7} {r['cpu_ms_per_scrape']:>13} {r['rss_avg_mib']:>11} {r['rss_max_mib']:>11} {r['startup_cpu_s']:>13} {r['page_bytes']:>10}")
    finally:
        for p in (agent, ne):
            p.send_signal(signal.SIGTERM)
        for p in (agent, ne):
            try:
                p.wait(15)
            except subprocess.TimeoutExpired:
                p.kill()


if __name__ == "__main__":
    main()
