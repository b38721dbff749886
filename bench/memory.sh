#!/usr/bin/env bash
# Replays a log with 10 million distinct paths (and sections) and 1 million distinct clients in a
# 256 MiB heap, and shows that the heap after each collection stays flat as the run goes on.
#
# Usage: bench/memory.sh [LINES] [CLIENTS] [RATE]   (defaults: 10000000 1000000 2000 lines/s)
# The log (about 0.9 GB for 10M lines) is generated once by bench/gen_wide.py into
# $LOGMON_BENCH_DIR (default /tmp/logmon-bench).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
lines="${1:-10000000}"
clients="${2:-1000000}"
rate="${3:-2000}"
dir="${LOGMON_BENCH_DIR:-/tmp/logmon-bench}"
mkdir -p "$dir"
log="$dir/wide-$lines-$clients-$rate.log"
if [[ ! -s "$log" ]]; then
  echo "generating $log ..." >&2
  python3 "$here/gen_wide.py" --lines "$lines" --clients "$clients" --rate "$rate" >"$log.tmp"
  mv "$log.tmp" "$log"
fi
"$root/logmon" --version >/dev/null
gc="$dir/wide-gc.log"
LOGMON_JAVA_OPTS="-Xmx256m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError -Xlog:gc:file=$gc" \
  /usr/bin/time -v -o "$dir/wide-time.txt" "$root/logmon" --replay --output json "$log" >"$dir/wide-out.json"
echo "exit 0; $(grep -E 'Elapsed|Maximum resident' "$dir/wide-time.txt" | sed 's/^\s*//' | paste -sd';')"
tail -1 "$dir/wide-out.json" | python3 -c 'import json,sys; s=json.load(sys.stdin);
print("summary: hits_total", s["hits_total"], "malformed_total", s["malformed_total"],
      "top section", s["sections"][0] if s["sections"] else None)'
# Live heap after each full collection (MB; young ones if there was none), at each tenth of the
# run: flat means memory does not grow with run time.
kind=Full
grep -q 'Pause Full' "$gc" || kind=Young
grep -oE "Pause $kind.*->[0-9]+M" "$gc" | grep -oE '[0-9]+M$' | tr -d M |
  awk -v k="$kind" '{ v[NR] = $1 } END {
    printf "heap after %s GC, MB, at 10%%..100%% of %d collections:", k, NR;
    for (i = 1; i <= 10; i++) { j = int(NR * i / 10); printf " %d", v[j < 1 ? 1 : j] }; print "" }'
