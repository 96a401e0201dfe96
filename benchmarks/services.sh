#!/usr/bin/env bash
# Measures product-service's production build as its pod runs it, against Redis as the platform runs it (a master,
# a replica and a Sentinel, password on), all on loopback: requests per second, p50, p99 and errors of
# GET /item/list (the 7 demo items, then a page of 100) at 16 and at 64 connections and of POST /item at 16 (wrk,
# after a warm-up), Redis round trips per request (MONITOR), Redis's own GET ceiling at 16 clients
# (redis-benchmark) and the framework's (benchmarks/hello: a bare Quarkus endpoint answering the same items from
# memory, on the event loop, no token, the same JVM settings) in the same sitting, RSS after the load, and start to
# started, to ready and RSS at ready over STARTS starts (default 5).
# Tokens come from user-service's production build, started the same way.
#
# Needs: the production builds (mvn package -DskipTests), Maven (for benchmarks/hello), a JDK 17, redis-server, redis-sentinel, redis-benchmark,
# wrk, openssl, curl, python3 (apt-get install redis-server redis-sentinel redis-tools wrk openssl curl).
# Usage: benchmarks/services.sh [SECONDS_PER_ROUND] [ROUNDS]    (defaults: 10 s, 3 rounds)
# PRODUCT_JVM_OPTIONS adds options to product-service's JVM (a flight recording, say:
# -XX:StartFlightRecording=filename=products.jfr,settings=profile).
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/lib.sh
rounds_of "$@"
starts=${STARTS:-5}
need java mvn redis-server redis-sentinel redis-benchmark redis-cli wrk openssl curl python3
built user-service product-service

password=$(openssl rand -hex 16)
master=$(free_port); replica=$(free_port); sentinel=$(free_port)
say "Starting Redis: master :$master, replica :$replica, Sentinel :$sentinel"
redis-server --port "$master" --bind 127.0.0.1 --requirepass "$password" --masterauth "$password" \
  --appendonly yes --dir "$work" --appendfilename master.aof --dbfilename master.rdb --save '' --daemonize no \
  --logfile "$work/master.log" & pids+=($!)
redis-server --port "$replica" --bind 127.0.0.1 --requirepass "$password" --masterauth "$password" \
  --replicaof 127.0.0.1 "$master" --appendonly yes --dir "$work" --appendfilename replica.aof \
  --dbfilename replica.rdb --save '' --daemonize no --logfile "$work/replica.log" & pids+=($!)
cat > "$work/sentinel.conf" <<EOF
port $sentinel
bind 127.0.0.1
sentinel monitor mymaster 127.0.0.1 $master 1
sentinel auth-pass mymaster $password
EOF
redis-sentinel "$work/sentinel.conf" --logfile "$work/sentinel.log" & pids+=($!)
until redis-cli -p "$master" -a "$password" --no-auth-warning ping >/dev/null 2>&1; do sleep 0.1; done

start_user_service

product_port=$(free_port)
product_env=(REDIS_SENTINEL_HOSTS="redis://127.0.0.1:$sentinel" REDIS_MASTER_NAME=mymaster REDIS_PASSWORD="$password"
  JWT_PUBLIC_KEY_LOCATION="$work/public-key.pem")
say "Starting product-service on :$product_port"
# shellcheck disable=SC2086 # PRODUCT_JVM_OPTIONS holds several options
launch product-service "$product_port" product_env java ${PRODUCT_JVM_OPTIONS:-}
product_pid=$launched
product_ready_ms=$(ready "http://127.0.0.1:$product_port/q/health/ready" "$launched_at" "$work/product-service.log")
at_ready=$(native_memory "$product_pid" "product-service at ready")

say "Seeding the 7 demo items"
for item in Laptop:999.99 Smartphone:699.00 Headphones:149.50 Keyboard:49.95 Mouse:19.99 Monitor:229.00 Tablet:329.10; do
  curl -fsS -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"name\":\"${item%%:*}\",\"price\":${item#*:}}" "http://127.0.0.1:$product_port/item"
done

