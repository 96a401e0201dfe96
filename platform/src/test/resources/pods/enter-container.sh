#!/bin/sh
# Runs one container of an emulated pod. Called inside fresh mount and UTS namespaces that share the pods'
# network namespace: builds a root from the host's read-only system directories, mounts the container's
# volumes at the manifest's paths, then runs the command as the pod's user with no capabilities.
# Usage: enter-container.sh HOSTNAME ROOT MOUNTS READ_ONLY_ROOT UID GID GROUPS -- COMMAND...
set -eu
hostname "$1"
root=$2 mounts=$3 read_only=$4 uid=$5 gid=$6 groups=$7
shift 8
mount -t tmpfs -o mode=0755,size=8m container-root "$root"
for dir in usr etc bin sbin lib lib32 lib64 libx32; do
  if [ -L "/$dir" ]; then
    ln -s "$(readlink "/$dir")" "$root/$dir"
  elif [ -d "/$dir" ]; then
    mkdir "$root/$dir"
    mount --rbind "/$dir" "$root/$dir"
    mount -o remount,bind,ro "$root/$dir"
  fi
done
for dir in proc dev sys; do
  mkdir "$root/$dir"
  mount --rbind "/$dir" "$root/$dir"
done
tab=$(printf '\t')
while IFS="$tab" read -r mode source target; do
  if [ -d "$source" ]; then
    mkdir -p "$root$target"
  else
    mkdir -p "$(dirname "$root$target")"
    [ -e "$root$target" ] || touch "$root$target"
  fi
  mount --bind "$source" "$root$target"
  if [ "$mode" = ro ]; then mount -o remount,bind,ro "$root$target"; fi
done < "$mounts"
if [ "$read_only" = true ]; then mount -o remount,ro "$root"; fi
if [ -n "$groups" ]; then group_option="--groups=$groups"; else group_option="--clear-groups"; fi
exec chroot "$root" /usr/bin/setpriv --reuid="$uid" --regid="$gid" "$group_option" --no-new-privs \
  --inh-caps=-all --bounding-set=-all -- "$@"
