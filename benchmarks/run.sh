#!/usr/bin/env bash
# One sitting of the service benchmarks, written into BENCHMARKS.md: product-service against Redis, customer-service
# against MariaDB, order-service against the MongoDB stand-in, logins against the cores' bcrypt ceiling, and
# user-service's start-up on JDK 17 and 25, one after the other on the same machine, then each target of the project
# set against what the sitting measured. The part of BENCHMARKS.md between its "sitting" markers is replaced; the
# rest (earlier sittings, profiles, what was tried) is kept.
# The image benchmark (benchmarks/images.sh) needs a registry and is run on its own.
#
# Needs: what each script names (mvn package -DskipTests first; redis-server, redis-sentinel, redis-tools,
# mariadb-server, mariadb-client, wrk, openssl, curl, python3, Maven). NMT=1 adds each service's memory by area
# (Native Memory Tracking) at ready and after the load.
# Usage: benchmarks/run.sh [SECONDS_PER_ROUND] [ROUNDS]    (defaults: 10 s, 3 rounds)
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/lib.sh
rounds_of "$@"
built user-service customer-service order-service product-service

run() {
  say "== $1"
  "$@" > "$work/$(basename "$1" .sh).md"
}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
run benchmarks/services.sh "$seconds" "$rounds"
run benchmarks/customers.sh "$seconds" "$rounds"
run benchmarks/orders.sh "$seconds" "$rounds"
run benchmarks/logins.sh "$seconds" "$rounds"
run benchmarks/startup.sh 5
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$work" "$seconds" "$rounds" "$load_before" "$load_after" <<'PYTHON'
import datetime, os, re, sys
work, seconds, rounds, load_before, load_after = sys.argv[1:]
text = {name: open(os.path.join(work, name + ".md")).read() for name in ("services", "customers", "orders", "logins", "startup")}

def rows(markdown, first):
    """Table rows whose first cell starts with `first`, as lists of cells."""
    found = []
    for line in markdown.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and cells[0].startswith(first):
            found.append(cells)
    return found

def number(cell):
    return float(re.match(r"[0-9.]+", cell).group(0))

def bullet(markdown, pattern):
    return float(re.search(pattern, markdown).group(1))

targets = []
def target(name, measured, met):
    targets.append((name, measured, "met" if met else "**missed**"))

# customer-service: the last round of each endpoint.
select_ceiling = bullet(text["customers"], r"primary-key SELECT ceiling \(mariadb-slap, 16 clients\): ([0-9.]+)")
def last(markdown, first):
    return rows(markdown, first)[-1]
one = last(text["customers"], "GET /customer/1")
share, p99, errors = number(one[3]), number(one[5]), int(one[6])
target("`GET /customer/{id}` ≥ 20% of the SELECT ceiling, p99 ≤ 10 ms, no errors",
       f"{share:.1f}% of {select_ceiling:.0f}/s, p99 {p99:.1f} ms, {errors} errors", share >= 20 and p99 <= 10 and errors == 0)
for size in (5, 100):
    page = last(text["customers"], f"GET /customer/list?size={size}")
    statements = bullet(text["customers"], rf"statements per GET /customer/list\?size={size}: ([0-9]+)")
    target(f"`GET /customer/list` (page of {size}) ≤ 2 statements, ≥ 10% of the SELECT ceiling",
           f"{statements:.0f} statements, {number(page[3]):.1f}%", statements <= 2 and number(page[3]) >= 10)

# product-service: the last round of each page at each connection count.
get_ceiling = bullet(text["services"], r"Redis GET ceiling \(redis-benchmark, 16 clients\): ([0-9.]+)")
trips = bullet(text["services"], r"Redis round trips per request: ([0-9]+)")
for items in (7, 100):
    at16, at64 = last(text["services"], f"{items} items, 16 connections"), last(text["services"], f"{items} items, 64 connections")
    share16 = 100 * number(at16[2]) / get_ceiling
    bare = 100 * number(last(text["services"], f"bare, {items} items")[2]) / get_ceiling
    target(f"`GET /item/list` ({items} items) ≤ 2 Redis round trips, ≥ 20% of the Redis GET ceiling, no errors at 16 and 64 connections",
           f"{trips:.0f} round trips, {share16:.1f}% of {get_ceiling:.0f}/s (a bare Quarkus endpoint answering them from "
           f"memory: {bare:.0f}%), errors {at16[5]} and {at64[5]}",
           trips <= 2 and share16 >= 20 and int(at16[5]) == 0 and int(at64[5]) == 0)

# Logins: the last round.
login = last(text["logins"], "login")
target("`POST /authenticate` ≥ 80% of the cores' bcrypt ceiling (cost 10)", f"{number(login[3]):.0f}%", number(login[3]) >= 80)

# Start-up and memory: each service as the pods run it today (JDK 17, no archive), and RSS after its load.
for name, service in (("startup", "user-service"), ("customers", "customer-service"), ("orders", "order-service"),
                      ("services", "product-service")):
    jdk17 = rows(text[name], "JDK 17")[0]
    ready_s, rss_ready = number(jdk17[2]), number(jdk17[3])
    target(f"start to ready ≤ 1.5 s ({service}, JDK 17 as the pods run it, median of 5)", f"{ready_s:.2f} s", ready_s <= 1.5)
    target(f"RSS ≤ 150 MiB at ready ({service})", f"{rss_ready:.0f} MiB", rss_ready <= 150)
for name, service in (("logins", "user-service"), ("customers", "customer-service"), ("orders", "order-service"),
                      ("services", "product-service")):
    rss = bullet(text[name], r"RSS after the load: ([0-9]+) MiB")
    target(f"RSS ≤ 250 MiB after the load ({service})", f"{rss:.0f} MiB", rss <= 250)

today = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
block = [
    "<!-- sitting: written by benchmarks/run.sh; rerun it to replace this part -->",
    "## Latest sitting",
    "",
    f"`benchmarks/run.sh {seconds} {rounds}` on {today}: {os.cpu_count()} cores, load average {load_before} before and "
    f"{load_after} after (the services, the datastores and the load generator share these cores).",
    "",
    "### Against the targets",
    "",
    "| target | measured | |",
    "|---|---|---|",
    *[f"| {name} | {measured} | {verdict} |" for name, measured, verdict in targets],
    "",
]
for title, name in (("product-service", "services"), ("customer-service", "customers"),
                    ("order-service (against the MongoDB stand-in)", "orders"), ("user-service: logins and sign-ups", "logins"),
                    ("Start-up of user-service, JDK 17 and 25", "startup")):
    block += [f"### {title}", "", text[name].strip(), ""]
block.append("<!-- sitting end -->")
generated = "\n".join(block) + "\n"

path = "BENCHMARKS.md"
current = open(path).read()
marked = re.compile(r"<!-- sitting: .*?<!-- sitting end -->\n", re.S)
if marked.search(current):
    updated = marked.sub(lambda _: generated, current)
else:
    intro_end = current.index("\n## ")
    updated = current[:intro_end] + "\n\n" + generated + current[intro_end:]
open(path, "w").write(updated)
print("\n".join(f"{verdict.strip('*')}: {name}: {measured}" for name, measured, verdict in targets))
PYTHON
say "BENCHMARKS.md: the latest sitting is written"
