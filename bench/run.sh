#!/usr/bin/env bash
# Throughput and memory benchmark for the wsclose ETL reader; see bench/README.md.
#
# Builds a big ETL (bench/out/big.etl, SIZE_MB MiB, default 1100) by repeating a corpus file's buffers
# with shifted timestamps (bench/MakeBigEtl.java), then reports MB/s, events/s, seconds and peak RSS for
#   cat FILE > /dev/null            (page-cached read, for comparison)
#   wsclose summary --stats FILE    (one pass over record headers, file order, in runs read on every core)
#   the same with -Dwsclose.readThreads=1 (one thread)
#   wsclose events --count --stats  (full time-ordered walk: per-processor streams merged by timestamp)
# wsclose runs through the repository's launcher (./wsclose) as a user runs it: class-data sharing and the
# launcher's JVM options per command; JAVA_OPTS adds -Xmx$HEAP.
# It is a report, not a test: it exits 0 whether or not the throughput target is met.
#
# Environment: SIZE_MB (1100), HEAP (256m), INPUT (uncompressed .etl to repeat), OUT (bench/out/big.etl),
#              RUNS (3: each command is run this often, the fastest run is reported), JAVA (java: the generator
#              and the count of INPUT; ./wsclose runs the java on PATH),
#              CLEAN=1 to delete the big file (and its .info) at the end. Relative paths are relative
#              to the repository root.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SIZE_MB="${SIZE_MB:-1100}"
HEAP="${HEAP:-256m}"
JAVA="${JAVA:-java}"
INPUT="${INPUT:-../shared/corpus/etl/microsoft__perfview/net.4.5.x86.PerfViewData.etl}"
OUT="${OUT:-bench/out/big.etl}"
JAR="cli/target/wsclose.jar"
TARGET_MBPS=1000   # 1 GB/s per core for the walk

die() { echo "bench: $*" >&2; exit 1; }

[[ "$SIZE_MB" =~ ^[0-9]+$ ]] || die "SIZE_MB must be a whole number of MiB, got '$SIZE_MB'"
[[ -f "$INPUT" ]] || die "input $INPUT not found (set INPUT to an uncompressed .etl)"

if [[ ! -f "$JAR" ]]; then
    echo "bench: $JAR missing; building (mvn -q -o install -DskipTests)"
    mvn -q -o install -DskipTests
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/wsclose-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# ---------------------------------------------------------------------------------------------- big file
info="$OUT.info"
info_get() { sed -n "s/^$1=//p" "$info"; }
file_size() { stat -c %s "$1"; }

need_gen=1
if [[ -f "$OUT" && -f "$info" ]]; then
    if [[ "$(info_get size_mb)" == "$SIZE_MB" && "$(info_get input_bytes)" == "$(file_size "$INPUT")" \
          && "$(info_get bytes)" == "$(file_size "$OUT")" ]]; then
        need_gen=0
    fi
fi
if (( need_gen )); then
    mkdir -p "$(dirname "$OUT")"
    rm -f "$OUT" "$info"
    avail_kb=$(df -Pk "$(dirname "$OUT")" | awk 'NR==2 {print $4}')
    (( avail_kb / 1024 > SIZE_MB + 64 )) || die "not enough disk for a $SIZE_MB MiB file: $((avail_kb / 1024)) MiB free"
    echo "bench: generating $OUT ($SIZE_MB MiB) from $INPUT"
    "$JAVA" bench/MakeBigEtl.java "$INPUT" "$OUT" "$SIZE_MB"
else
    echo "bench: reusing $OUT ($(info_get bytes) bytes, matches SIZE_MB=$SIZE_MB)"
fi
BYTES=$(file_size "$OUT")
# Finish writing the new file back to disk first: reading pages that are under writeback is slow and
# would distort the cat timing.
sync "$OUT" 2>/dev/null || sync

