#!/usr/bin/env bash
# Lines/s of each input, side by side, interleaved (numbers in bench/README.md):
#   bench/ingest.sh [LINES] [ROUNDS]
# A Kafka broker runs in the benchmark's JVM (Kafka's test kit, KRaft); the lines are Combined
# lines stamped from now on (gen_log.py), the same for every input.
set -euo pipefail
cd "$(dirname "$0")/.."
lines=${1:-1000000}
rounds=${2:-3}
jar=target/logmon-0.1.0-all.jar
[ -f "$jar" ] || mvn -B -q package -DskipTests
# Everything temporary in one directory, removed at the end: the classpath, the log, the broker's
# data, and the native libraries Kafka's compression codecs unpack (logmon halts on SIGTERM, so
# the JVM's delete-on-exit never runs for them).
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp="$tmp/classpath"
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp" >/dev/null
log="$tmp/access.log"
gen=${LOGMON_GEN_LOG:-../shared/bench/gen_log.py} # the shared/ beside the checkout, as compare.sh
python3 "$gen" --lines "$lines" --start "$(date +%s)" --rate $((lines / 60 + 1)) > "$log"
echo "load average at start: $(cut -d' ' -f1 /proc/loadavg)" >&2
java -Djava.io.tmpdir="$tmp" -cp "$(cat "$cp")" bench/IngestBench.java "$jar" "$log" "$rounds"
