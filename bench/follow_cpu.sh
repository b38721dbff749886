#!/usr/bin/env bash
# CPU per line of follow mode against replay, on the same lines, for one or more jars, interleaved.
#
# Usage: bench/follow_cpu.sh JAR [JAR...]   (env: RUNS=3, LINES=2000000, RATE=200000 lines/s)
#
# Replay: `java -jar JAR --replay -o json FILE` with the launcher's replay flags (C1 only, one
# compiler thread, serial GC); its CPU (user + sys) less that of replaying an empty file (JVM and
# picocli start-up), divided by the lines.
# Follow: `java -jar JAR -o json FEED` with the launcher's follow flags (serial GC), while a feeder
# appends the same lines to FEED at RATE lines/s in 10 ms bursts, each stamped with the wall clock
# as a live server would write them (lines stamped in 2023 would all count as late and skip the
# windows). logmon's CPU is read from /proc from the moment it is idle after start-up to the moment
# it is idle again after the last burst; the summary must count every line.
# The log is ../shared/bench/gen_log.py --lines LINES --rate 500 --seed 1 (bench/compare.sh's).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
runs="${RUNS:-3}"
lines="${LINES:-2000000}"
rate="${RATE:-200000}"
dir="${LOGMON_BENCH_DIR:-/tmp/logmon-bench}"
mkdir -p "$dir"
log="$dir/combined-$lines.log"
if [[ ! -s "$log" ]]; then
  gen="$here/../../shared/bench/gen_log.py"
  [[ -f "$gen" ]] || gen=/work/shared/bench/gen_log.py
  python3 "$gen" --lines "$lines" --rate 500 >"$log.$$.tmp"
  mv "$log.$$.tmp" "$log"
fi
# The same lines with one placeholder timestamp, which the feeder replaces burst by burst.
template="$dir/combined-$lines.template"
if [[ ! -s "$template" ]]; then
  sed -E 's#\[[0-9]{2}/[A-Za-z]{3}/[0-9]{4}:[0-9]{2}:[0-9]{2}:[0-9]{2} [+-][0-9]{4}\]#[01/Jan/2000:00:00:00 +0000]#' \
    "$log" >"$template.$$.tmp"
  mv "$template.$$.tmp" "$template"
fi
# Per-run scratch files, so that two runs sharing LOGMON_BENCH_DIR do not feed each other's logmon.
run="$(mktemp -d "$dir/run.XXXXXX")"
trap 'rm -rf "$run"' EXIT
empty="$run/empty.log"
: >"$empty"
cat "$log" "$template" >/dev/null
replay_opts=(-XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1)
follow_opts=(-XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError)

cpu_of() { # user + sys seconds of a finished command, from /usr/bin/time
  /usr/bin/time -f '%U %S' -o "$run/t.txt" "$@" >/dev/null 2>&1
  awk '{ print $1 + $2 }' "$run/t.txt"
}

proc_cpu() { # user + sys seconds of a running process
  awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$1/stat"
}

wait_idle() { # until the process used less than 10 ms of CPU in 300 ms
  local pid="$1" a b
  a="$(proc_cpu "$pid")"
  while sleep 0.3; do
    b="$(proc_cpu "$pid")"
    if awk -v a="$a" -v b="$b" 'BEGIN { exit !(b - a < 0.01) }'; then
      return
    fi
    a="$b"
  done
}

follow_cpu() { # prints the CPU seconds logmon spent on the fed lines
  local jar="$1" feed="$run/feed.log" out="$run/follow.out"
  : >"$feed"
  java "${follow_opts[@]}" -jar "$jar" -o json --interval 10s "$feed" >"$out" 2>"$run/follow.err" &
  local pid=$!
  sleep 1
  wait_idle "$pid"
  local c0
  c0="$(proc_cpu "$pid")"
  python3 - "$template" "$feed" "$rate" <<'EOF'
import sys, time
src, dst, rate = sys.argv[1], sys.argv[2], int(sys.argv[3])
per_burst = rate // 100
MON = ["Jan","Feb","Mar","Apr","May","Jun","Jul","Aug","Sep","Oct","Nov","Dec"]
placeholder = b"[01/Jan/2000:00:00:00 +0000]"
with open(src, "rb") as f:
    data = f.read().split(b"\n")
if data and data[-1] == b"":
    data.pop()
with open(dst, "ab", buffering=0) as out:
    start = time.monotonic()
    for b, i in enumerate(range(0, len(data), per_burst)):
        due = start + b * 0.01
        while time.monotonic() < due:
            time.sleep(max(0, due - time.monotonic()))
        t = time.gmtime()
        stamp = ("[%02d/%s/%04d:%02d:%02d:%02d +0000]" % (t.tm_mday, MON[t.tm_mon - 1], t.tm_year,
                 t.tm_hour, t.tm_min, t.tm_sec)).encode()
        out.write(b"\n".join(data[i:i + per_burst]).replace(placeholder, stamp) + b"\n")
    took = time.monotonic() - start
print("fed %d lines in %.1f s" % (len(data), took), file=sys.stderr)
EOF
  sleep 0.5
  wait_idle "$pid"
  local c1
  c1="$(proc_cpu "$pid")"
  kill -TERM "$pid"
  wait "$pid" || true
  local hits
  hits="$(grep '"type":"summary"' "$out" | grep -o '"hits_total":[0-9]*' | head -1 | cut -d: -f2)"
  if [[ "$hits" != "$lines" ]]; then
    echo "follow run counted $hits hits, not $lines" >&2
  fi
  awk -v a="$c0" -v b="$c1" 'BEGIN { printf "%.2f\n", b - a }'
}

median() {
  printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $lines lines, follow fed at $rate lines/s; $runs runs each, interleaved"
declare -A rep fol
for ((r = 0; r < runs; r++)); do
  for jar in "$@"; do
    base="$(cpu_of java "${replay_opts[@]}" -jar "$jar" --replay -o json "$empty")"
    full="$(cpu_of java "${replay_opts[@]}" -jar "$jar" --replay -o json "$log")"
    rep[$jar]+="$(awk -v a="$base" -v b="$full" 'BEGIN { print b - a }') "
    fol[$jar]+="$(follow_cpu "$jar") "
  done
done
printf '%-50s %12s %12s %14s %14s %8s\n' jar "replay CPU s" "follow CPU s" "replay us/line" "follow us/line" ratio
for jar in "$@"; do
  # shellcheck disable=SC2086
  rm="$(median ${rep[$jar]})"
  # shellcheck disable=SC2086
  fm="$(median ${fol[$jar]})"
  awk -v j="$jar" -v r="$rm" -v f="$fm" -v n="$lines" -v rs="${rep[$jar]}" -v fs="${fol[$jar]}" \
    'BEGIN { printf "%-50s %12.2f %12.2f %14.3f %14.3f %7.2fx\n  (replay runs: %s; follow runs: %s)\n",
      j, r, f, r / n * 1e6, f / n * 1e6, f / r, rs, fs }'
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
