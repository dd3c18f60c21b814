#!/usr/bin/env bash
# Live-mode load benchmark (Linux, root): wsclose trace follows a bounded loopback load (bench/live-load.py, 127.0.0.1
# only, ends by itself) and reports the socket events it saw, the events tracefs says it lost, and the CPU it used.
#   DURATION=30 RATE=10000 CHURN=300 CONNS=8 bench/live-load.sh
# Needs cli/target/wsclose.jar (built here with 'mvn -q -DskipTests package' when missing) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-30}
RATE=${RATE:-10000}
CHURN=${CHURN:-300}
CONNS=${CONNS:-8}

[ "$(id -u)" = 0 ] || { echo "live-load: needs root (wsclose trace uses tracefs)" >&2; exit 3; }
command -v python3 >/dev/null || { echo "live-load: needs python3" >&2; exit 3; }
jar=cli/target/wsclose.jar
[ -f "$jar" ] || mvn -q -DskipTests package >&2
py=$(python3 -c 'import sys; print(sys.executable)')   # the real interpreter, not a version-manager shim
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

start=$(date +%s.%N)
java -jar "$jar" trace --format json --fail-on never --sample-interval 100 -- \
    "$py" bench/live-load.py --seconds "$DURATION" --rate "$RATE" --churn "$CHURN" --conns "$CONNS" \
    > "$out/report.json" 2> "$out/stderr.txt" || { cat "$out/stderr.txt" >&2; exit 1; }
end=$(date +%s.%N)

python3 - "$out/report.json" "$out/stderr.txt" "$start" "$end" <<'EOF'
import json, re, sys
report = json.load(open(sys.argv[1]))
err = open(sys.argv[2]).read()
wall = float(sys.argv[4]) - float(sys.argv[3])
st = report["stats"]
load = re.search(r"^live-load: .*$", err, re.M)
m = re.search(r"; (\d+) events, (\S+) lost \(tracefs overruns\), ([\d.]+) s CPU used by wsclose", err)
events, lost, cpu = int(m.group(1)), m.group(2), float(m.group(3))
print(load.group(0) if load else "live-load: (no load summary)")
print(f"wsclose trace: {events:,} socket events, {lost} lost (tracefs per-CPU overrun + dropped), "
      f"{st['sockets']:,} sockets, {sum(st['findings'].values())} findings")
secs = float(re.search(r"live-load: ([\d.]+) s", load.group(0)).group(1)) if load else wall
print(f"rate: {events / secs:,.0f} socket events/s over the {secs:.1f} s of load")
print(f"wsclose CPU: {cpu:.1f} s over {wall:.1f} s wall ({cpu / wall:.2f} cores of {__import__('os').cpu_count()})")
kinds = {}
for f in report["findings"]:
    kinds[f["kind"]] = kinds.get(f["kind"], 0) + 1
print("findings: " + (", ".join(f"{k} {n}" for k, n in sorted(kinds.items())) or "none"))
for w in report["warnings"]:
    print("warning: " + w)
EOF
