#!/usr/bin/env bash
# Warm cost of each stage of `wsclose analyze` in one JVM (bench/Stages.java): the time-ordered walk, the walk with
# the decoders, the analysis on one thread and on two; and which of the two threads of the default sets the pace
# once the JIT is done. Complements bench/scale.sh (what start-up and warm-up add) and bench/speed.sh (one-shot runs).
# The JVM gets the launcher's options for `analyze` (collector, young generation, tenuring, inlining), not its class
# archive or compiler directives. A report, not a test: it exits 0 whatever the numbers are.
# Environment: FILE (default: the 1.1 GB mixed scenario of bench/scale.sh, generated when missing), SOCKETS
#              (220000, for the generated file), PASSES (5), HEAP (512m), JAVA (java).
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
# the launcher's options for analyze (./wsclose says why each is there)
"$JAVA" -Xmx"$HEAP" -XX:+UseParallelGC -XX:MaxNewSize=192m -XX:MaxTenuringThreshold=1 -XX:FreqInlineSize=35 \
    -cp "$JAR" bench/Stages.java "$F" "$PASSES"
