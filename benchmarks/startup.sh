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
user_env=(SMALLRYE_JWT_SIGN_KEY_LOCATION="$work/private-key.pem" MP_JWT_VERIFY_PUBLICKEY_LOCATION="$work/public-key.pem"
  USER_SERVICE_BOOTSTRAP_ADMIN_USERNAME=administrator USER_SERVICE_BOOTSTRAP_ADMIN_PASSWORD="$(openssl rand -hex 12)")
row() { start_row "$starts" "$1" user-service user_env "${@:2}"; }

say "Training starts for the archives..."
timed_start user-service user_env java -XX:ArchiveClassesAtExit="$work/app.jsa" >/dev/null
echo "Start-up of user-service, $starts starts each (median, range); $(machine)"
echo
echo "| JVM | start to started | start to ready | RSS at ready |"
echo "|---|---:|---:|---:|"
row "JDK 17" java
row "JDK 17, application CDS archive" java -XX:SharedArchiveFile="$work/app.jsa"
if [[ -x $jdk25/bin/java ]]; then
  timed_start user-service user_env "$jdk25/bin/java" -XX:AOTCacheOutput="$work/app.aot" >/dev/null
  row "JDK 25" "$jdk25/bin/java"
  row "JDK 25, AOT cache" "$jdk25/bin/java" -XX:AOTCache="$work/app.aot"
fi
