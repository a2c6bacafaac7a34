#!/usr/bin/env bash
# Moraine's adapter for ../shared/bench (see its systems/TEMPLATE.sh for the interface).
# Use: BENCH_SYSTEMS_DIRS=$PWD/bench python3 ../shared/bench/ingest_bench.py --system moraine ...
set -euo pipefail
sub="${1:-}"; shift || true
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$here/moraine-server/target/moraine.jar"
PORT="${BENCH_PORT:-}"; DATA="${BENCH_DATA_DIR:-}"; LOG="${BENCH_LOG:-/dev/null}"

java_bin() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then echo "$JAVA_HOME/bin/java"; return; fi
  for j in /usr/lib/jvm/*25*/bin/java; do [[ -x "$j" ]] && { echo "$j"; return; }; done
  echo java
}
JAVA="$(java_bin)"
OPTS=(-XX:+UseCompactObjectHeaders --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)

# Blocks written under $1: samples, series, bytes (from each block's meta.json and du).
block_stats() {
  python3 - "$1" <<'PY'
import json, os, sys, glob
out = sys.argv[1]; samples = series = tot = 0
for meta in glob.glob(os.path.join(out, "*", "meta.json")):
    st = json.load(open(meta)).get("stats", {})
    samples += st.get("numSamples", 0); series = max(series, st.get("numSeries", 0))
for root, _, files in os.walk(out):
    for f in files:
        if f != "lock": tot += os.path.getsize(os.path.join(root, f))
print(json.dumps({"tool": "moraine import openmetrics", "samples": samples, "series": series, "bytes": tot}))
PY
}

# The peers run no rules in the harness, so neither does Moraine's default rule pack unless
# MORAINE_DEFAULT_PACK=true (docs/benchmarks.md measures what the pack costs).
case "$sub" in
  start)
    : "${PORT:?BENCH_PORT not set}" "${DATA:?BENCH_DATA_DIR not set}"
    mkdir -p "$DATA"
    MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" setsid "$JAVA" "${OPTS[@]}" -XX:+UseSerialGC -Xms16m \
      -Xmn12m -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=10 -XX:TrimNativeHeapInterval=10000 \
      ${MORAINE_JAVA_OPTS:-} -jar "$jar" server \
      --listen "127.0.0.1:$PORT" --data "$DATA" --rules.default-pack="${MORAINE_DEFAULT_PACK:-false}" \
      ${BENCH_SCRAPE_CONFIG:+--config "$BENCH_SCRAPE_CONFIG"} </dev/null >"$LOG" 2>&1 &
    echo $!
    ;;
  info)
    echo '{"name":"moraine","version":"0.1.0","remote_write_path":"/api/v1/write","import_text_path":"/api/v1/import/prometheus","self_metrics_path":"/metrics","samples_counter":"moraine_tsdb_head_samples_appended_total"}'
    ;;
  bulk_import)
    in="$1"; out="$2"
    mkdir -p "$out"
    "$JAVA" "${OPTS[@]}" ${MORAINE_JAVA_OPTS:-} -jar "$jar" import openmetrics "$in" --data "$out" >"$out.log" 2>&1
    block_stats "$out"
    ;;
  *) exit 64 ;;
esac
