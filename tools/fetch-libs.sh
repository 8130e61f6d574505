#!/usr/bin/env bash
# Fetches every Maven coordinate listed in lib.txt into lib/main or lib/test by its scope.
# A jar already present is not fetched again. Usage: fetch-libs.sh lib.txt lib
set -euo pipefail
list=$1; dir=$2
grep -v '^\s*#' "$list" | grep -v '^\s*$' | while read -r coord scope _; do
  IFS=: read -r group artifact version <<<"$coord"
  mkdir -p "$dir/$scope"
  [ -f "$dir/$scope/$artifact-$version.jar" ] && continue
  echo "fetching $coord ($scope)"
  mvn -q -B dependency:copy -Dartifact="$coord" -DoutputDirectory="$dir/$scope" \
      -Dmdep.overWriteReleases=false >/dev/null || { echo "Error: cannot fetch $coord" >&2; exit 2; }
done
