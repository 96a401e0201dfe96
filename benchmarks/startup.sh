#!/usr/bin/env bash
# Measures user-service's start-up as its pod starts it (the pod's limits applied to the JVM, production build, its
# in-memory store, so no datastore is needed): milliseconds from the JVM's launch to the first 200 of
# /q/health/started and of /q/health/ready, and RSS at ready, over STARTS starts each, for the JVM as it is, with a
# class-data-sharing archive of the application (JDK 17's -XX:ArchiveClassesAtExit, made by one training start),
# and, when a JDK 25 lies at JDK25 (default /usr/lib/jvm/temurin-25-jdk-amd64), with JDK 25 alone and with its
# ahead-of-time cache (-XX:AOTCacheOutput, JEP 514/515). Prints a Markdown table.
#
# Needs: the production build (mvn package -DskipTests), a JDK 17, openssl, curl, python3.
# Usage: benchmarks/startup.sh [STARTS]    (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/lib.sh
starts=${1:-5}
[[ $starts =~ ^[0-9]+$ && $starts -ge 1 && $starts -le 20 ]] || { echo "usage: $0 [STARTS 1-20]" >&2; exit 2; }
need java openssl curl python3
built user-service
jdk25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/private-key.pem" 2>/dev/null
openssl pkey -in "$work/private-key.pem" -pubout -out "$work/public-key.pem"

# start JAVA [OPTION...]: one start; prints "ms-to-started ms-to-ready rss-KiB" and stops the service (SIGTERM, so
# that a training start writes its archive).
start() {
  local java=$1 port started pid to_started to_ready rss
  shift
  port=$(free_port)
  started=$(date +%s%3N)
  QUARKUS_HTTP_PORT=$port SMALLRYE_JWT_SIGN_KEY_LOCATION="$work/private-key.pem" \
    MP_JWT_VERIFY_PUBLICKEY_LOCATION="$work/public-key.pem" USER_SERVICE_BOOTSTRAP_ADMIN_USERNAME=administrator \
    USER_SERVICE_BOOTSTRAP_ADMIN_PASSWORD="$(openssl rand -hex 12)" \
    "$java" "${jvm[@]}" "$@" -jar user-service/target/quarkus-app/quarkus-run.jar >"$work/start.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  to_started=$(ready "http://127.0.0.1:$port/q/health/started" "$started" "$work/start.log")
  to_ready=$(ready "http://127.0.0.1:$port/q/health/ready" "$started" "$work/start.log")
  rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$pid/status")
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  echo "$to_started $to_ready $rss"
}

# row LABEL JAVA [OPTION...]: STARTS starts, one table row of medians and ranges.
row() {
  local label=$1
  shift
  for _ in $(seq "$starts"); do start "$@"; done | python3 -c '
import statistics, sys
rows = [list(map(int, line.split())) for line in sys.stdin]
def cell(i, scale, unit, digits):
    values = [r[i] / scale for r in rows]
    return "%.*f %s (%.*f to %.*f)" % (digits, statistics.median(values), unit, digits, min(values), digits, max(values))
print("| %s | %s | %s | %s |" % (sys.argv[1], cell(0, 1000, "s", 2), cell(1, 1000, "s", 2), cell(2, 1024, "MiB", 0)))' "$label"
}

say "Training starts for the archives..."
start java -XX:ArchiveClassesAtExit="$work/app.jsa" >/dev/null
echo "Start-up of user-service, $starts starts each (median, range); $(machine)"
echo
echo "| JVM | start to started | start to ready | RSS at ready |"
echo "|---|---:|---:|---:|"
row "JDK 17" java
row "JDK 17, application CDS archive" java -XX:SharedArchiveFile="$work/app.jsa"
if [[ -x $jdk25/bin/java ]]; then
  start "$jdk25/bin/java" -XX:AOTCacheOutput="$work/app.aot" >/dev/null
  row "JDK 25" "$jdk25/bin/java"
  row "JDK 25, AOT cache" "$jdk25/bin/java" -XX:AOTCache="$work/app.aot"
fi
