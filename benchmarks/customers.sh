#!/usr/bin/env bash
# Measures customer-service's production build as its pod runs it, against a MariaDB server of its own on loopback
# (Debian's MariaDB 10.11, the MySQL-compatible server these machines have; the platform runs MySQL 8.4): requests
# per second, p50, p99 and errors of GET /customer/{id} and GET /customer/list (pages of 5 and of 100) at 16
# connections and of POST /customer (wrk, after a warm-up), the statements each request costs (MariaDB's general
# log), the database's own primary-key SELECT ceiling at 16 clients (mariadb-slap) in the same sitting, RSS after
# the load, and start to started, to ready and RSS at ready over STARTS starts (default 5).
# Tokens come from user-service's production build, started the same way.
#
# Needs: the production builds (mvn package -DskipTests), a JDK 17, mariadbd, mariadb-install-db, mariadb,
# mariadb-slap, wrk, openssl, curl, python3 (apt-get install mariadb-server mariadb-client wrk openssl curl).
# Usage: benchmarks/customers.sh [SECONDS_PER_ROUND] [ROUNDS]    (defaults: 10 s, 3 rounds)
# CUSTOMER_JVM_OPTIONS adds options to customer-service's JVM (a flight recording, say:
# -XX:StartFlightRecording=filename=customers.jfr,settings=profile).
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/lib.sh
rounds_of "$@"
starts=${STARTS:-5}
need java mariadbd mariadb-install-db mariadb mariadb-slap wrk openssl curl python3
built user-service customer-service

db_port=$(free_port)
say "Starting MariaDB on :$db_port"
mariadb-install-db --no-defaults --datadir="$work/db" --auth-root-authentication-method=normal >"$work/install.log" 2>&1
user_flag=()
[[ $(id -u) -eq 0 ]] && user_flag=(--user=root)
# A MySQL-looking version keeps Connector/J and Hibernate on their MySQL paths, as the tests' MariaDB does.
mariadbd --no-defaults --datadir="$work/db" --port="$db_port" --bind-address=127.0.0.1 --socket="$work/db.sock" \
  --pid-file="$work/db.pid" --version=5.7.19-MariaDB-10.11 --character-set-server=utf8mb4 \
  --collation-server=utf8mb4_unicode_ci --max-connections=200 "${user_flag[@]}" >"$work/mariadb.log" 2>&1 & pids+=($!)
sql() { mariadb --no-defaults -uroot -h127.0.0.1 -P"$db_port" "$@"; }
for _ in $(seq 100); do sql -e 'SELECT 1' >/dev/null 2>&1 && break; sleep 0.1; done
db_password=$(openssl rand -hex 16)
# Anonymous accounts would match loopback connections before the service's own account does.
sql -e "DELETE FROM mysql.global_priv WHERE User = ''; FLUSH PRIVILEGES;
  CREATE DATABASE customers CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
  CREATE USER 'customer_service'@'%' IDENTIFIED BY '$db_password';
  GRANT ALL PRIVILEGES ON customers.* TO 'customer_service'@'%';"

start_user_service

customer_port=$(free_port)
customer_env=(DB_URL="jdbc:mysql://127.0.0.1:$db_port/customers?useSSL=false&allowPublicKeyRetrieval=true"
  DB_USERNAME=customer_service DB_PASSWORD="$db_password" JWT_PUBLIC_KEY_LOCATION="$work/public-key.pem"
  QUARKUS_HIBERNATE_ORM_DATABASE_VERSION_CHECK_ENABLED=false)
say "Starting customer-service on :$customer_port"
# shellcheck disable=SC2086 # CUSTOMER_JVM_OPTIONS holds several options
launch customer-service "$customer_port" customer_env java ${CUSTOMER_JVM_OPTIONS:-}
customer_pid=$launched
customer_ready_ms=$(ready "http://127.0.0.1:$customer_port/q/health/ready" "$launched_at" "$work/customer-service.log")
at_ready=$(native_memory "$customer_pid" "customer-service at ready")

