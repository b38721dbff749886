#!/usr/bin/env bash
# Replays the same log with two or more logmon jars, interleaved, and prints each jar's median
# wall and CPU time, the median of the paired ratios against the first jar, and whether every
# jar printed the same JSON.
#
# Usage: bench/replay_jars.sh JAR [JAR...]   (env: RUNS=9, LINES=2000000)
#
# Each run is `java <the launcher's replay flags> -jar JAR --replay -o json LOG` (serial GC, C1
# only, one compiler thread, transparent huge pages), timed by /usr/bin/time; the jars take turns
# run by run, so a load change on this shared machine hits them alike. The log is bench/compare.sh's
# (../shared/bench/gen_log.py --lines LINES --rate 500), read from the page cache.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
runs="${RUNS:-9}"
lines="${LINES:-2000000}"
dir="${LOGMON_BENCH_DIR:-/tmp/logmon-bench}"
mkdir -p "$dir"
log="$dir/combined-$lines.log"
if [[ ! -s "$log" ]]; then
  gen="$here/../../shared/bench/gen_log.py"
  [[ -f "$gen" ]] || gen=/work/shared/bench/gen_log.py
  python3 "$gen" --lines "$lines" --rate 500 >"$log.$$.tmp"
  mv "$log.$$.tmp" "$log"
fi
cat "$log" >/dev/null
# Per-run scratch files, so that two runs sharing LOGMON_BENCH_DIR do not overwrite each other's.
run="$(mktemp -d "$dir/run.XXXXXX")"
trap 'rm -rf "$run"' EXIT
opts=(-XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1
  -XX:+UseTransparentHugePages)

median() {
  printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $log ($lines lines); $runs runs each, interleaved"
declare -A wall cpu ratio_w ratio_c
for ((r = 0; r < runs; r++)); do
  first_w="" first_c=""
  k=0
  for jar in "$@"; do
    /usr/bin/time -f '%e %U %S' -o "$run/t.txt" java "${opts[@]}" -jar "$jar" --replay -o json "$log" \
      >"$run/replay-$k.json" 2>/dev/null
    read -r w u s <"$run/t.txt"
    c="$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')"
    wall[$k]+="$w "
    cpu[$k]+="$c "
    if ((k == 0)); then
      first_w="$w" first_c="$c"
    else
      ratio_w[$k]+="$(awk -v a="$first_w" -v b="$w" 'BEGIN { print b / a }') "
      ratio_c[$k]+="$(awk -v a="$first_c" -v b="$c" 'BEGIN { print b / a }') "
      cmp -s "$run/replay-0.json" "$run/replay-$k.json" || echo "run $r: $jar printed other JSON than $1" >&2
    fi
    k=$((k + 1))
  done
done
printf '%-60s %8s %8s %22s\n' jar "wall s" "CPU s" "paired ratio wall/CPU"
k=0
for jar in "$@"; do
  # shellcheck disable=SC2086
  w="$(median ${wall[$k]})" c="$(median ${cpu[$k]})"
  if ((k == 0)); then
    rt="-"
  else
    # shellcheck disable=SC2086
    rt="$(median ${ratio_w[$k]}) / $(median ${ratio_c[$k]})"
  fi
  printf '%-60s %8s %8s %22s\n' "$jar" "$w" "$c" "$rt"
  echo "  (wall: ${wall[$k]}; CPU: ${cpu[$k]})"
  k=$((k + 1))
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
