#!/usr/bin/env bash
# Starts a plain-HTTP image registry on 127.0.0.1:5000 (Debian's docker-registry, its storage under a directory
# of its own), like the local registry of a kind or minikube cluster; prints its pid. Stop it with kill PID.
# Usage: images/local-registry.sh [STORAGE_DIR]
set -euo pipefail
storage=${1:-$(mktemp -d)}
command -v docker-registry >/dev/null || { echo "local-registry: docker-registry is missing (apt-get install docker-registry)" >&2; exit 2; }
mkdir -p "$storage"
cat > "$storage/config.yml" <<CONFIG
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $storage/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:5000
CONFIG
docker-registry serve "$storage/config.yml" > "$storage/registry.log" 2>&1 &
pid=$!
for _ in $(seq 1 50); do
  if curl -fsS http://127.0.0.1:5000/v2/ >/dev/null 2>&1; then echo "$pid"; exit 0; fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.2
done
echo "local-registry: the registry did not start; see $storage/registry.log" >&2
cat "$storage/registry.log" >&2
exit 1
