#!/usr/bin/env bash
# Benchmark of `wsclose analyze` on generated Winsock-heavy traces (bench/HISTORY.md).
#
# Generates, with the test-only writer (trace/src/test/.../BigWinsockTrace.java), streamed to disk:
#   heavy: SOCKETS (default 230,000) sockets with SENDS (4) sends each: a little over 1 GiB, hundreds of thousands
#          of sockets, about 1,000 open at once, endpoint and handle values reused as on a busy server;
#   many:  MANY (default 1,000,000) short-lived sockets without sends, analysed with HEAP_MANY (512m) of heap.
# For each it prints MB/s, events/s, seconds, peak RSS, sockets, most sockets alive at once and findings. It runs
# through the repo launcher (./wsclose: class-data sharing, its collector and JIT settings) as a user runs it;
# JAVA_OPTS adds JVM options after the heap.
# It is a report, not a test: it exits 0 whatever the numbers are.
#
# Environment: SOCKETS, SENDS, MANY, HEAP (heavy, default 512m), HEAP_MANY (512m), OUT_DIR (bench/out),
#              JAVA (java), CLEAN=1 removes the generated files at the end.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SOCKETS="${SOCKETS:-230000}"
SENDS="${SENDS:-4}"
MANY="${MANY:-1000000}"
HEAP="${HEAP:-512m}"
HEAP_MANY="${HEAP_MANY:-512m}"
OUT_DIR="${OUT_DIR:-bench/out}"
JAVA="${JAVA:-java}"
JAR=cli/target/wsclose.jar
CP=trace/target/classes:trace/target/test-classes

die() { echo "bench: $*" >&2; exit 1; }
if [[ ! -f "$JAR" || ! -d trace/target/test-classes ]]; then
    echo "bench: building (mvn -q -DskipTests package)"
    mvn -q -DskipTests package || die "build failed"
fi
mkdir -p "$OUT_DIR"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/wsclose-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

gen() { # gen NAME SOCKETS SENDS
    local f="$OUT_DIR/winsock-$1.etl"
    if [[ -f "$f" && -f "$f.info" && "$(cat "$f.info")" == "$2 $3" ]]; then
        echo "bench: reusing $f" >&2
    else
        echo "bench: generating $f ($2 sockets, $3 sends each)" >&2
        "$JAVA" -Xmx256m -cp "$CP" wsclose.trace.testing.BigWinsockTrace "$f" "$2" "$3" >/dev/null
        echo "$2 $3" > "$f.info"
    fi
    echo "$f"
}

run() { # run NAME FILE HEAP
    local rc=0
    # the file into the page cache first, as a second run finds it: the generated files are gigabytes, and a cold
    # read measures the disk (where the cache cannot hold the file, the run still reads part of it from disk)
    cat "$2" > /dev/null
    if [[ -x /usr/bin/time ]]; then
        JAVA_OPTS="-Xmx$3 ${JAVA_OPTS:-}" /usr/bin/time -v -o "$WORK/$1.time" ./wsclose analyze --stats --fail-on never "$2" \
            >"$WORK/$1.out" 2>"$WORK/$1.err" || rc=$?
        RSS=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$WORK/$1.time")
        CPU=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {printf "%.1f", u + s}' "$WORK/$1.time")
        WALL=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; printf "%.2f", s}' "$WORK/$1.time")
    else
        JAVA_OPTS="-Xmx$3 ${JAVA_OPTS:-}" ./wsclose analyze --stats --fail-on never "$2" >"$WORK/$1.out" 2>"$WORK/$1.err" || rc=$?
        RSS=n/a CPU=n/a WALL=n/a
    fi
    (( rc == 0 )) || { cat "$WORK/$1.err" >&2; die "$1: analyze failed with exit code $rc"; }
    local line; line=$(grep -m1 'stats: ' "$WORK/$1.err")
    local summary; summary=$(sed -n 2p "$WORK/$1.out")
    local bytes; bytes=$(stat -c %s "$2")
    local wallmb=n/a
    [[ "$WALL" == n/a ]] || wallmb=$(awk -v b="$bytes" -v s="$WALL" 'BEGIN {printf "%.1f", b / 1e6 / s}')
    printf '%-6s %9s %12s %9s %8s %9s %8s %7s %8s  %s\n' "$1" \
        "$(sed -E 's/.* s: ([0-9.]+) MB\/s.*/\1/' <<<"$line")" "$(sed -E 's/.* MB\/s, ([0-9]+) events\/s.*/\1/' <<<"$line")" \
        "$(sed -E 's/.* events in ([0-9.]+) s:.*/\1/' <<<"$line")" "$WALL" "$wallmb" "$RSS" "$CPU" "$3" "$summary"
    echo "       $(sed -E 's/.*(heap used .*)/\1/' <<<"$line"); $(sed -E 's/.*stats: ([0-9]+) bytes, ([0-9]+) events.*/\1 bytes, \2 events/' <<<"$line")"
}

HEAVY=$(gen heavy "$SOCKETS" "$SENDS")
MANYF=$(gen many "$MANY" 0)
./wsclose --version >/dev/null # makes the launcher's class archive when the jar is newer than it
echo "bench: $("$JAVA" -version 2>&1 | head -1); $(nproc) cores; $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
printf '%-6s %9s %12s %9s %8s %9s %8s %7s %8s  %s\n' what MB/s events/s seconds wall_s wall_MB/s RSS_MB cpu_s heap \
    "report summary line"
run heavy "$HEAVY" "$HEAP"
run many "$MANYF" "$HEAP_MANY"
echo "(seconds, MB/s and events/s are the analysis's own timing from --stats, without JVM start-up; wall_s and"
echo " wall_MB/s the whole command's, JVM start-up and the report included;"
echo " RSS_MB is the peak resident set of the whole JVM; heap is the -Xmx limit)"
if [[ "${CLEAN:-0}" == 1 ]]; then
    rm -f "$HEAVY" "$HEAVY.info" "$MANYF" "$MANYF.info"
fi
