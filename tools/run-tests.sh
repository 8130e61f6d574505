#!/usr/bin/env bash
# Runs every test with the JUnit console launcher and ends with one line: N passed, N failed[, N skipped].
set -uo pipefail
cp=$1
out=build/test-report.txt
java -Xmx2g -cp "$cp" org.junit.platform.console.ConsoleLauncher execute --disable-banner \
    --scan-class-path build/test-classes --details=tree \
    --config=junit.jupiter.execution.parallel.enabled=true \
    --config=junit.jupiter.execution.parallel.mode.classes.default=concurrent \
    2>&1 | tee "$out"
status=${PIPESTATUS[0]}
count() { local n; n=$(grep -E "${2:-tests} $1" "$out" | tail -1 | grep -oE '[0-9]+' | head -1); echo "${n:-0}"; }
passed=$(grep -E "tests successful" "$out" | tail -1 | grep -oE '[0-9]+' | head -1)
# A class whose set-up or tear-down fails (e.g. its folder cannot be deleted) counts as failed too.
failed=$(( $(count failed) + $(count failed containers) ))
# Tests whose assumptions fail (a missing tool) are aborted; both kinds count as skipped.
skipped=$(( $(count skipped) + $(count aborted) ))
line="${passed:-0} passed, ${failed:-0} failed"
[ "${skipped:-0}" != 0 ] && line="$line, $skipped skipped"
echo "$line"
[ "$status" = 0 ] && [ "${failed:-0}" = 0 ] && [ -n "$passed" ]
