#!/usr/bin/env bash
# Warm cost of each stage of `wsclose analyze`, a JVM per stage (bench/Stages.java): the time-ordered walk, the walk
# with the decoders, the analysis on one thread and on two; and which of the two threads of the default sets the
# pace once the JIT is done. Complements bench/scale.sh (what start-up and warm-up add) and bench/speed.sh (one-shot
# runs). The JVM gets the launcher's options for `analyze` (collector, young generation, tenuring, inlining), written
# out here because the launcher only runs the jar's own main; not its class archive or compiler directives. A report,
# not a test: it exits 0 whatever the numbers are.
# Environment: FILE (default: the 1.1 GB mixed scenario of bench/scale.sh, generated when missing), SOCKETS
#              (220000, for the generated file), PASSES (5), HEAP (512m), JAVA (java), JAVA_OPTS (after the
#              launcher's options, so it overrides them: JAVA_OPTS=-XX:FreqInlineSize=325 shows what the limit costs).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SOCKETS="${SOCKETS:-220000}"
PASSES="${PASSES:-5}"
HEAP="${HEAP:-512m}"
JAVA="${JAVA:-java}"
JAR=cli/target/wsclose.jar
CP=trace/target/classes:trace/target/test-classes
die() { echo "bench: $*" >&2; exit 1; }
[[ "$PASSES" =~ ^[1-9][0-9]*$ ]] || die "PASSES must be a whole number above 0, got '$PASSES'"
if [[ ! -f "$JAR" || ! -d trace/target/test-classes ]]; then
    echo "bench: building (mvn -q -DskipTests package)" >&2
    mvn -q -DskipTests package || die "build failed"
fi
F="${FILE:-bench/out/mixed-$SOCKETS-42.etl}"
if [[ ! -f "$F" ]]; then
    [[ -z "${FILE:-}" ]] || die "$F: no such file"
    mkdir -p bench/out
    echo "bench: generating $F" >&2
    "$JAVA" -cp "$CP" wsclose.trace.testing.MixedTrace "$F" "$SOCKETS" 0.05 42 >&2
fi
cat "$F" > /dev/null
echo "bench: $F: $(stat -c %s "$F") bytes; $("$JAVA" -version 2>&1 | head -1); $(nproc) cores"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/wsclose-stages.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
ERR="$WORK/err"
# compiled once, not run as a source file (Stages.java says why: the source launcher's javac skews the walk)
javac -d "$WORK" -cp "$JAR" bench/Stages.java || die "bench/Stages.java did not compile"
declare -A t
for stage in walk decode one two; do
    # the launcher's options for analyze (./wsclose says why each is there); a JVM per stage (Stages.java says why)
    t[$stage]=$("$JAVA" -Xmx"$HEAP" -XX:+UseParallelGC -XX:MaxNewSize=192m -XX:MaxTenuringThreshold=1 \
        -XX:FreqInlineSize=35 -Dwsclose.handOverStats=true ${JAVA_OPTS:-} -cp "$JAR:$WORK" Stages "$stage" "$F" \
        "$PASSES" 2>"$ERR") || { cat "$ERR" >&2; die "stage $stage failed"; }
done
# the two-thread stage's hand-over line of its fastest pass: how long each thread waited for the other
fastest=$(sed -n 's/^fastest pass //p' "$ERR")
read -r dwait mwait < <(grep '^wsclose: hand-over:' "$ERR" | sed -n "${fastest}p" \
    | sed 's/.*decoding thread waited \([0-9.]*\) s, the model \([0-9.]*\) s/\1 \2/')
awk -v b="$(stat -c %s "$F")" -v p="$PASSES" -v w="${t[walk]}" -v d="${t[decode]}" -v o="${t[one]}" -v two="${t[two]}" \
    -v dw="$dwait" -v mw="$mwait" '
function row(what, s) { printf "%-34s %8.2f %8.0f\n", what, s, b / s / 1e6 }
BEGIN {
    printf "%-34s %8s %8s\n", "stage (warm, fastest of " p ")", "seconds", "MB/s"
    row("time-ordered walk", w)
    row("walk + decode (decoding thread)", d)
    row("analyze, one thread", o)
    row("  of which model, checks, report", o - d)
    row("analyze, two threads (default)", two)
    if (dw == "" || mw == "") {
        print "no hand-over line: the analysis did not decode ahead (one core, or -Dwsclose.decodeAhead=false)"
        exit
    }
    row("  decoding thread busy in it", two - dw)
    row("  model'"'"'s thread busy in it", two - mw)
    printf "in the two-thread pass the decoding thread waited %.2f s for the model, the model %.2f s for it: %s sets the pace once warm\n", dw, mw, (dw <= mw) ? "decoding" : "the model"
}'