# ---------------------------------------------------------------------------------------------- measuring
now_ns() { date +%s%N; }
HAVE_TIME=0
if [[ -x /usr/bin/time ]] && /usr/bin/time -v -o "$WORK/probe" true 2>/dev/null && grep -q 'Maximum resident' "$WORK/probe"; then
    HAVE_TIME=1
fi

# measure NAME CMD...: runs CMD with stdout to $STDOUT (default $WORK/NAME.out) and stderr to
# $WORK/NAME.err; sets
# WALL (s), RSS_MB (peak resident set), CPU_S (user+sys, or n/a).
measure() {
    local name="$1"; shift
    local t0 t1 rc=0 out="${STDOUT:-$WORK/$name.out}"
    t0=$(now_ns)
    if (( HAVE_TIME )); then
        /usr/bin/time -v -o "$WORK/$name.time" "$@" >"$out" 2>"$WORK/$name.err" || rc=$?
        t1=$(now_ns)
        RSS_MB=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$WORK/$name.time")
        CPU_S=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {printf "%.2f", u + s}' "$WORK/$name.time")
    else
        # No GNU time: poll the kernel's high-water mark of the child's resident set.
        "$@" >"$out" 2>"$WORK/$name.err" &
        local pid=$! hwm=0 v
        while kill -0 "$pid" 2>/dev/null; do
            v=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
            [[ -n "$v" ]] && (( v > hwm )) && hwm=$v
            sleep 0.05
        done
        wait "$pid" || rc=$?
        t1=$(now_ns)
        RSS_MB=$(( hwm / 1024 ))
        CPU_S="n/a"
    fi
    WALL=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", (b - a) / 1e9}')
    if (( rc != 0 )); then
        cat "$WORK/$name.err" >&2
        die "$name failed with exit code $rc"
    fi
}

# stats_field NAME FIELD: a value from the "wsclose ...: stats:" line on stderr.
stats_field() {
    local line
    line=$(grep -m1 'stats: ' "$WORK/$1.err") || die "$1: no stats line on stderr"
    case "$2" in
        events)  sed -E 's/.* bytes, ([0-9]+) events in .*/\1/' <<<"$line" ;;
        seconds) sed -E 's/.* events in ([0-9.]+) s:.*/\1/' <<<"$line" ;;
        mbps)    sed -E 's/.* s: ([0-9.]+) MB\/s.*/\1/' <<<"$line" ;;
        evps)    sed -E 's/.* MB\/s, ([0-9]+) events\/s.*/\1/' <<<"$line" ;;
        heap)    sed -E 's/.*heap used ([0-9]+) MB of max ([0-9]+) MB.*/\1 MB used at the end, max \2 MB/' <<<"$line" ;;
    esac
}

# Other lines on the reader's stderr are warnings (damage, out-of-order records): show them.
show_warnings() {
    if grep -v 'stats: ' "$WORK/$1.err" | grep -q .; then
        echo "bench: $1 printed warnings:"
        grep -v 'stats: ' "$WORK/$1.err" | head -20 | sed 's/^/    /'
    fi
}

echo "bench: $("$JAVA" -version 2>&1 | head -1); $(nproc) cores; $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
echo "bench: file $OUT, $BYTES bytes ($(awk -v b="$BYTES" 'BEGIN {printf "%.2f", b / 1073741824}') GiB)"
(( HAVE_TIME )) && echo "bench: peak RSS from /usr/bin/time -v" || echo "bench: peak RSS by polling /proc/<pid>/status VmHWM"

# Each command runs RUNS times; the table shows the fastest run (the machine may be shared, and a busy
# neighbour only ever slows a run down) and the largest peak RSS of all runs.
RUNS="${RUNS:-3}"
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive number, got '$RUNS'"

