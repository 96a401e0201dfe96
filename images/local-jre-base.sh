#!/usr/bin/env bash
# Builds a Java 17 runtime base image from this machine's JDK and pushes it to a registry, for machines that
# cannot reach the default base (an offline build, CI). jlink makes the runtime, the shared libraries it links
# are copied beside it, umoci packs the layer and skopeo pushes it.
# Usage: images/local-jre-base.sh [IMAGE]   (default localhost:5000/sales-order/jre:17-local; plain HTTP)
set -euo pipefail
image=${1:-localhost:5000/sales-order/jre:17-local}
for tool in jlink umoci skopeo ldd; do
  command -v "$tool" >/dev/null || { echo "local-jre-base: $tool is missing (apt-get install umoci skopeo; a JDK 17 for jlink)" >&2; exit 2; }
done
jlink_version=$(jlink --version)
case "$jlink_version" in
  17*) ;;
  *) echo "local-jre-base: jlink $jlink_version is not Java 17; set JAVA_HOME or PATH to a JDK 17" >&2; exit 2 ;;
esac

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "local-jre-base: jlink (Java $jlink_version)"
jlink --add-modules java.se,jdk.unsupported,jdk.crypto.ec,jdk.zipfs,jdk.management,jdk.naming.dns,jdk.jfr \
  --strip-debug --no-man-pages --no-header-files --compress=2 --output "$work/jre"

umoci init --layout "$work/oci"
umoci new --image "$work/oci:jre"
umoci unpack --image "$work/oci:jre" "$work/bundle" >/dev/null
root="$work/bundle/rootfs"
mkdir -p "$root/opt/java" "$root/tmp" "$root/etc" "$root/home/jboss"
chmod 1777 "$root/tmp"
cp -a "$work/jre" "$root/opt/java/openjdk"
# The libraries the runtime's own (non-desktop) libraries link, and the dynamic loader.
for library in $(find "$root/opt/java/openjdk/lib" -name '*.so' ! -name '*awt*' ! -name 'libfontmanager.so' ! -name 'libjsound.so' \
    ! -name 'libsplashscreen.so' ! -name 'liblcms.so' ! -name 'libjavajpeg.so' ! -name 'libmlib_image.so'); do
  ldd "$library" | awk '$3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }'
done | sort -u | while read -r needed; do
  mkdir -p "$root$(dirname "$needed")"
  cp -L "$needed" "$root$needed"
done
mkdir -p "$root/lib64"
cp -L /lib64/ld-linux-x86-64.so.2 "$root/lib64/"
printf 'root:x:0:0:root:/root:/sbin/nologin\napp:x:10001:10001:app:/home/jboss:/sbin/nologin\n' > "$root/etc/passwd"
printf 'root:x:0:\napp:x:10001:\n' > "$root/etc/group"
printf 'hosts: files dns\n' > "$root/etc/nsswitch.conf"
umoci repack --image "$work/oci:jre" "$work/bundle" >/dev/null
umoci config --image "$work/oci:jre" --config.user 10001:10001 --config.workingdir /home/jboss \
  --config.env PATH=/opt/java/openjdk/bin:/usr/bin:/bin --config.env JAVA_HOME=/opt/java/openjdk \
  --history.comment "Java $jlink_version runtime (jlink) from the build machine's JDK"
skopeo copy --quiet --dest-tls-verify=false "oci:$work/oci:jre" "docker://$image"
echo "local-jre-base: pushed $image ($(du -sh "$root" | cut -f1) unpacked)"
