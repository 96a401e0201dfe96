#!/usr/bin/env bash
# Measures order-service's production build as its pod runs it, on loopback, against a MongoDB wire-compatible
# stand-in: no mongod can be had on these machines, so the server is mongo-java-server in memory (the tests' own,
# test-support's MongoServer, announcing itself as the primary of replica set rs0, with no authentication, no
# journal and no majority to wait for). Its figures say what order-service itself costs per request, not what it
# does against MongoDB; no datastore ceiling is measured, since the stand-in's would describe nothing the platform
# runs. Requests per second, p50, p99 and errors of GET /orders/list (pages of 5 and of 100) and of POST /order at
# 16 connections (wrk, after a warm-up), RSS after the load, and start to started, to ready and RSS at ready over
# STARTS starts (default 5). Tokens come from user-service's production build, started the same way.
#
# Needs: the production builds (mvn package -DskipTests), Maven (for test-support's classpath), a JDK 17, wrk,
# openssl, curl, python3.
# Usage: benchmarks/orders.sh [SECONDS_PER_ROUND] [ROUNDS]    (defaults: 10 s, 3 rounds)
# ORDER_JVM_OPTIONS adds options to order-service's JVM.
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/lib.sh
rounds_of "$@"
starts=${STARTS:-5}
need java mvn wrk openssl curl python3
built user-service order-service
compgen -G "test-support/target/test-support-*.jar" >/dev/null || { echo "test-support is not built: run mvn package -DskipTests" >&2; exit 1; }

say "Starting the MongoDB stand-in"
mvn -q -B -ntp -f test-support/pom.xml dependency:build-classpath -Dmdep.outputFile="$work/classpath" >"$work/maven.log" 2>&1 ||
  { tail -n 20 "$work/maven.log" >&2; exit 1; }
java -Xmx512m -cp "$(compgen -G "test-support/target/test-support-*.jar" | head -1):$(cat "$work/classpath")" \
  io.salesorder.testsupport.MongoServer >"$work/mongo.url" 2>"$work/mongo.log" & pids+=($!)
for _ in $(seq 200); do [[ -s $work/mongo.url ]] && break; sleep 0.1; done
[[ -s $work/mongo.url ]] || { say "the MongoDB stand-in did not start"; tail -n 20 "$work/mongo.log" >&2; exit 1; }
mongo_host=$(sed -E 's#mongodb://([^/]+)/.*#\1#' "$work/mongo.url")

start_user_service

order_port=$(free_port)
# The stand-in has no accounts: the credentials the pods read from their Secret are left empty, so unset.
order_env=(MONGODB_HOSTS="$mongo_host" MONGODB_REPLICA_SET=rs0 MONGODB_USERNAME= MONGODB_PASSWORD=
  JWT_PUBLIC_KEY_LOCATION="$work/public-key.pem")
say "Starting order-service on :$order_port (MongoDB stand-in at $mongo_host)"
# shellcheck disable=SC2086 # ORDER_JVM_OPTIONS holds several options
launch order-service "$order_port" order_env java ${ORDER_JVM_OPTIONS:-}
order_pid=$launched
order_ready_ms=$(ready "http://127.0.0.1:$order_port/q/health/ready" "$launched_at" "$work/order-service.log")
at_ready=$(native_memory "$order_pid" "order-service at ready")

base="http://127.0.0.1:$order_port"
order='{"customerId":1,"items":["Laptop","Mouse","Keyboard"]}'
say "Seeding 100 orders"
for _ in $(seq 100); do
  curl -fsS -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "$order" "$base/order"
done

say "Warming up (${seconds} s)"
measure 16 "$seconds" "$base/orders/list?size=5" >/dev/null
results=()
for round in $(seq "$rounds"); do
  for endpoint in "/orders/list?size=5" "/orders/list?size=100"; do
    say "GET $endpoint, 16 connections, round $round of $rounds"
    results+=("$endpoint $round $(measure 16 "$seconds" "$base$endpoint")")
  done
done
post_table=$(post_rounds "POST /order" "$base/order" "$order")
rss_kib=$(ps -o rss= -p "$order_pid" | tr -d ' ')
after_load=$(native_memory "$order_pid" "order-service after the load")

echo "Order-service, $(machine); MongoDB stand-in: mongo-java-server in memory (no mongod here)"
echo
echo "| endpoint (16 connections) | round | req/s | p50 | p99 | errors (non-2xx, socket) |"
echo "|---|---:|---:|---:|---:|---:|"
for result in "${results[@]}"; do
  read -r endpoint round rps p50 p99 errors <<<"$result"
  echo "| GET $endpoint | $round | $rps | $p50 ms | $p99 ms | $errors |"
done
echo
echo "$post_table"
echo
echo "- order-service start to ready: $order_ready_ms ms; RSS after the load: $((rss_kib / 1024)) MiB"
[[ -z $at_ready ]] || printf '%s\n%s\n' "$at_ready" "$after_load"
echo "- No datastore ceiling: the stand-in is not the MongoDB the platform runs."
echo
echo "Start-up of order-service against the same stand-in, $starts starts (median, range):"
echo
start_table "$starts" order-service order_env
