# What the benchmark scripts share: a work directory cleaned up with every process they started, free loopback
# ports, the JVM settings of the pods, readiness timing, user-service for tokens, and wrk's figures.
# Sourced by the scripts; not run on its own.

# rounds_of [SECONDS_PER_ROUND] [ROUNDS]: sets $seconds (default 10) and $rounds (default 3), or stops with the usage.
rounds_of() {
  seconds=${1:-10}
  rounds=${2:-3}
  if ! [[ $seconds =~ ^[0-9]+$ && $rounds =~ ^[0-9]+$ && $seconds -ge 1 && $seconds -le 120 && $rounds -ge 1 && $rounds -le 10 ]]; then
    echo "usage: $0 [SECONDS_PER_ROUND 1-120] [ROUNDS 1-10]" >&2
    exit 2
  fi
}

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

# The pods' limits (512Mi, 1 CPU) as the JVM sees them there: MaxRAMPercentage=50 of 512Mi, the initial heap the
# JVM gives 512Mi (1/64; on the host it would take 1/64 of the host's memory, and RSS with it), one processor, and
# the collector the JVM picks for one processor; and, as the pods say, native memory trimmed every five seconds.
jvm=(-Xmx256m -Xms8m -XX:ActiveProcessorCount=1 -XX:+UseSerialGC -XX:TrimNativeHeapInterval=5000)
# NMT=1: the services' JVMs track their native memory, and native_memory prints how their RSS divides.
[[ ${NMT:-} == 1 ]] && jvm+=(-XX:NativeMemoryTracking=summary)

# native_memory PID WHEN: with NMT=1, one Markdown bullet: the RSS of PID and the memory its JVM has committed, by
# the areas Native Memory Tracking names (the largest first); without NMT=1, nothing.
native_memory() {
  [[ ${NMT:-} == 1 ]] || return 0
  local rss
  rss=$(awk '/^(VmRSS|RssAnon|RssFile):/ { printf "%s ", $2 }' "/proc/$1/status")
  jcmd "$1" VM.native_memory summary scale=KB | python3 -c '
import re, sys
text = sys.stdin.read()
areas = {m.group(1).strip(): int(m.group(2)) for m in re.finditer(r"^-\s+(.+?) \(reserved=\d+KB, committed=(\d+)KB\)", text, re.M)}
total = int(re.search(r"^Total: reserved=\d+KB, committed=(\d+)KB", text, re.M).group(1))
largest = sorted(areas.items(), key=lambda a: -a[1])
named = ", ".join(f"{name} {kib / 1024:.0f}" for name, kib in largest if kib >= 2048)
rss, anonymous, files = (int(kib) / 1024 for kib in sys.argv[2].split())
print(f"- {sys.argv[1]}: RSS {rss:.0f} MiB ({anonymous:.0f} anonymous, {files:.0f} mapped from files); the JVM has committed {total / 1024:.0f} MiB (Native Memory Tracking, MiB): {named}")' "$2" "$rss"
}

# ready URL STARTED_MS [LOG]: waits for a 200, prints the milliseconds it took since STARTED_MS; on a timeout,
# shows the end of LOG.
ready() {
  local url=$1 started=$2 log=${3:-} deadline=$((SECONDS + 60))
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      say "no 200 from $url within 60 s"
      [[ -n $log ]] && tail -n 20 "$log" >&2
      exit 1
    fi
    sleep 0.05
  done
  echo $(( $(date +%s%3N) - started ))
}

# need TOOL...: stops with the tool's name when one is missing.
need() {
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "$tool is missing: see the header of $0" >&2; exit 1; }
  done
}

# built SERVICE...: stops when a production build is missing.
built() {
  for service in "$@"; do
    [[ -f $service/target/quarkus-app/quarkus-run.jar ]] || { echo "$service is not built: run mvn package -DskipTests" >&2; exit 1; }
  done
}

# launch SERVICE PORT ENV_ARRAY JAVA [JVM_OPTION...]: starts the production build in the directory SERVICE in the
# background with the pod's JVM settings and the NAME=VALUE settings of the array named ENV_ARRAY, its log at
# $work/<SERVICE's last path element>.log; sets $launched (its pid) and $launched_at (the launch, in epoch
# milliseconds).
launch() {
  local service=$1 port=$2 java=$4
  local -n settings=$3
  shift 4
  launched_at=$(date +%s%3N)
  env "${settings[@]}" QUARKUS_HTTP_PORT="$port" "$java" "${jvm[@]}" "$@" \
    -jar "$service/target/quarkus-app/quarkus-run.jar" >"$work/${service##*/}.log" 2>&1 &
  launched=$!
  pids+=("$launched")
}

