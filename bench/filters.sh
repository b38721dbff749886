#!/usr/bin/env bash
# The cost of filters and breakdowns in a replay: the plain replay (no filters, --no-breakdowns)
# side by side with three filters and every breakdown, runs interleaved, medians.
#
# Usage: bench/filters.sh [LINES] [RUNS]     (defaults: 2000000 lines, 7 runs of each)
# The log is ../shared/bench/gen_log.py's (as bench/compare.sh makes it, reused from
# $LOGMON_BENCH_DIR, default /tmp/logmon-bench). The filters are those of docs/FILTERS.md's
# budget: path ~ "^/health", status in [301, 302], --ignore-crawlers.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
lines="${1:-2000000}"
runs="${2:-7}"
dir="${LOGMON_BENCH_DIR:-/tmp/logmon-bench}"
gen="$root/../shared/bench/gen_log.py"
mkdir -p "$dir"
log="$dir/combined-$lines.log"
if [[ ! -s "$log" ]]; then
  echo "generating $lines lines into $log ..." >&2
  python3 "$gen" --lines "$lines" --rate 500 >"$log.tmp" && mv "$log.tmp" "$log"
fi
"$root/logmon" --version >/dev/null # builds the jar if needed
cat "$log" >/dev/null
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

plain=(--replay --output json --no-breakdowns "$log")
filtered=(--replay --output json --exclude 'path ~ "^/health"' --exclude 'status in [301, 302]'
  --ignore-crawlers "$log")

# run NAME ARGS...: one run, appends "wall cpu rss_kb" to $out/NAME.
run() {
  local name="$1"
  shift
  /usr/bin/time -v -o "$out/time.txt" "$root/logmon" "$@" >"$out/$name.json" 2>/dev/null
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0;
      for (j = 1; j <= n; j++) s = s * 60 + p[j]; w = s }
    /(User|System) time \(seconds\)/ { c += $2 }
    /Maximum resident set size/ { r = $2 }
    END { print w, c, r }' "$out/time.txt" >>"$out/$name"
}

median() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "input:   $log ($(wc -l <"$log") lines); median of $runs interleaved runs"
run plain "${plain[@]}" # warm-up, not counted
rm -f "$out/plain"
for ((i = 0; i < runs; i++)); do
  run plain "${plain[@]}"
  run filtered "${filtered[@]}"
done
printf '%-10s %8s %8s %12s\n' run "wall s" "CPU s" "peak RSS MB"
for name in plain filtered; do
  w="$(cut -d' ' -f1 "$out/$name" | median)"
  c="$(cut -d' ' -f2 "$out/$name" | median)"
  r="$(cut -d' ' -f3 "$out/$name" | median)"
  printf '%-10s %8.2f %8.2f %12.1f\n' "$name" "$w" "$c" "$(awk -v r="$r" 'BEGIN { print r / 1024 }')"
  echo "$w" >"$out/$name.wall"
  echo "$c" >"$out/$name.cpu"
done
awk -v pw="$(cat "$out/plain.wall")" -v fw="$(cat "$out/filtered.wall")" \
  -v pc="$(cat "$out/plain.cpu")" -v fc="$(cat "$out/filtered.cpu")" \
  'BEGIN { printf "ratio      filtered/plain: %.2fx wall, %.2fx CPU\n", fw / pw, fc / pc }'
python3 - "$out/filtered.json" <<'PY'
import json, sys
last = json.loads(open(sys.argv[1]).read().splitlines()[-1])
print("filtered run: hits %d, malformed %d, filtered %d %s" % (
    last["hits_total"], last["malformed_total"], last["filtered_total"], last["filtered"]))
PY
