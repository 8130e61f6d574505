#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Compiles the benchmarks in bench/ against build/classes and runs them, printing the figures
# and recording each with the date and the machine in bench/results/ plus a dated copy:
#   header-parse.txt  Part 10 header parse (HeaderParseBench)
#   store.txt         STOW-RS store, Dicomite side by side with Orthanc + DICOMweb (StoreBench)
#   search.txt        QIDO-RS search, metadata and WADO-RS retrieve over 100,000 instances,
#                     Dicomite beside Orthanc + DICOMweb and a static file server (SearchBench)
#   frames.txt        WADO-RS frame latency, first and repeated access, and rendered frames
#                     (JPEG, PNG) of multi-frame instances, beside Orthanc + DICOMweb (+ GDCM
#                     for JPEG 2000) (FramesBench)
# Measures only: no time is asserted. Called by `make bench` after the jar is built.
#
# Usage: bench/run.sh [--quick] [--only header|store|search|frames] [--profile]
#   --quick    short, rough runs
#   --only     run one benchmark
#   --profile  add a sampled (jcmd Thread.print), untimed Dicomite store run to store.txt
# The store, search and frames benchmarks install the Debian packages orthanc and
# orthanc-dicomweb with apt-get when they are missing and it runs as root; otherwise they
# measure Dicomite alone and say why.
set -euo pipefail
cd "$(dirname "$0")/.."

quick=()
profile=()
only=all
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) quick=(--quick) ;;
        --profile) profile=(--profile) ;;
        --only) only="${2:-}"; shift ;;
        *) echo "Error: unknown argument ($1); usage: bench/run.sh [--quick]" \
               "[--only header|store|search|frames] [--profile]" >&2; exit 1 ;;
    esac
    shift
done
case "$only" in all|header|store|search|frames) ;; *) echo "Error: --only takes header," \
    "store, search or frames ($only)" >&2; exit 1 ;; esac

# Compiled beside, then swapped in, so that a run of this script already going (its JVMs load
# classes as they need them) finds the folder gone for a moment only.
out=build/bench-classes
mkdir -p bench/results bench/work
rm -rf "$out.$$" && mkdir -p "$out.$$"
javac --release 17 -encoding UTF-8 -Xlint:all -cp "build/classes:lib/main/*" -d "$out.$$" \
    $(find bench -name '*.java')
rm -rf "$out" && mv "$out.$$" "$out"

# The date and the machine, first lines of every result file.
machine() {
    echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
    echo "version: $(cat VERSION)"
    echo "nproc: $(nproc)"
    echo "cpu: $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' \
        || echo unknown)"
    echo "memory: $(grep -m1 MemTotal /proc/meminfo 2>/dev/null | awk '{print $2 " kB"}' \
        || echo unknown)"
    java -version 2>&1 | sed 's/^/java: /'
}

# Writes what the command prints to bench/results/NAME.txt and a dated copy (through a
# temporary file of its own, so that two runs at once do not write into the same file).
record() {
    local name=$1
    shift
    local result=bench/results/$name.txt
    "$@" | tee "$result.$$.tmp"
    mv "$result.$$.tmp" "$result"
    cp "$result" "bench/results/$name-$(date -u +%Y-%m-%d).txt"
    echo "written: $result"
}

header_bench() {
    echo "# Dicomite benchmark: Part 10 header parse"
    machine
    echo
    java -Xms1g -Xmx1g -cp "build/classes:$out" dicomite.bench.HeaderParseBench \
        "${quick[@]}" bench/work
}

orthanc_plugin() {
    dpkg -L orthanc-dicomweb 2>/dev/null | grep -m1 '/plugins/libOrthancDicomWeb\.so$' || true
}

orthanc_binary() {
    command -v Orthanc || { [ -x /usr/sbin/Orthanc ] && echo /usr/sbin/Orthanc; } || true
}

# Installs Orthanc and its DICOMweb plugin when missing; prints why not when it cannot.
ensure_orthanc() {
    if [ -n "$(orthanc_binary)" ] && [ -n "$(orthanc_plugin)" ]; then
        return 0
    fi
    if [ "$(id -u)" != 0 ]; then
        echo "orthanc and orthanc-dicomweb are not installed, and apt-get needs root"
        return 1
    fi
    echo "installing orthanc and orthanc-dicomweb with apt-get (log: bench/work/apt.log)" >&2
    if ! { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y \
            --no-install-recommends orthanc orthanc-dicomweb; } > bench/work/apt.log 2>&1; then
        echo "apt-get install orthanc orthanc-dicomweb failed (see bench/work/apt.log)"
        return 1
    fi
    stop_orthanc_service
}

# The package may start its system service (port 8042); the benchmark runs its own Orthanc.
stop_orthanc_service() {
    if command -v systemctl > /dev/null && systemctl is-active --quiet orthanc 2> /dev/null; then
        systemctl stop orthanc || true
    elif command -v service > /dev/null && service orthanc status > /dev/null 2>&1; then
        service orthanc stop > /dev/null 2>&1 || true
    fi
}

