#!/usr/bin/env bash
# Proves that an image build rolls out exactly what changed. After an image build (mvn package or verify -Pimages):
# a rebuild with no change reuses every image (same digests, nothing pushed); a one-line Java change in
# customer-service gives customer-service, and it alone, a new digest, which the dev bundle pins; undoing the change
# brings the first digest back. Needs the registry the first build pushed to.
# Usage: images/rebuild-check.sh [BASE]   (BASE: the -Dquarkus.jib.base-jvm-image the first build used)
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-}
modules=(user-service customer-service order-service product-service platform)
changed=customer-service/src/main/java/io/salesorder/customer/service/CustomerService.java
bundle=platform/target/kubernetes/dev/sales-order.yml
work=$(mktemp -d)
cp "$changed" "$work/original"
trap 'cp "$work/original" "$changed"; rm -rf "$work"' EXIT

fail() { echo "rebuild-check: FAILED: $*" >&2; exit 1; }
digests() { for module in "${modules[@]}"; do echo "$module $(cat "$module/target/jib-image.digest")"; done; }
build() {
  echo "rebuild-check: $1" >&2
  mvn -B -ntp package -DskipTests -Pimages ${base:+-Dquarkus.jib.base-jvm-image="$base"} > "$work/build.log" 2>&1 ||
    { tail -n 60 "$work/build.log" >&2; fail "the build failed"; }
}
others() { grep -v '^customer-service ' "$1"; }

for module in "${modules[@]}"; do
  [ -s "$module/target/jib-image.digest" ] || fail "$module has no target/jib-image.digest: build the images first"
done
digests > "$work/first"

build "rebuilding with no change"
digests > "$work/unchanged"
diff "$work/first" "$work/unchanged" >&2 || fail "a rebuild with no change gave new digests"
! grep -q "Pushed container image" "$work/build.log" || fail "a rebuild with no change pushed an image"

sed -i 's/"The customer database"/"The customer database server"/' "$changed"
cmp -s "$work/original" "$changed" && fail "the one-line change did not apply"
build "rebuilding after a one-line change in customer-service"
digests > "$work/changed"
diff <(others "$work/first") <(others "$work/changed") >&2 || fail "a change in customer-service gave other images new digests"
customer=$(awk '$1 == "customer-service" { print $2 }' "$work/changed")
[ "$customer" != "$(awk '$1 == "customer-service" { print $2 }' "$work/first")" ] ||
  fail "customer-service kept its digest after a change to its code"
grep -q "customer-service:2.1.0@$customer" "$bundle" || fail "the dev bundle does not pin customer-service to $customer"

cp "$work/original" "$changed"
build "rebuilding after undoing the change"
digests > "$work/undone"
diff "$work/first" "$work/undone" >&2 || fail "undoing the change did not bring the first digests back"

echo "rebuild-check: passed: no change reused all ${#modules[@]} images; a change in customer-service gave it alone the new digest $customer; undoing it brought the first one back" >&2