# timed_start SERVICE ENV_ARRAY JAVA [JVM_OPTION...]: one start on a free port; prints "ms-to-started ms-to-ready
# rss-KiB-at-ready", then stops it with SIGTERM (so that a training start writes its archive on the way out).
timed_start() {
  local service=$1 port to_started to_ready rss log
  port=$(free_port)
  log="$work/${service##*/}.log"
  launch "$service" "$port" "${@:2}"
  to_started=$(ready "http://127.0.0.1:$port/q/health/started" "$launched_at" "$log")
  to_ready=$(ready "http://127.0.0.1:$port/q/health/ready" "$launched_at" "$log")
  rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$launched/status")
  kill "$launched"
  wait "$launched" 2>/dev/null || true
  echo "$to_started $to_ready $rss"
}

# start_row STARTS LABEL SERVICE ENV_ARRAY JAVA [JVM_OPTION...]: STARTS timed starts as one Markdown row: LABEL, then
# start to started, start to ready and RSS at ready, each as the median and the range.
start_row() {
  local starts=$1 label=$2
  shift 2
  for _ in $(seq "$starts"); do timed_start "$@"; done | python3 -c '
import statistics, sys
rows = [list(map(int, line.split())) for line in sys.stdin]
def cell(i, scale, unit, digits):
    values = [r[i] / scale for r in rows]
    return "%.*f %s (%.*f to %.*f)" % (digits, statistics.median(values), unit, digits, min(values), digits, max(values))
print("| %s | %s | %s | %s |" % (sys.argv[1], cell(0, 1000, "s", 2), cell(1, 1000, "s", 2), cell(2, 1024, "MiB", 0)))' "$label"
}

# start_table STARTS SERVICE ENV_ARRAY: a start-up table: its heading, the row of the JVM as the pods run it, and
# the row with an application class-data-sharing archive (JDK 17's -XX:ArchiveClassesAtExit, made by one training
# start before the measured ones).
start_table() {
  echo "| JVM | start to started | start to ready | RSS at ready |"
  echo "|---|---:|---:|---:|"
  start_row "$1" "JDK 17" "$2" "$3" java
  timed_start "$2" "$3" java -XX:ArchiveClassesAtExit="$work/$2.jsa" >/dev/null
  start_row "$1" "JDK 17, application CDS archive" "$2" "$3" java -XX:SharedArchiveFile="$work/$2.jsa"
}

# start_user_service: a key pair, user-service's production build, and an administrator's token in $token (and
# the administrator's password in $admin_password, its port in $user_port, its settings in the array user_env).
start_user_service() {
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/private-key.pem" 2>/dev/null
  openssl pkey -in "$work/private-key.pem" -pubout -out "$work/public-key.pem"
  admin_password=$(openssl rand -hex 12)
  user_port=$(free_port)
  user_env=(SMALLRYE_JWT_SIGN_KEY_LOCATION="$work/private-key.pem" MP_JWT_VERIFY_PUBLICKEY_LOCATION="$work/public-key.pem"
    USER_SERVICE_BOOTSTRAP_ADMIN_USERNAME=administrator USER_SERVICE_BOOTSTRAP_ADMIN_PASSWORD="$admin_password")
  say "Starting user-service on :$user_port"
  launch user-service "$user_port" user_env java
  ready "http://127.0.0.1:$user_port/q/health/ready" "$launched_at" "$work/user-service.log" >/dev/null
  token=$(curl -fsS -H 'Content-Type: application/json' \
    -d "{\"username\":\"administrator\",\"password\":\"$admin_password\"}" "http://127.0.0.1:$user_port/authenticate" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["jwtToken"])')
}

# measure CONNECTIONS SECONDS URL [WRK_OPTION...]: wrk's result as "requests/s p50-ms p99-ms errors" (errors:
# socket errors, timeouts and non-2xx answers), with the token of start_user_service.
measure() {
  wrk -t2 -c "$1" -d "${2}s" --latency -H "Authorization: Bearer $token" "${@:4}" "$3" | python3 -c '
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

# measure_post CONNECTIONS SECONDS URL BODY: as measure, for POSTs of the JSON BODY, each with its "{n}" replaced by
# a value unique in the sitting (benchmarks/post.lua), so that every request creates a resource.
measure_post() {
  BODY=$4 PREFIX=$(openssl rand -hex 3) measure "$1" "$2" "$3" -s benchmarks/post.lua
}

# post_rounds LABEL URL BODY: $rounds rounds of measure_post at 16 connections, printed as a Markdown table (its
# heading included), one row per round.
post_rounds() {
  local round rps p50 p99 errors
  echo "| $1 (16 connections) | round | req/s | p50 | p99 | errors (non-2xx, socket) |"
  echo "|---|---:|---:|---:|---:|---:|"
  for round in $(seq "$rounds"); do
    say "$1, 16 connections, round $round of $rounds"
    read -r rps p50 p99 errors < <(measure_post 16 "$seconds" "$2" "$3")
    echo "| $1 | $round | $rps | $p50 ms | $p99 ms | $errors |"
  done
}

# machine: one line naming the date, the cores, the load and the JVM.
machine() {
  echo "$(date -u +%Y-%m-%d), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)," \
    "JVM $(java -version 2>&1 | head -1 | tr -d '"'), ${jvm[*]}"
}