# Sets the caller's orthanc array to the benchmark flags for Orthanc: its executable and
# DICOMweb plugin, or why it is not run.
orthanc_flags() {
    local why
    if why=$(ensure_orthanc); then
        orthanc=(--orthanc "$(orthanc_binary)" --orthanc-plugin "$(orthanc_plugin)")
    else
        orthanc=(--no-orthanc "$why")
    fi
}

# Copies the jar and the classes into the folder $1, emptied first: a run lasts minutes, and a
# concurrent build or run of this script replaces dist/dicomite.jar and build/bench-classes.
private_copy() {
    rm -rf "$1" && mkdir -p "$1"
    cp dist/dicomite.jar "$1/dicomite.jar"
    cp -r "$out" "$1/classes"
}

store_bench() {
    local orthanc=()
    orthanc_flags
    echo "# Dicomite benchmark: STOW-RS store, Dicomite and Orthanc side by side"
    machine
    orthanc_version
    echo "disk: $(df -T bench/work | awk 'NR==2 {print $2 " on " $1}')"
    echo
    java -Xms512m -Xmx2g -cp "build/classes:$out" dicomite.bench.StoreBench "${quick[@]}" \
        "${profile[@]}" --jar dist/dicomite.jar --work bench/work "${orthanc[@]}"
}

# A JDK 18 or later (it has SimpleFileServer and jwebserver; Java 17 has neither).
static_java() {
    local jdk
    for jdk in /usr/lib/jvm/*/; do
        if [ -x "${jdk}bin/jwebserver" ] && [ -x "${jdk}bin/java" ]; then
            echo "${jdk}bin/java"
            return
        fi
    done
}

search_bench() {
    local orthanc=() static=() java18 private=bench/work/search-bin
    orthanc_flags
    java18=$(static_java)
    if [ -n "$java18" ]; then
        static=(--static-java "$java18")
    fi
    private_copy "$private"
    echo "# Dicomite benchmark: QIDO-RS search, metadata and WADO-RS retrieve, Dicomite and" \
        "Orthanc side by side"
    machine
    orthanc_version
    echo "static files: $([ -n "$java18" ] && "$java18" -version 2>&1 | head -1 \
        || echo 'no JDK 18+ found in /usr/lib/jvm')"
    echo "disk: $(df -T bench/work | awk 'NR==2 {print $2 " on " $1}')"
    echo "jar: $private/dicomite.jar, a copy of dist/dicomite.jar"
    echo
    java -Xms512m -Xmx2g -cp "$private/dicomite.jar:$private/classes" dicomite.bench.SearchBench \
        "${quick[@]}" --jar "$private/dicomite.jar" --work bench/work "${orthanc[@]}" \
        "${static[@]}"
}

# Orthanc's GDCM plugin, its only JPEG 2000 decoder (for rendered frames); installed with
# apt-get when missing and running as root; without it Orthanc renders no JPEG 2000 frame.
orthanc_gdcm() {
    if [ -z "$(dpkg -L orthanc-gdcm 2>/dev/null)" ] && [ "$(id -u)" = 0 ]; then
        echo "installing orthanc-gdcm with apt-get (log: bench/work/apt.log)" >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
            orthanc-gdcm >> bench/work/apt.log 2>&1 && stop_orthanc_service || true
    fi
    dpkg -L orthanc-gdcm 2>/dev/null | grep -m1 '/plugins/libOrthancGdcm\.so$' || true
}

frames_bench() {
    local orthanc=() private=bench/work/frames-bin
    orthanc_flags
    if [ "${orthanc[0]}" = --orthanc ] && [ -n "$(orthanc_gdcm)" ]; then
        orthanc+=(--orthanc-gdcm "$(orthanc_gdcm)")
    fi
    private_copy "$private"
    echo "# Dicomite benchmark: WADO-RS frames and rendered frames, Dicomite and Orthanc side" \
        "by side"
    machine
    orthanc_version
    echo "orthanc-gdcm: $(dpkg-query -W -f='${Version}' orthanc-gdcm 2>/dev/null \
        || echo 'not installed')"
    echo "disk: $(df -T bench/work | awk 'NR==2 {print $2 " on " $1}')"
    echo "jar: $private/dicomite.jar, a copy of dist/dicomite.jar"
    echo
    java -Xms256m -Xmx1g -cp "$private/dicomite.jar:$private/classes" dicomite.bench.FramesBench \
        "${quick[@]}" --jar "$private/dicomite.jar" --work bench/work "${orthanc[@]}"
}

orthanc_version() {
    if [ -n "$(orthanc_binary)" ]; then
        echo "orthanc: $("$(orthanc_binary)" --version 2>/dev/null | head -1)" \
            "(Debian $(dpkg-query -W -f='${Version}' orthanc 2>/dev/null || echo '?')," \
            "DICOMweb plugin $(dpkg-query -W -f='${Version}' orthanc-dicomweb 2>/dev/null \
            || echo '?'))"
    fi
}

runs() {
    [ "$only" = all ] || [ "$only" = "$1" ]
}

if runs header; then
    record header-parse header_bench
fi
if runs store; then
    record store store_bench
fi
if runs search; then
    record search search_bench
fi
if runs frames; then
    record frames frames_bench
fi
