#!/bin/sh
# Measures both peers the way the report in tools/bench/README.md was made: ROUNDS rounds, each running
# PyTorch then TensorFlow at every thread count in THREADS (one repetition per process), so a slow spell on the
# shared machine hits both peers alike. Appends each run's JSON line to OUT; summarize with summarize_peers.py.
# Usage: tools/bench/measure_peers.sh [ROUNDS=3] [THREADS="2 1"] [STEPS=200] [OUT=peers.jsonl]
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
rounds=${1:-3}
threads=${2:-"2 1"}
steps=${3:-200}
out=${4:-peers.jsonl}
. "$root/.mvn/jdk.sh"
descent_find_jdk
cp=$(mktemp)
"$root/mvnw" -q -B -f "$root/pom.xml" -P tf-bench -pl tools/tf-bench compile dependency:build-classpath \
  -Dmdep.outputFile="$cp" >&2
tfcp="$root/tools/tf-bench/target/classes:$(cat "$cp")"
rm -f "$cp"
r=1
while [ "$r" -le "$rounds" ]; do
  for t in $threads; do
    echo "round $r, $t thread(s): pytorch" >&2
    /usr/bin/python3 "$root/tools/bench/pytorch_cnn.py" --threads "$t" --steps "$steps" | tail -n 1 >>"$out"
    echo "round $r, $t thread(s): tensorflow" >&2
    "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$tfcp" dev.descent.tools.tfbench.TfBench \
      --threads "$t" --steps "$steps" 2>/dev/null | tail -n 1 >>"$out"
  done
  r=$((r + 1))
done
