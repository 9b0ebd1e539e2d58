#!/usr/bin/env bash
# Records the outputs that NumbersUnchangedTest compares against: for every case in cases.txt the per-step
# losses (CSV) and the JSON summary line of `descent train`, and the `quick` study's metrics and summary.
# Run it only when a change is MEANT to alter numbers, and say so in the commit.
# Needs DESCENT_DATA (MNIST) and Fashion-MNIST (Debian dataset-fashion-mnist).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=app/src/test/resources/unchanged
mkdir -p "$out"
grep -v '^#' app/src/test/resources/unchanged/cases.txt | while read -r name args; do
  [ -n "$name" ] || continue
  # shellcheck disable=SC2086
  ./descent train $args --threads 2 --csv "$out/$name.csv" --json 2>/dev/null | tail -1 > "$out/$name.json"
  echo "$name: $(cat "$out/$name.json")"
done
tmp=$(mktemp -d)
./descent study --preset quick --out "$tmp/quick" >/dev/null 2>&1
cp "$tmp/quick/metrics.csv" "$out/quick-metrics.csv"
cp "$tmp/quick/summary.json" "$out/quick-summary.json"
rm -rf "$tmp"
