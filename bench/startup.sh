#!/usr/bin/env bash
# Start-up of logmon as installed against the source checkout's ./logmon: the wall time of a
# replay of an empty file, in interleaved rounds (the machine's speed drifts), with each one's
# class-data sharing archive already written. Prints the median wall time (with min and max) and
# the median CPU time (user + system, steadier on a busy machine) of each.
# Usage: bench/startup.sh [ROUNDS]   (default 21; needs the Debian package installed and
#        mvn -Pdist package run, for the tarball's tree in target/dist/stage)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-21}"
version="$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)"
empty="$(mktemp)"
trap 'rm -f "$empty"' EXIT
names=("./logmon (checkout, system JDK)" "/usr/bin/logmon (Debian package)"
  "tarball bin/logmon (system JDK)")
cmds=("./logmon" "/usr/bin/logmon" "target/dist/stage/logmon-$version/bin/logmon")
for c in "${cmds[@]}"; do
  "$c" --replay "$empty" >/dev/null 2>&1 # writes its archive if it has none
done
declare -A wall cpu
TIMEFORMAT='%3R %3U %3S'
for ((r = 0; r < rounds; r++)); do
  for i in "${!cmds[@]}"; do
    read -r real user sys < <({ time "${cmds[$i]}" --replay "$empty" >/dev/null 2>&1; } 2>&1)
    wall[$i]+="$((10#${real/./})) "
    cpu[$i]+="$((10#${user/./} + 10#${sys/./})) "
  done
done
# shellcheck disable=SC2086 # the lists are space-separated numbers
median() { printf '%s\n' $1 | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
# shellcheck disable=SC2086
for i in "${!cmds[@]}"; do
  printf '%-36s wall median %4d ms (min %4d, max %4d)  CPU median %4d ms  (%d runs)\n' \
    "${names[$i]}" "$(median "${wall[$i]}")" "$(printf '%s\n' ${wall[$i]} | sort -n | head -1)" \
    "$(printf '%s\n' ${wall[$i]} | sort -n | tail -1)" "$(median "${cpu[$i]}")" "$rounds"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