list="http://127.0.0.1:$product_port/item/list"
# Round trips to Redis one GET /item/list costs, counted by MONITOR over 100 requests (commands a script runs
# inside Redis, shown as "lua", are not round trips).
redis-cli -p "$master" -a "$password" --no-auth-warning monitor >"$work/monitor" & monitor=$!
pids+=($monitor)
sleep 0.5
for _ in $(seq 100); do curl -fsS -o /dev/null -H "Authorization: Bearer $token" "$list"; done
sleep 0.5
kill "$monitor"
commands=$(grep -v ' lua]' "$work/monitor" | grep -ciE '"(zrange|zcard|mget|get|eval|evalsha)"' || true)

say "Redis's own GET ceiling (redis-benchmark, 16 clients)"
ceiling=$(redis-benchmark -p "$master" -a "$password" -c 16 -n 200000 -t get -q 2>/dev/null |
  python3 -c 'import re, sys; m = re.search(r"GET: ([0-9.]+) requests per second", sys.stdin.read()); print(m.group(1) if m else 0)')

say "Warming up (${seconds} s at 16 connections)"
measure 16 "$seconds" "$list" >/dev/null
# item_rounds ARRAY LABEL URL CONNECTIONS...: $rounds rounds of GET URL at each connection count, after a warm-up,
# appended to the array named ARRAY as table rows.
item_rounds() {
  local -n rows=$1
  local connections round rps p50 p99 errors
  measure 16 "$seconds" "$3" >/dev/null
  for connections in "${@:4}"; do
    for round in $(seq "$rounds"); do
      say "$2, $connections connections, round $round of $rounds"
      read -r rps p50 p99 errors < <(measure "$connections" "$seconds" "$3")
      rows+=("| $2, $connections connections | $round | $rps | $p50 ms | $p99 ms | $errors |")
    done
  done
}
results=()
item_rounds results "7 items" "$list" 16 64

say "Seeding 93 more items, for pages of 100"
for i in $(seq 93); do
  curl -fsS -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"name\":\"Cable $i\",\"price\":$i.50}" "http://127.0.0.1:$product_port/item"
done
page="$list?size=100"
[[ $(curl -fsS -H "Authorization: Bearer $token" "$page" | python3 -c 'import json, sys; print(len(json.load(sys.stdin)))') == 100 ]] ||
  { say "GET /item/list?size=100 did not answer 100 items"; exit 1; }
item_rounds results "100 items" "$page" 16 64

say "The framework's own ceiling: a bare Quarkus endpoint answering the same items from memory (benchmarks/hello)"
mvn -q -B -ntp -f benchmarks/hello/pom.xml package >"$work/hello-build.log" 2>&1 || { tail -n 20 "$work/hello-build.log" >&2; exit 1; }
hello_port=$(free_port)
hello_env=()
launch benchmarks/hello "$hello_port" hello_env java
hello_pid=$launched
ready "http://127.0.0.1:$hello_port/q/health/ready" "$launched_at" "$work/hello.log" >/dev/null
bare=()
for items in 7 100; do
  item_rounds bare "bare, $items items" "http://127.0.0.1:$hello_port/item/list?size=$items" 16
done
kill "$hello_pid"

post_table=$(post_rounds "POST /item" "http://127.0.0.1:$product_port/item" '{"name":"Item {n}","price":12.34}')
rss_kib=$(ps -o rss= -p "$product_pid" | tr -d ' ')
after_load=$(native_memory "$product_pid" "product-service after the load")

echo "Product-service, $(machine); Redis $(redis-server --version | cut -d' ' -f3 | cut -d= -f2)"
echo
echo "| GET /item/list | round | req/s | p50 | p99 | errors (non-2xx, socket) |"
echo "|---|---:|---:|---:|---:|---:|"
printf '%s\n' "${results[@]}"
echo
echo "| bare Quarkus endpoint, same items from memory, no token | round | req/s | p50 | p99 | errors (non-2xx, socket) |"
echo "|---|---:|---:|---:|---:|---:|"
printf '%s\n' "${bare[@]}"
echo
echo "$post_table"
echo
echo "- Redis round trips per request: $((commands / 100)) (MONITOR over 100 requests: $commands sent by the service)"
echo "- Redis GET ceiling (redis-benchmark, 16 clients): $ceiling req/s"
echo "- product-service start to ready: $product_ready_ms ms; RSS after the load: $((rss_kib / 1024)) MiB"
[[ -z $at_ready ]] || printf '%s\n%s\n' "$at_ready" "$after_load"
echo
echo "Start-up of product-service against the same Redis, $starts starts (median, range):"
echo
start_table "$starts" product-service product_env
