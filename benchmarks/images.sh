#!/usr/bin/env bash
# Measures the images: compressed size per image, what a rebuild with no change pushes, and what a rebuild after
# a one-line Java change in one service pushes, per image. Needs a registry on localhost:5000 (images/local-registry.sh)
# and a base image (the default one, or -Dquarkus.jib.base-jvm-image=... in BASE). Prints a Markdown table.
# Usage: benchmarks/images.sh [BASE]
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-}
images=(user-service customer-service order-service product-service platform)
build() {
  mvn -B -ntp -q package -DskipTests -Dquarkus.container-image.build=true -Dquarkus.container-image.push=true \
    ${base:+-Dquarkus.jib.base-jvm-image="$base"} "$@" >/dev/null
}
# "digest size" per layer of an image's manifest in the registry.
layers() {
  skopeo inspect --tls-verify=false --raw "docker://localhost:5000/sales-order/$1:2.1.0" |
    python3 -c 'import json, sys; [print(l["digest"], l["size"]) for l in json.load(sys.stdin)["layers"]]'
}
snapshot() { for image in "${images[@]}"; do layers "$image" | sed "s|^|$image |"; done; }
# Bytes of the layers in the second snapshot that the first one did not hold: what the registry had to receive.
pushed() { awk 'NR == FNR { seen[$2] = 1; next } !($2 in seen) { bytes[$1] += $3 } END { for (i in bytes) print i, bytes[i] }' "$1" "$2"; }

work=$(mktemp -d)
trap 'git checkout -q -- customer-service/src/main/java; rm -rf "$work"' EXIT
echo "Building every image once..." >&2
build
snapshot > "$work/first"
echo "Rebuilding with no change..." >&2
build
snapshot > "$work/second"
echo "Rebuilding after a one-line change in customer-service..." >&2
sed -i 's/"The customer database"/"The customer database server"/' customer-service/src/main/java/io/salesorder/customer/service/CustomerService.java
git diff --quiet -- customer-service/src/main/java && { echo "the one-line change did not apply" >&2; exit 1; }
build
snapshot > "$work/third"

pushed "$work/first" "$work/second" > "$work/unchanged"
pushed "$work/second" "$work/third" > "$work/changed"
echo "| image | compressed size | layers | pushed by a rebuild with no change | pushed after a one-line change in customer-service |"
echo "|---|---:|---:|---:|---:|"
for image in "${images[@]}"; do
  size=$(awk -v i="$image" '$1 == i { s += $3 } END { print s }' "$work/third")
  count=$(awk -v i="$image" '$1 == i' "$work/third" | wc -l)
  none=$(awk -v i="$image" '$1 == i { print $2 }' "$work/unchanged")
  one=$(awk -v i="$image" '$1 == i { print $2 }' "$work/changed")
  awk -v i="$image" -v s="$size" -v c="$count" -v n="${none:-0}" -v o="${one:-0}" \
    'BEGIN { printf "| %s | %.1f MB | %d | %.2f MB | %.2f MB |\n", i, s / 1e6, c, n / 1e6, o / 1e6 }' 
done
