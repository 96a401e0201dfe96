#!/usr/bin/env bash
# Measures product-service's production build as its pod runs it, against Redis as the platform runs it (a master,
# a replica and a Sentinel, password on), all on loopback: requests per second, p50, p99 and errors of
# GET /item/list at 16 and at 64 connections (wrk, after a warm-up), Redis round trips per request (MONITOR), Redis's
# own GET ceiling at 16 clients (redis-benchmark) in the same sitting, and start to ready.
# Tokens come from user-service's production build, started the same way.
#
# Needs: the production builds (mvn package -DskipTests), a JDK 17, redis-server, redis-sentinel, redis-benchmark,
# wrk, openssl, curl, python3 (apt-get install redis-server redis-sentinel redis-tools wrk openssl curl).
# Usage: benchmarks/services.sh [SECONDS_PER_ROUND] [ROUNDS]    (defaults: 10 s, 3 rounds)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
rounds=${2:-3}
if ! [[ $seconds =~ ^[0-9]+$ && $rounds =~ ^[0-9]+$ && $seconds -ge 1 && $seconds -le 120 && $rounds -ge 1 && $rounds -le 10 ]]; then
  echo "usage: $0 [SECONDS_PER_ROUND 1-120] [ROUNDS 1-10]" >&2
  exit 2
fi
for tool in java redis-server redis-sentinel redis-benchmark redis-cli wrk openssl curl python3; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: see the header of $0" >&2; exit 1; }
done
for service in user-service product-service; do
  [[ -f $service/target/quarkus-app/quarkus-run.jar ]] || { echo "$service is not built: run mvn package -DskipTests" >&2; exit 1; }
done

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
say() { echo "$*" >&2; }

# The pods' limits (512Mi, 1 CPU) as the JVM sees them there: MaxRAMPercentage=50 of 512Mi, one processor, and
# the collector the JVM picks for one processor.
jvm=(-Xmx256m -XX:ActiveProcessorCount=1 -XX:+UseSerialGC)
ready() { # url seconds: waits for a 200, prints the milliseconds it took from the process start
  local url=$1 started=$2 deadline=$((SECONDS + 60))
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    ((SECONDS < deadline)) || { say "no 200 from $url within 60 s"; exit 1; }
    sleep 0.05
  done
  echo $(( $(date +%s%3N) - started ))
}

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

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/private-key.pem" 2>/dev/null
openssl pkey -in "$work/private-key.pem" -pubout -out "$work/public-key.pem"
admin_password=$(openssl rand -hex 12)

user_port=$(free_port)
say "Starting user-service on :$user_port"
started=$(date +%s%3N)
QUARKUS_HTTP_PORT=$user_port SMALLRYE_JWT_SIGN_KEY_LOCATION="$work/private-key.pem" \
  MP_JWT_VERIFY_PUBLICKEY_LOCATION="$work/public-key.pem" USER_SERVICE_BOOTSTRAP_ADMIN_USERNAME=administrator \
  USER_SERVICE_BOOTSTRAP_ADMIN_PASSWORD="$admin_password" \
  java "${jvm[@]}" -jar user-service/target/quarkus-app/quarkus-run.jar >"$work/user-service.log" 2>&1 & pids+=($!)
ready "http://127.0.0.1:$user_port/q/health/ready" "$started" >/dev/null
token=$(curl -fsS -H 'Content-Type: application/json' \
  -d "{\"username\":\"administrator\",\"password\":\"$admin_password\"}" "http://127.0.0.1:$user_port/authenticate" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["jwtToken"])')

product_port=$(free_port)
say "Starting product-service on :$product_port"
started=$(date +%s%3N)
QUARKUS_HTTP_PORT=$product_port REDIS_SENTINEL_HOSTS="redis://127.0.0.1:$sentinel" REDIS_MASTER_NAME=mymaster \
  REDIS_PASSWORD="$password" JWT_PUBLIC_KEY_LOCATION="$work/public-key.pem" \
  java "${jvm[@]}" -jar product-service/target/quarkus-app/quarkus-run.jar >"$work/product-service.log" 2>&1 &
product_pid=$!
pids+=($product_pid)
product_ready_ms=$(ready "http://127.0.0.1:$product_port/q/health/ready" "$started")

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

# wrk's result as "requests/s p50-ms p99-ms errors" (errors: socket errors, timeouts and non-2xx answers).
measure() {
  wrk -t2 -c "$1" -d "${seconds}s" --latency -H "Authorization: Bearer $token" "$list" | python3 -c '
import re, sys
out = sys.stdin.read()
def ms(label):
    m = re.search(r"^\s*" + label + r"%\s+([0-9.]+)(us|ms|s)\s*$", out, re.M)
    value, unit = float(m.group(1)), m.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
rps = float(re.search(r"Requests/sec:\s+([0-9.]+)", out).group(1))
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
errors = (int(non2xx.group(1)) if non2xx else 0) + (sum(map(int, socket.groups())) if socket else 0)
p50, p99 = ms("50"), ms("99")
print(f"{rps:.0f} {p50:.2f} {p99:.2f} {errors}")'
}
say "Warming up (${seconds} s at 16 connections)"
measure 16 >/dev/null
results=()
for connections in 16 64; do
  for round in $(seq "$rounds"); do
    say "GET /item/list, $connections connections, round $round of $rounds"
    results+=("$connections $(measure "$connections")")
  done
done
rss_kib=$(ps -o rss= -p "$product_pid" | tr -d ' ')

echo "Product-service, $(date -u +%Y-%m-%d), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)," \
  "JVM $(java -version 2>&1 | head -1 | tr -d '"'), ${jvm[*]}; Redis $(redis-server --version | cut -d' ' -f3 | cut -d= -f2)"
echo
echo "| GET /item/list (7 items) | round | req/s | p50 | p99 | errors (non-2xx, socket) |"
echo "|---|---:|---:|---:|---:|---:|"
declare -A round_of
for result in "${results[@]}"; do
  read -r connections rps p50 p99 errors <<<"$result"
  round_of[$connections]=$(( ${round_of[$connections]:-0} + 1 ))
  echo "| $connections connections | ${round_of[$connections]} | $rps | $p50 ms | $p99 ms | $errors |"
done
echo
echo "- Redis round trips per request: $((commands / 100)) (MONITOR over 100 requests: $commands sent by the service)"
echo "- Redis GET ceiling (redis-benchmark, 16 clients): $ceiling req/s"
echo "- product-service start to ready: $product_ready_ms ms; RSS after the load: $((rss_kib / 1024)) MiB"
