#!/usr/bin/env bash
# Slow-client load on logmon's web server and on the JDK HttpServer, interleaved:
#   bench/slow-clients.sh [CLIENTS] [SECONDS] [RUNS] [OTHER_LOGMON_JAR]
# Each run starts the server on a free loopback port, waits for it, runs bench/SlowClients.java
# against it and stops it with SIGTERM. OTHER_LOGMON_JAR (e.g. a build of an older commit) is
# measured alongside when given.
set -euo pipefail
cd "$(dirname "$0")/.."
clients=${1:-1000}
seconds=${2:-30}
runs=${3:-3}
other=${4:-}
jar=target/logmon-0.1.0-all.jar
[ -f "$jar" ] || mvn -B -q package -DskipTests
log=$(mktemp)
port=18180

measure() { # NAME COMMAND...
  local name=$1; shift
  port=$((port + 1))
  "$@" > /dev/null 2>&1 &
  local pid=$!
  for _ in $(seq 200); do (echo > /dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.05; done
  printf '%-28s ' "$name"
  java bench/SlowClients.java "$pid" "http://127.0.0.1:$port/" "$clients" "$seconds"
  kill -TERM "$pid"; wait "$pid" || true
}

for r in $(seq "$runs"); do
  measure "logmon (Jetty)" java -XX:+UseSerialGC -jar "$jar" --web $((port + 1)) -o plain "$log"
  if [ -n "$other" ]; then
    measure "logmon ($other)" java -XX:+UseSerialGC -jar "$other" --web $((port + 1)) -o plain "$log"
  fi
  measure "JDK HttpServer, 8 threads" java -XX:+UseSerialGC -Djdk.httpserver.maxConnections=256 \
    -Dsun.net.httpserver.maxReqTime=10 -Dsun.net.httpserver.idleInterval=10 \
    bench/JdkServerProbe.java $((port + 1)) 8
  measure "JDK HttpServer, cached pool" java -XX:+UseSerialGC -Djdk.httpserver.maxConnections=256 \
    -Dsun.net.httpserver.maxReqTime=10 -Dsun.net.httpserver.idleInterval=10 \
    bench/JdkServerProbe.java $((port + 1)) 0
done
rm -f "$log"
