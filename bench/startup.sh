#!/usr/bin/env bash
# Start-up of logmon as installed against the source checkout's ./logmon: the wall time of a
# replay of an empty file, in interleaved rounds (the machine's speed drifts), with each one's
# class-data sharing archive already written. Prints the median, min and max of each.
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
declare -A times
for ((r = 0; r < rounds; r++)); do
  for i in "${!cmds[@]}"; do
    start=$EPOCHREALTIME
    "${cmds[$i]}" --replay "$empty" >/dev/null 2>&1
    end=$EPOCHREALTIME
    times[$i]+="$(((${end/./} - ${start/./}) / 1000)) "
  done
done
for i in "${!cmds[@]}"; do
  read -ra ms <<<"${times[$i]}"
  mapfile -t sorted < <(printf '%s\n' "${ms[@]}" | sort -n)
  printf '%-36s median %4d ms  min %4d  max %4d  (%d runs)\n' "${names[$i]}" \
    "${sorted[$((${#sorted[@]} / 2))]}" "${sorted[0]}" "${sorted[-1]}" "${#sorted[@]}"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