# best NAME CMD...: RUNS measurements; leaves the fastest in $WORK/NAME.{out,err} and sets BEST_WALL,
# BEST_CPU (of the fastest), MAX_RSS (over all runs) and ALL (every run's seconds).
# For wsclose the run's seconds are its own --stats timing; for cat the wall time.
best() {
    local name="$1"; shift
    local i secs best_secs=""
    ALL="" MAX_RSS=0
    for ((i = 1; i <= RUNS; i++)); do
        measure "$name.$i" "$@"
        if [[ "$name" == cat ]]; then secs=$WALL; else secs=$(stats_field "$name.$i" seconds); fi
        ALL="$ALL $secs"
        (( RSS_MB > MAX_RSS )) && MAX_RSS=$RSS_MB
        if [[ -z "$best_secs" ]] || awk -v a="$secs" -v b="$best_secs" 'BEGIN {exit !(a < b)}'; then
            best_secs=$secs BEST_WALL=$WALL BEST_CPU=$CPU_S
            [[ -f "$WORK/$name.$i.out" ]] && cp "$WORK/$name.$i.out" "$WORK/$name.out"
            cp "$WORK/$name.$i.err" "$WORK/$name.err"
        fi
    done
}

# cat: a first, untimed run warms the page cache.
cat "$OUT" >/dev/null
STDOUT=/dev/null best cat cat "$OUT"
CAT_WALL=$BEST_WALL CAT_RSS=$MAX_RSS CAT_CPU=$BEST_CPU CAT_ALL=$ALL
CAT_MBPS=$(awk -v b="$BYTES" -v s="$CAT_WALL" 'BEGIN {printf "%.1f", b / 1e6 / s}')

./wsclose --version >/dev/null # makes the class archive when the jar is newer than it
export JAVA_OPTS="-Xmx$HEAP${JAVA_OPTS:+ $JAVA_OPTS}"
STDOUT=/dev/null best summary ./wsclose summary --stats "$OUT"
SUM_WALL=$BEST_WALL SUM_RSS=$MAX_RSS SUM_CPU=$BEST_CPU SUM_ALL=$ALL
SUM_EVENTS=$(stats_field summary events)
show_warnings summary

# the same on one thread (EtlFile.readThreads: the default is one per core, at most four)
JAVA_OPTS="$JAVA_OPTS -Dwsclose.readThreads=1" STDOUT=/dev/null best summary1 ./wsclose summary --stats "$OUT"
SUM1_WALL=$BEST_WALL SUM1_RSS=$MAX_RSS SUM1_CPU=$BEST_CPU SUM1_ALL=$ALL
show_warnings summary1

best walk ./wsclose events --count --stats "$OUT"
WALK_WALL=$BEST_WALL WALK_RSS=$MAX_RSS WALK_CPU=$BEST_CPU WALK_ALL=$ALL
WALK_EVENTS=$(stats_field walk events)
WALK_COUNT=$(tr -d '[:space:]' <"$WORK/walk.out")
show_warnings walk

# The input itself, to check the expected count against what the reader finds in the original.
"$JAVA" "-Xmx$HEAP" -jar "$JAR" summary --stats "$INPUT" >/dev/null 2>"$WORK/orig.err" || die "summary of $INPUT failed"
ORIG_EVENTS=$(stats_field orig events)

# ---------------------------------------------------------------------------------------------- report
REPS=$(info_get repetitions)
HDR_EV=$(info_get header_buffer_events)
PER_REP=$(info_get events_per_repetition)
EXPECTED=$(info_get expected_events)

echo
printf '%-8s %10s %12s %9s %11s %8s %7s\n' what MB/s events/s seconds peakRSS_MB wall_s cpu_s
printf '%-8s %10s %12s %9s %11s %8s %7s\n' cat "$CAT_MBPS" - "$CAT_WALL" "$CAT_RSS" "$CAT_WALL" "$CAT_CPU"
printf '%-8s %10s %12s %9s %11s %8s %7s\n' summary "$(stats_field summary mbps)" "$(stats_field summary evps)" \
    "$(stats_field summary seconds)" "$SUM_RSS" "$SUM_WALL" "$SUM_CPU"
