#!/usr/bin/env bash
# Measures POST /authenticate of user-service's production build as its pod runs it: logins per second, p50, p99 and
# errors with wrk (2 threads, 16 connections, after a warm-up round), against what this machine's cores can check
# per second: the bcrypt benchmark (benchmarks/bcrypt, JMH, one thread per core) in the same sitting; then POST
# /signup (each a new user, so one bcrypt hash each) and RSS after the load.
#
# Needs: the production build (mvn package -DskipTests), a JDK 17, Maven, wrk, openssl, curl, python3.
# Usage: benchmarks/logins.sh [SECONDS_PER_ROUND] [ROUNDS]    (defaults: 10 s, 3 rounds)
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/lib.sh
rounds_of "$@"
need java mvn wrk openssl curl python3
built user-service

say "Measuring the cores' bcrypt ceiling (JMH, $(nproc) threads)..."
ceiling=$(mvn -B -ntp -q -f benchmarks/bcrypt/pom.xml package exec:exec \
  -Djmh.arguments="-f 1 -wi 2 -w 3s -i 3 -r 3s -t $(nproc) -bm thrpt -tu s .*springSecurityMatches" 2>&1 |
  awk '$1 ~ /springSecurityMatches$/ && $2 == "thrpt" { print $4 }')
[[ -n $ceiling ]] || { say "the bcrypt benchmark printed no figure"; exit 1; }

start_user_service
cat > "$work/login.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"username":"administrator","password":"$admin_password"}'
LUA
url="http://127.0.0.1:$user_port/authenticate"
say "Warming up..."
measure 16 "$seconds" "$url" -s "$work/login.lua" >/dev/null
echo "POST /authenticate, $(machine); bcrypt ceiling of the cores: $ceiling checks/s (cost 10)"
echo
echo "| POST /authenticate (16 connections) | round | logins/s | share of the bcrypt ceiling | p50 | p99 | errors (non-2xx, socket) |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for round in $(seq "$rounds"); do
  read -r rps p50 p99 errors < <(measure 16 "$seconds" "$url" -s "$work/login.lua")
  share=$(python3 -c "print(f'{100 * $rps / $ceiling:.0f} %')")
  echo "| login | $round | $rps | $share | $p50 ms | $p99 ms | $errors |"
done
user_pid=$launched
echo
post_rounds "POST /signup" "http://127.0.0.1:$user_port/signup" \
  '{"name":"Ada","email":"ada.{n}@example.org","username":"u{n}","password":"secret-password"}'
rss_kib=$(ps -o rss= -p "$user_pid" | tr -d ' ')
echo
echo "- user-service RSS after the load: $((rss_kib / 1024)) MiB"
