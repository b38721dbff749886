#!/usr/bin/env bash
# Replays the same generated Combined log with logmon and with GoAccess, side by side.
#
# Usage: bench/compare.sh [LINES] [RUNS]     (defaults: 2000000 lines, 3 runs of each tool)
# Prints wall time, lines/s and peak RSS (median of RUNS, /usr/bin/time -v) for each tool and
# their ratio, with the machine (nproc, CPU model, load average). The log is generated once by
# ../shared/bench/gen_log.py into $LOGMON_BENCH_DIR (default /tmp/logmon-bench) and reused.
# Both tools read it from the page cache (a warm-up `cat` first), compute every statistic and
# write a report: logmon --replay --output json, goaccess --log-format=COMBINED -o report.json.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
lines="${1:-2000000}"
runs="${2:-3}"
dir="${LOGMON_BENCH_DIR:-/tmp/logmon-bench}"
gen="$root/../shared/bench/gen_log.py"
mkdir -p "$dir"

need=()
command -v goaccess >/dev/null || need+=(goaccess)
[[ -x /usr/bin/time ]] || need+=(time)
if ((${#need[@]})); then
  if [[ "$(id -u)" != 0 ]]; then
    echo "compare.sh: please install: ${need[*]}" >&2
    exit 1
  fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

log="$dir/combined-$lines.log"
if [[ ! -s "$log" ]]; then
  echo "generating $lines lines into $log ..." >&2
  python3 "$gen" --lines "$lines" --rate 500 >"$log.tmp" && mv "$log.tmp" "$log"
fi
"$root/logmon" --version >/dev/null # builds the jar and the class-data archive if needed
cat "$log" >/dev/null

# measure NAME CMD...: runs CMD $runs times, prints "NAME median_wall_s median_peak_rss_kb
# median_cpu_s" (user + system).
measure() {
  local name="$1"
  shift
  local walls=() rsss=() cpus=()
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -v -o "$dir/time.txt" "$@" >/dev/null 2>"$dir/$name.err"
    walls+=("$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0;
      for (j = 1; j <= n; j++) s = s * 60 + p[j]; print s }' "$dir/time.txt")")
    rsss+=("$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$dir/time.txt")")
    cpus+=("$(awk -F': ' '/(User|System) time \(seconds\)/ { s += $2 } END { print s }' "$dir/time.txt")")
  done
  echo "$name $(median "${walls[@]}") $(median "${rsss[@]}") $(median "${cpus[@]}")"
}

median() {
  printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "input:   $log ($(wc -l <"$log") lines, $(du -m "$log" | cut -f1) MB); median of $runs runs"
results=()
results+=("$(measure logmon "$root/logmon" --replay --output json "$log")")
results+=("$(measure goaccess goaccess "$log" --log-format=COMBINED --no-progress --no-global-config -o "$dir/report.json")")
total="$(wc -l <"$log")"
printf '%-10s %10s %14s %14s %10s\n' tool "wall s" "lines/s" "peak RSS MB" "CPU s"
for r in "${results[@]}"; do
  read -r name wall rss cpu <<<"$r"
  awk -v n="$name" -v w="$wall" -v r="$rss" -v t="$total" -v c="$cpu" \
    'BEGIN { printf "%-10s %10.2f %14.0f %14.1f %10.2f\n", n, w, t / w, r / 1024, c }'
done
read -r _ lw lr _ <<<"${results[0]}"
read -r _ gw gr _ <<<"${results[1]}"
awk -v lw="$lw" -v gw="$gw" -v lr="$lr" -v gr="$gr" \
  'BEGIN { printf "ratio      logmon is %.1fx faster than GoAccess, with %.1fx its peak RSS\n", gw / lw, lr / gr }'
