#!/usr/bin/env python3
"""Threshold crossing -> webhook latency (p50/p99), one system at a time.

Each trial remote-writes a new series latency_probe{trial="N"} = 1 (the rule is
`latency_probe > 0`, for 0s, evaluation interval 1s) and records when the webhook receiver gets
the firing notification for trial N. Latency = arrival - the moment the write was acknowledged.

  BENCH_SYSTEMS_DIRS=$PWD/bench python3 bench/alert_latency.py --system moraine            # built-in routing
  BENCH_SYSTEMS_DIRS=$PWD/bench python3 bench/alert_latency.py --system moraine --via-alertmanager
  python3 bench/alert_latency.py --system prometheus --via-alertmanager                     # Prometheus 2.42 + Alertmanager 0.25
"""
import argparse, http.server, json, os, random, socketserver, subprocess, sys, threading, time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.environ.get("BENCH_SHARED", os.path.join(ROOT, "..", "shared", "bench"))
sys.path.insert(0, os.path.join(SHARED, "lib"))
import common  # noqa: E402
import remotewrite as rw  # noqa: E402

ARRIVALS = {}
LOCK = threading.Lock()


class Hook(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        now = time.time()
        try:
            msg = json.loads(body)
            for a in msg.get("alerts", []):
                trial = a.get("labels", {}).get("trial")
                if trial is not None and a.get("status") == "firing":
                    with LOCK:
                        ARRIVALS.setdefault(trial, now)
        except ValueError:
            pass
        self.send_response(200)
        self.end_headers()

    def log_message(self, *a):
        pass


ROUTE = """  route:
    receiver: hook
    group_by: [trial]
    group_wait: 0s
    group_interval: 1m
    repeat_interval: 1h
  receivers:
    - name: hook
      webhook_configs:
        - url: http://127.0.0.1:{hook}/
          send_resolved: false
"""


def write(port, trial):
    labels = rw.encode_labels([("__name__", "latency_probe"), ("trial", str(trial))])
    ts = rw.encode_timeseries(labels, 1.0, int(time.time() * 1000))
    req = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/write", data=rw.snappy_literal(ts),
                                 headers=rw.HEADERS, method="POST")
    with urllib.request.urlopen(req, timeout=10) as r:
        r.read()
    return time.time()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--system", required=True)
    ap.add_argument("--via-alertmanager", action="store_true")
    ap.add_argument("--trials", type=int, default=100)
    ap.add_argument("--port", type=int, default=19090)
    ap.add_argument("--am-port", type=int, default=29093)
    ap.add_argument("--hook-port", type=int, default=29094)
    args = ap.parse_args()
    work = f"/tmp/bench-alert-{args.system}"
    subprocess.run(["rm", "-rf", work])
    os.makedirs(work)
    socketserver.ThreadingTCPServer.allow_reuse_address = True
    server = socketserver.ThreadingTCPServer(("127.0.0.1", args.hook_port), Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    rules = os.path.join(work, "rules.yml")
    with open(rules, "w") as f:
        f.write("groups:\n  - name: latency\n    interval: 1s\n    rules:\n"
                "      - alert: LatencyProbe\n        expr: latency_probe > 0\n")
    cfg = os.path.join(work, "config.yml")
    am = None
    with open(cfg, "w") as f:
        f.write(f"global:\n  evaluation_interval: 1s\nrule_files: ['{rules}']\n")
        if args.via_alertmanager:
            f.write(f"alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: ['127.0.0.1:{args.am_port}']\n")
        else:
            f.write("notify:\n" + ROUTE.format(hook=args.hook_port))
    if args.via_alertmanager:
        amcfg = os.path.join(work, "alertmanager.yml")
        with open(amcfg, "w") as f:
            f.write(ROUTE.format(hook=args.hook_port).replace("\n  ", "\n")[2:])
        am = subprocess.Popen(["prometheus-alertmanager", f"--config.file={amcfg}",
                               f"--storage.path={work}/am", f"--web.listen-address=127.0.0.1:{args.am_port}",
                               "--cluster.listen-address=", "--log.level=warn"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    env = common.system_env(args.port, os.path.join(work, "data"), cfg, os.path.join(work, "server.log"),
                            "push", 1)
    pid = common.start_system(args.system, env)
    lat = []
    try:
        common.wait_ready(args.port, pid=pid)
        time.sleep(3)
        sent = {}
        for n in range(args.trials):
            sent[str(n)] = write(args.port, n)
            time.sleep(random.uniform(0.2, 1.2))
        deadline = time.time() + 30
        while time.time() < deadline and len(ARRIVALS) < args.trials:
            time.sleep(0.5)
        with LOCK:
            lat = sorted((ARRIVALS[k] - sent[k]) * 1000 for k in sent if k in ARRIVALS)
    finally:
        common.stop_pid(pid)
        if am:
            am.terminate()
        server.shutdown()
    res = {"system": args.system, "via_alertmanager": args.via_alertmanager, "trials": args.trials,
           "received": len(lat), "p50_ms": common.pct(lat, 0.5), "p99_ms": common.pct(lat, 0.99),
           "max_ms": lat[-1] if lat else None}
    common.write_result("alert_latency", args.system + ("_am" if args.via_alertmanager else ""), res)
    print(json.dumps(res))


if __name__ == "__main__":
    main()
