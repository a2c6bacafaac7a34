#!/usr/bin/env python3
"""PromQL latency side by side on the same imported data (Moraine, Prometheus, VictoriaMetrics).

The shared harness measures queries after a live scrape run; Moraine does not scrape yet, so this
driver loads the harness's ingest data set (100,000 series x 120 points at 10 s, the same bytes for
every system) the way each system bulk-loads it, starts the server on it and runs the harness's
query set (query_bench.QUERIES, 1 warm-up + R timed repetitions) over the last 8.5 minutes of that
data. Systems run one after the other, never at the same time.

  BENCH_SYSTEMS_DIRS=$PWD/bench python3 bench/query_on_import.py --systems moraine prometheus victoriametrics

Loading: Moraine `import openmetrics` (offline, blocks), Prometheus `promtool tsdb
create-blocks-from openmetrics` (offline, blocks), VictoriaMetrics POST /api/v1/import/prometheus of
the same samples as text, then /internal/force_flush and a wait until no merge is active.
Per system it records each query's median/p90/min latency, series and points returned, RSS
before the queries and the peak RSS (VmHWM) after them.
"""
import argparse
import json
import math
import os
import shutil
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("BENCH_HOME", os.path.join(HERE, "..", "..", "shared", "bench"))
sys.path.insert(0, SHARED)
sys.path.insert(0, os.path.join(SHARED, "lib"))
import common as C  # noqa: E402
import ingest_bench as IB  # noqa: E402
import query_bench as QB  # noqa: E402


def load(system, data_dir, ds, port, env):
    """Returns the PID of a server holding the data set (loaded once; --reload loads it again)."""
    t0 = time.time()
    marker = data_dir + ".loaded"
    if os.path.exists(marker):
        pid = C.start_system(system, env)
        C.wait_ready(port, timeout=300, pid=pid)
    elif system in ("moraine", "prometheus"):
        rc, o, e = C.system_call(system, "bulk_import", env, args=(os.path.join(ds, "data.om.txt"), data_dir),
                                 timeout=3600)
        if rc != 0:
            raise RuntimeError("bulk_import failed: %s %s" % (o[-300:], e[-300:]))
        pid = C.start_system(system, env)
        C.wait_ready(port, timeout=300, pid=pid)
    else:
        pid = C.start_system(system, env)
        C.wait_ready(port, timeout=300, pid=pid)
        path = os.path.join(ds, "data.prom.txt")
        ranges = IB._text_offsets(path)
        gens = [IB._text_chunks(path, ranges[i::4]) for i in range(4)]
        st = IB.run_senders(port, "/api/v1/import/prometheus", {"Content-Type": "text/plain"}, gens, 3600)
        if st["errors"]:
            raise RuntimeError("import errors: %s" % st["err_examples"])
        C.system_call(system, "flush", env)
        time.sleep(5)
    open(marker, "w").close()
    print("%s: loaded in %.1f s" % (system, time.time() - t0), flush=True)
    return pid