base="http://127.0.0.1:$customer_port"
say "Seeding 100 customers"
for i in $(seq 100); do
  curl -fsS -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"dateOfBirth\":\"1985-12-10\",\"email\":\"ada.$i@example.org\",
         \"address\":{\"houseFlatNo\":\"$i\",\"addressLine1\":\"St James's Square\",\"postCode\":\"SW1Y 4JH\",\"city\":\"London\"}}" \
    "$base/customer"
done

# Statements one request costs, from MariaDB's general log over 20 requests of each kind.
statements() {
  sql -e "SET GLOBAL log_output = 'TABLE'; TRUNCATE TABLE mysql.general_log; SET GLOBAL general_log = 1;"
  for _ in $(seq 20); do curl -fsS -o /dev/null -H "Authorization: Bearer $token" "$1"; done
  sql -N -e "SET GLOBAL general_log = 0; SELECT COUNT(*) FROM mysql.general_log
    WHERE command_type = 'Query' AND user_host LIKE 'customer_service[%';"
}
declare -A per_request
for endpoint in "/customer/1" "/customer/list?size=5" "/customer/list?size=100"; do
  per_request[$endpoint]=$(( $(statements "$base$endpoint") / 20 ))
done

say "MariaDB's own primary-key SELECT ceiling (mariadb-slap, 16 clients)"
slap=$(mariadb-slap --no-defaults -uroot -h127.0.0.1 -P"$db_port" --concurrency=16 --iterations=3 \
  --number-of-queries=160000 --create-schema=customers --query="SELECT * FROM customer WHERE id = 1" 2>/dev/null |
  python3 -c 'import re, sys; t = [float(x) for x in re.findall(r"Average number of seconds to run all queries: ([0-9.]+)", sys.stdin.read())]; print(f"{160000 / t[0]:.0f}" if t and t[0] > 0 else 0)')

say "Warming up (${seconds} s)"
measure 16 "$seconds" "$base/customer/1" >/dev/null
measure 16 "$seconds" "$base/customer/list?size=5" >/dev/null
results=()
for round in $(seq "$rounds"); do
  for endpoint in "/customer/1" "/customer/list?size=5" "/customer/list?size=100"; do
    say "GET $endpoint, 16 connections, round $round of $rounds"
    results+=("$endpoint $round $(measure 16 "$seconds" "$base$endpoint")")
  done
done
post_table=$(post_rounds "POST /customer" "$base/customer" '{"firstName":"Ada","lastName":"Lovelace",
  "dateOfBirth":"1985-12-10","email":"ada.{n}@example.org","address":{"houseFlatNo":"1",
  "addressLine1":"St James'"'"'s Square","postCode":"SW1Y 4JH","city":"London"}}')
rss_kib=$(ps -o rss= -p "$customer_pid" | tr -d ' ')
after_load=$(native_memory "$customer_pid" "customer-service after the load")

echo "Customer-service, $(machine); MariaDB $(mariadbd --version | grep -oE '[0-9]+\.[0-9]+\.[0-9]+-MariaDB' | head -1)"
echo
echo "| endpoint (16 connections) | round | req/s | share of the SELECT ceiling | p50 | p99 | errors (non-2xx, socket) |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for result in "${results[@]}"; do
  read -r endpoint round rps p50 p99 errors <<<"$result"
  share=$(python3 -c "print(f'{100 * $rps / $slap:.1f} %' if $slap else '-')")
  echo "| GET $endpoint | $round | $rps | $share | $p50 ms | $p99 ms | $errors |"
done
echo
for endpoint in "/customer/1" "/customer/list?size=5" "/customer/list?size=100"; do
  echo "- statements per GET $endpoint: ${per_request[$endpoint]} (MariaDB's general log over 20 requests)"
done
echo
echo "$post_table"
echo
echo "- primary-key SELECT ceiling (mariadb-slap, 16 clients): $slap queries/s"
echo "- customer-service start to ready: $customer_ready_ms ms; RSS after the load: $((rss_kib / 1024)) MiB"
[[ -z $at_ready ]] || printf '%s\n%s\n' "$at_ready" "$after_load"
echo
echo "Start-up of customer-service against the same MariaDB (Flyway's check, Hibernate's validation), $starts starts (median, range):"
echo
start_table "$starts" customer-service customer_env
