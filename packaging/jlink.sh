#!/bin/sh
# Builds a self-contained wsclose: a Java runtime cut down by jlink to the modules wsclose needs, with the
# distribution beside it (bin/, lib/wsclose.jar, completions/, man/). The launchers in bin/ use runtime/ when it
# is there, so the result runs on a machine without Java.
#
#   packaging/jlink.sh                     # after mvn -DskipTests package
#
# Output: cli/target/wsclose-VERSION-OS-ARCH/ and an archive of it next to it (.tar.gz; .zip for Windows).
# Environment:
#   JAVA_HOME  the JDK whose jlink and jdeps to use (default: the one that runs javac on PATH); 17 or newer
#   JMODS      the jmods directory of a JDK for another OS, to build that OS's image (cross-build; same
#              Java version as JAVA_HOME); OS and ARCH then name it, e.g. JMODS=/opt/jdk17-win/jmods OS=windows ARCH=x64
#   OS, ARCH   names in the output (default: this machine's)
set -eu
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
target="$root/cli/target"
jar="$target/wsclose.jar"
[ -f "$jar" ] || { echo "jlink.sh: $jar is missing; build it first: mvn -DskipTests package" >&2; exit 3; }

if [ -n "${JAVA_HOME:-}" ]; then
    jdk=$JAVA_HOME
else
    javac=$(command -v javac) || { echo "jlink.sh: no javac on PATH; set JAVA_HOME to a JDK 17+" >&2; exit 3; }
    jdk=$(dirname -- "$(dirname -- "$(readlink -f -- "$javac" 2>/dev/null || echo "$javac")")")
fi
for tool in jlink jdeps; do
    [ -x "$jdk/bin/$tool" ] || { echo "jlink.sh: $jdk/bin/$tool is missing (JAVA_HOME must be a JDK, not a JRE)" >&2; exit 3; }
done
jmods=${JMODS:-$jdk/jmods}
[ -d "$jmods" ] || { echo "jlink.sh: no jmods in $jmods (install the JDK's jmods, or set JMODS)" >&2; exit 3; }

os=${OS:-$(uname -s | tr '[:upper:]' '[:lower:]')}
case $os in mingw*|msys*|cygwin*) os=windows ;; esac
arch=${ARCH:-$(uname -m)}
case $arch in x86_64|amd64) arch=x64 ;; aarch64|arm64) arch=aarch64 ;; esac
# the project version: the first <version> of the parent pom (the one the jar's manifest carries)
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -n 1)
version=${version:-dev}
name="wsclose-$version-$os-$arch"
out="$target/$name"

# The modules the jar uses (jdeps), plus what is only reached by reflection or by name at run time:
# jdk.unsupported (jline's signal handling, JNA), jdk.charsets (Windows console code pages), jdk.zipfs.
modules=$("$jdk/bin/jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps "$jar")
modules="$modules,jdk.unsupported,jdk.charsets,jdk.zipfs"
echo "jlink.sh: modules $modules" >&2

rm -rf "$out"
"$jdk/bin/jlink" --module-path "$jmods" --add-modules "$modules" --output "$out/runtime" \
    --strip-debug --no-header-files --no-man-pages --compress=2
mkdir -p "$out/bin" "$out/lib" "$out/completions" "$out/man/man1" "$out/docs"
cp "$jar" "$out/lib/wsclose.jar"
cp "$root/packaging/bin/wsclose" "$root/packaging/bin/wsclose.cmd" "$out/bin/"
chmod 755 "$out/bin/wsclose"
cp "$root"/completions/* "$out/completions/"
if [ -d "$target/man/man1" ]; then cp "$target"/man/man1/*.1 "$out/man/man1/"; fi
cp "$root/README.md" "$out/"
cp "$root/docs/install.md" "$out/docs/"
mkdir -p "$out/examples"
cp "$root"/examples/*.etl "$out/examples/" # README's commands, and the launcher's class-archive training run

cd "$target"
rm -f "$name.tar.gz" "$name.zip"
if [ "$os" = windows ]; then
    "$jdk/bin/jar" --create --no-manifest --file "$name.zip" "$name"
    echo "$target/$name.zip"
else
    tar -czf "$name.tar.gz" "$name"
    echo "$target/$name.tar.gz"
fi
if [ -z "${JMODS:-}" ]; then
    "$out/bin/wsclose" --version >&2
fi