def answers(port, end, window_s, step=15):
    """Each query's result once more, as {query id: {labels: [[t, value], ...]}}, to compare."""
    end = (end // step) * step
    api = C.Api(port)
    out = {}
    for qid, kind, q, _ in QB.QUERIES:
        if kind == "range":
            params = {"query": q, "start": "%d" % (end - window_s), "end": "%d" % end, "step": "%d" % step}
            js = json.loads(api.get("/api/v1/query_range", params)[1])
        else:
            js = json.loads(api.get("/api/v1/query", {"query": q, "time": "%d" % end})[1])
        series = {}
        for r in js.get("data", {}).get("result", []):
            key = json.dumps(r["metric"], sort_keys=True)
            series[key] = r.get("values") or [r["value"]]
        out[qid] = series
    api.close()
    return out


def compare(results, a, b, rel=1e-9):
    """Lines naming where system b's answers differ from system a's (series sets, then values)."""
    lines = []
    for qid, sa in results["systems"][a]["answers"].items():
        sb = results["systems"][b]["answers"].get(qid, {})
        if set(sa) != set(sb):
            lines.append("%s: series differ (%d vs %d; only in %s: %s)" % (
                qid, len(sa), len(sb), a, sorted(set(sa) - set(sb))[:2]))
            continue
        worst = 0.0
        for k, pa in sa.items():
            pb = sb[k]
            if [p[0] for p in pa] != [p[0] for p in pb]:
                lines.append("%s: timestamps differ for %s" % (qid, k))
                break
            for (_, va), (_, vb) in zip(pa, pb):
                x, y = float(va), float(vb)
                if x != y and not (math.isnan(x) and math.isnan(y)):
                    worst = max(worst, abs(x - y) / max(abs(x), abs(y)))
        lines.append("%s: %d series, largest relative difference %.3g%s" % (
            qid, len(sa), worst, "" if worst <= rel else "  ABOVE %g" % rel))
    return lines


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--systems", nargs="+", default=["moraine", "prometheus", "victoriametrics"])
    ap.add_argument("--dataset", default="/tmp/bench-ingest-data/k50-s2000-p120-st10-sh4-b2000-seed42")
    ap.add_argument("--port", type=int, default=19090)
    ap.add_argument("--reps", type=int, default=7)
    ap.add_argument("--window-s", type=int, default=510)
    ap.add_argument("--reload", action="store_true", help="load the data again even if loaded before")
    ap.add_argument("--out", default="/tmp/bench-results/query_on_import.json")
    a = ap.parse_args()
    meta = json.load(open(os.path.join(a.dataset, "meta.json")))
    end = meta["t_last"]
    results = {"dataset": meta, "end": end, "window_s": a.window_s, "host": C.host_info(), "systems": {}}
    for system in a.systems:
        work = "/tmp/bench-query-%s" % system
        if a.reload:
            shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work, exist_ok=True)
        data_dir = os.path.join(work, "data")
        env = C.system_env(a.port, data_dir, "", os.path.join(work, "server.log"), "push", 10)
        pid = load(system, data_dir, a.dataset, a.port, env)
        try:
            rss_before = C.proc_mem(pid)
            rows = QB.run_queries(a.port, end, a.window_s, reps=a.reps, verbose=True)["results"]
            mem = C.proc_mem(pid)
            results["systems"][system] = {"queries": rows, "rss_before": rss_before, "mem_after": mem,
                                          "answers": answers(a.port, end, a.window_s)}
        finally:
            C.stop_pid(pid)
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    json.dump(results, open(a.out, "w"), indent=1)
    print_table(results)
    print()
    print(markdown(results))
    if "moraine" in results["systems"]:
        for peer in [s for s in results["systems"] if s != "moraine"]:
            print("\nMoraine against %s:" % peer)
            print("\n".join(compare(results, peer, "moraine")))


def markdown(results):
    """The docs/benchmarks.md table: median / p90 ms per system, and Moraine's median against the
    faster peer's."""
    systems = list(results["systems"])
    peers = [s for s in systems if s != "moraine"]
    ids = [q["id"] for q in results["systems"][systems[0]]["queries"]]
    head = "| query | " + " | ".join("%s median / p90 ms" % s for s in systems)
    head += " | Moraine / faster peer |" if "moraine" in systems and peers else " |"
    lines = [head, "|---" * (head.count("|") - 1) + "|"]
    for qid in ids:
        get = {s: next(x for x in results["systems"][s]["queries"] if x["id"] == qid) for s in systems}
        cells = ["%s / %s (%s series)" % (get[s]["median_ms"], get[s]["p90_ms"], get[s]["series"]) for s in systems]
        line = "| %s | %s |" % (qid, " | ".join(cells))
        if "moraine" in systems and peers:
            best = min(get[p]["median_ms"] for p in peers if get[p]["median_ms"] is not None)
            line += " %.2fx |" % (get["moraine"]["median_ms"] / best)
        lines.append(line)
    mem = ["peak RSS (VmHWM) after queries, MiB"] + [
        "%.1f" % (results["systems"][s]["mem_after"]["VmHWM"] / 2 ** 20) for s in systems]
    lines.append("| " + " | ".join(mem) + (" | |" if "moraine" in systems and peers else " |"))
    return "\n".join(lines)


def print_table(results):
    systems = list(results["systems"])
    ids = [q["id"] for q in results["systems"][systems[0]]["queries"]]
    rows = []
    for qid in ids:
        row = [qid]
        for s in systems:
            q = next(x for x in results["systems"][s]["queries"] if x["id"] == qid)
            row.append("%s / %s ms (%s series)" % (q.get("median_ms"), q.get("p90_ms"), q.get("series")))
        rows.append(row)
    C.print_table(["query"] + ["%s median / p90" % s for s in systems], rows, title="query latency")
    for s in systems:
        print(s, "rss before:", results["systems"][s]["rss_before"], "after:", results["systems"][s]["mem_after"])


if __name__ == "__main__":
    main()
