#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Compiles the benchmarks in bench/ against build/classes and runs them, printing the figures
# and recording them with the date and the machine in bench/results/header-parse.txt plus a
# dated copy (header-parse-YYYY-MM-DD.txt). Measures only: no time is asserted.
# Called by `make bench` after the jar is built; pass --quick for a short, rough run.
set -euo pipefail
cd "$(dirname "$0")/.."

out=build/bench-classes
rm -rf "$out" && mkdir -p "$out" bench/results bench/work
javac --release 17 -encoding UTF-8 -Xlint:all -cp build/classes -d "$out" \
    $(find bench -name '*.java')

result=bench/results/header-parse.txt
{
    echo "# Dicomite benchmark: Part 10 header parse"
    echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
    echo "version: $(cat VERSION)"
    echo "nproc: $(nproc)"
    echo "cpu: $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' \
        || echo unknown)"
    echo "memory: $(grep -m1 MemTotal /proc/meminfo 2>/dev/null | awk '{print $2 " kB"}' \
        || echo unknown)"
    java -version 2>&1 | sed 's/^/java: /'
    echo
    java -Xms1g -Xmx1g -cp "build/classes:$out" dicomite.bench.HeaderParseBench "$@" bench/work
} | tee "$result.tmp"
mv "$result.tmp" "$result"
cp "$result" "bench/results/header-parse-$(date -u +%Y-%m-%d).txt"
echo "written: $result"
