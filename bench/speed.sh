#!/usr/bin/env bash
# Speed and memory of `wsclose analyze` against the reader, in one run (issue "analyze at the speed of the reader").
# On one file (default: the large mixed scenario of bench/mixed.sh, generated when missing) it runs, each RUNS
# times, keeping the fastest: `cat FILE > /dev/null`, `wsclose summary`, `wsclose analyze` (table),
# `wsclose analyze --format json`, and `wsclose --version`. Times are wall clock including JVM start-up, run through
# the repo launcher (./wsclose) as a user runs them (class-data sharing, the launcher's collector).
# For each it prints seconds, MB/s, events/s, peak RSS and the ratios against cat and summary; for analyze also
# the bytes allocated per input event, from one extra run under JDK Flight Recorder (the sum of its
# jdk.ObjectAllocationSample weights, without those taken before wsclose starts or on the recorder's threads: an
# estimate, good to a few per cent), and the JSON output's size.
# A report, not a test: it exits 0 whatever the numbers are.
# Environment: FILE (an .etl to use instead), SOCKETS (100000, for the generated file), RUNS (3), HEAP (512m),
#              OUT_DIR (bench/out), JAVA (java).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SOCKETS="${SOCKETS:-100000}"
RUNS="${RUNS:-3}"
HEAP="${HEAP:-512m}"
OUT_DIR="${OUT_DIR:-bench/out}"
JAVA="${JAVA:-java}"
JAR=cli/target/wsclose.jar
CP=trace/target/classes:trace/target/test-classes
die() { echo "bench: $*" >&2; exit 1; }
if [[ ! -f "$JAR" || ! -d trace/target/test-classes ]]; then
    echo "bench: building (mvn -q -DskipTests package)" >&2
    mvn -q -DskipTests package || die "build failed"
fi
command -v /usr/bin/time >/dev/null || die "needs /usr/bin/time (GNU time) for peak RSS"
mkdir -p "$OUT_DIR"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/wsclose-speed.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
F="${FILE:-$OUT_DIR/mixed-$SOCKETS-42.etl}"
if [[ ! -f "$F" ]]; then
    [[ -z "${FILE:-}" ]] || die "$F: no such file"
    echo "bench: generating $F" >&2
    "$JAVA" -cp "$CP" wsclose.trace.testing.MixedTrace "$F" "$SOCKETS" 0.05 42 >&2
fi
BYTES=$(stat -c %s "$F")
EVENTS=$("$JAVA" -jar "$JAR" summary --format json "$F" 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["files"][0]["events"])')

best() { # best NAME CMD...: the fastest of RUNS, with its peak RSS
    local name=$1; shift
    local bs="" brss=""
    for ((i = 0; i < RUNS; i++)); do
        /usr/bin/time -f '%e %M' -o "$WORK/t" "$@" > "$WORK/$name.out" 2>/dev/null || true
        read -r s rss < "$WORK/t"
        if [[ -z "$bs" ]] || awk -v a="$s" -v b="$bs" 'BEGIN {exit !(a < b)}'; then bs=$s brss=$rss; fi
    done
    echo "$bs $brss"
}
echo "bench: $F: $BYTES bytes, $EVENTS events; $("$JAVA" -version 2>&1 | head -1); $(nproc) cores; best of $RUNS"
read -r CAT CATRSS < <(best cat cat "$F")
# through the repo launcher, as a user runs it (class-data sharing, the launcher's collector); JAVA_OPTS adds the heap
export JAVA_OPTS="-Xmx$HEAP ${JAVA_OPTS:-}"
./wsclose --version > /dev/null # makes the class archive when the jar is newer than it
read -r SUM SUMRSS < <(best summary ./wsclose summary "$F")
read -r AN ANRSS < <(best analyze ./wsclose analyze --fail-on never --quiet "$F")
read -r JS JSRSS < <(best json ./wsclose analyze --format json --fail-on never --quiet "$F")
JSONSIZE=$(stat -c %s "$WORK/json.out")
read -r VER VERRSS < <(best version ./wsclose --version)
"$JAVA" -Xmx"$HEAP" -XX:StartFlightRecording=filename="$WORK/a.jfr",settings=profile -jar "$JAR" analyze \
    --fail-on never --quiet "$F" > /dev/null 2>&1 || true
# A sample's weight is what its thread allocated since its previous sample, so main's samples taken before the
# launcher loads wsclose (the recording starts first) carry what the JVM and the recorder allocated before the
# application: about 20 MB here. Those and the recorder's own threads' samples are left out, and said.
read -r ALLOC JFRALLOC < <(jfr print --json --stack-depth 64 --events jdk.ObjectAllocationSample "$WORK/a.jfr" | python3 -c '
import json, sys
app = pre = 0
started = False
events = json.load(sys.stdin)["recording"]["events"]
for e in sorted(events, key=lambda e: e["values"]["startTime"]):
    v = e["values"]
    frames = (v.get("stackTrace") or {}).get("frames") or []
    thread = (v.get("eventThread") or {}).get("javaName") or ""
    names = [f["method"]["type"]["name"] for f in frames]
    if thread == "main" and any(n.startswith(("sun/launcher/", "wsclose/")) for n in names):
        started = True
    if thread.startswith("JFR ") or thread == "main" and not started:
        pre += v["weight"]
    else:
        app += v["weight"]
print(app, pre)')
row() { # row NAME SECONDS RSS_KB
    awk -v n="$1" -v s="$2" -v r="$3" -v b="$BYTES" -v e="$EVENTS" -v c="$CAT" -v m="$SUM" 'BEGIN {
        printf "%-14s %8.2f %9.1f %12.0f %8.0f %9.3f %9.3f\n", n, s, b / s / 1e6, e / s, r / 1024, c / s, m / s }'
}
printf '%-14s %8s %9s %12s %8s %9s %9s\n' what seconds MB/s events/s RSS_MB "x cat" "x summary"
row cat "$CAT" "$CATRSS"
row summary "$SUM" "$SUMRSS"
row analyze "$AN" "$ANRSS"
row "analyze json" "$JS" "$JSRSS"
printf '%-14s %8.2f\n' "--version" "$VER"
awk -v a="$ALLOC" -v f="$JFRALLOC" -v e="$EVENTS" -v j="$JS" -v t="$AN" -v js="$JSONSIZE" -v b="$BYTES" 'BEGIN {
    printf "analyze allocates %.1f bytes per input event (JFR samples: %.0f MB; %.0f MB more before wsclose started and on the recorder'"'"'s threads, left out)\n", a / e, a / 1e6, f / 1e6
    printf "analyze --format json takes %.2fx the table'"'"'s time and writes %.1f MB (%.1f%% of the input)\n", j / t, js / 1e6, 100 * js / b }'
