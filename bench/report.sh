#!/usr/bin/env bash
# The cost of --report on a replay: interleaved runs of the same replay without a report, with an
# HTML report and with a JSON report; median wall time of each, and the reports' sizes.
# Usage: bench/report.sh LOG [RUNS]   (LOG e.g. from ../shared/bench/gen_log.py --lines 2000000)
set -euo pipefail
log=${1:?usage: bench/report.sh LOG [RUNS]}
runs=${2:-5}
jar=$(dirname "$0")/../target/logmon-0.1.0-all.jar
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
declare -A times
for ((i = 0; i < runs; i++)); do
  for kind in none html json; do
    args=(--replay --output json)
    [[ $kind != none ]] && args+=(--report "$out/report.$kind")
    start=$(date +%s.%N)
    java -jar "$jar" "${args[@]}" "$log" >/dev/null 2>&1
    end=$(date +%s.%N)
    times[$kind]+="$(echo "$end - $start" | bc) "
  done
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "load average at end: $(cut -d' ' -f1 /proc/loadavg)"
for kind in none html json; do
  m=$(echo "${times[$kind]}" | median)
  size=$([[ $kind == none ]] && echo - || stat -c %s "$out/report.$kind")
  echo "$kind: median wall ${m}s over $runs runs (${times[$kind]% }), report bytes $size"
done