printf '%-8s %10s %12s %9s %11s %8s %7s\n' summary1 "$(stats_field summary1 mbps)" "$(stats_field summary1 evps)" \
    "$(stats_field summary1 seconds)" "$SUM1_RSS" "$SUM1_WALL" "$SUM1_CPU"
printf '%-8s %10s %12s %9s %11s %8s %7s\n' walk "$(stats_field walk mbps)" "$(stats_field walk evps)" \
    "$(stats_field walk seconds)" "$WALK_RSS" "$WALK_WALL" "$WALK_CPU"
echo "(best of $RUNS runs; MB = 10^6 bytes; seconds = the reader's own timing from --stats, without JVM"
echo " start-up; wall_s and cpu_s = the whole process (user+sys, all threads) in that run; peakRSS_MB = the"
echo " largest of all runs; cat reads the page-cached file)"
echo "seconds of every run: cat$CAT_ALL; summary$SUM_ALL; summary1$SUM1_ALL; walk$WALK_ALL"
echo "(summary1 = summary with -Dwsclose.readThreads=1: one thread)"
echo

echo "heap limit: $HEAP (-Xmx$HEAP) for a $(awk -v b="$BYTES" 'BEGIN {printf "%.2f", b / 1073741824}') GiB file"
echo "  summary heap: $(stats_field summary heap); walk heap: $(stats_field walk heap)"
echo
echo "events: expected $EXPECTED = $HDR_EV (header buffer) + $REPS repetitions x $PER_REP"
echo "        (the input has $ORIG_EVENTS events per the reader; MakeBigEtl counted $((HDR_EV + PER_REP)))"
echo "        summary $SUM_EVENTS, walk (--count) $WALK_COUNT, walk (stats) $WALK_EVENTS"
if [[ "$SUM_EVENTS" == "$EXPECTED" && "$WALK_COUNT" == "$EXPECTED" && "$WALK_EVENTS" == "$EXPECTED" \
      && "$ORIG_EVENTS" == "$((HDR_EV + PER_REP))" ]]; then
    echo "  counts: OK (all equal)"
else
    echo "  counts: MISMATCH"
fi
echo

WALK_MBPS=$(stats_field walk mbps)
echo "per core: the walk runs on one thread, so $WALK_MBPS MB/s is its per-core throughput"
if [[ "$WALK_CPU" != "n/a" ]]; then
    echo "          (bytes / process CPU time incl. JVM start-up, JIT and GC threads: $(awk -v b="$BYTES" -v c="$WALK_CPU" \
        'BEGIN {printf "%.1f", b / 1e6 / c}') MB/s per CPU-second)"
fi
if awk -v m="$WALK_MBPS" -v t="$TARGET_MBPS" 'BEGIN {exit !(m >= t)}'; then
    echo "target 1 GB/s per core for the walk: PASS ($WALK_MBPS MB/s)"
else
    echo "target 1 GB/s per core for the walk: BELOW TARGET ($WALK_MBPS MB/s)"
fi

# issue "analyze at the speed of the reader": summary at 2.5 GB/s on the 2 GiB file, JVM start included (wall)
SUM_WALL_MBPS=$(awk -v b="$BYTES" -v s="$SUM_WALL" 'BEGIN {printf "%.1f", b / 1e6 / s}')
if awk -v m="$SUM_WALL_MBPS" 'BEGIN {exit !(m >= 2500)}'; then
    echo "target 2.5 GB/s for summary including JVM start: PASS ($SUM_WALL_MBPS MB/s, ${SUM_WALL} s wall)"
else
    echo "target 2.5 GB/s for summary including JVM start: BELOW TARGET ($SUM_WALL_MBPS MB/s, ${SUM_WALL} s wall)"
fi

if [[ "${CLEAN:-0}" == 1 ]]; then
    rm -f "$OUT" "$info"
    echo "bench: removed $OUT"
fi
exit 0
