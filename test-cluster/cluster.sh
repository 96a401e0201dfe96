#!/usr/bin/env bash
# A real Kubernetes control plane on this machine, for trying and testing the deploy: etcd, kube-apiserver,
# kube-controller-manager and kube-scheduler built from Kubernetes' own modules (go/go.mod), three fake nodes in
# three zones run by kwok (go/kwok/go.mod), local volumes that bind every claim of the bundles, and the Gateway API
# and External Secrets CRDs from their projects' modules. Everything listens on 127.0.0.1; no container runs.
#
#   test-cluster/cluster.sh build          build the programs (cold: about 10 minutes on 2 cores; warm: seconds)
#   test-cluster/cluster.sh start [DIR]    build if needed, start a new cluster in DIR, print its KUBECONFIG
#   test-cluster/cluster.sh stop [DIR]     stop the cluster started in DIR, by the pids it recorded
#
# DIR defaults to test-cluster/target/cluster; start makes it anew, and refuses a DIR that runs a cluster or holds
# anything but an earlier cluster's files. STAGES (a space-separated list of files) adds kwok stages, for instance
# one that makes some pods crash. A started cluster lives until stopped.
set -Eeuo pipefail

here=$(cd "$(dirname "$0")" && pwd)
bin="$here/target/bin"
# One Kubernetes release for every part; the CRDs at the versions this system's bundles are written for.
gateway_api=sigs.k8s.io/gateway-api@v1.4.0
external_secrets=github.com/external-secrets/external-secrets@v1.3.2
kwok_module=sigs.k8s.io/kwok@v0.8.0

say() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

module_dir() {
  (cd "$here/go" && go mod download -json "$1" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
}

build() {
  command -v go >/dev/null || { echo "Go is needed to build the test cluster (go 1.26 or later)" >&2; exit 1; }
  mkdir -p "$bin"
  local started=$SECONDS
  say "building etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kubectl (first time: about 10 minutes on 2 cores)"
  (cd "$here/go" && go build -o "$bin/" k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
    k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubectl && go build -o "$bin/etcd" go.etcd.io/etcd/server/v3)
  say "building kwok"
  (cd "$here/go/kwok" && go build -o "$bin/" tool)
  for module in "$gateway_api" "$external_secrets" "$kwok_module"; do
    [ -n "$(module_dir "$module")" ] || { echo "could not download $module" >&2; exit 1; }
  done
  say "built in $((SECONDS - started)) s: $(ls "$bin" | tr '\n' ' ')"
}

built() {
  for p in etcd kube-apiserver kube-controller-manager kube-scheduler kubectl kwok; do
    [ -x "$bin/$p" ] || return 1
  done
}

chosen_ports=" "
# A free port below the kernel's ephemeral range (32768 and up), none chosen twice.
free_port() {
  local port
  for _ in $(seq 200); do
    port=$((20000 + RANDOM % 12000))
    case "$chosen_ports" in *" $port "*) continue ;; esac
    if [ -z "$(ss -Htln "sport = :$port")" ]; then
      chosen_ports+="$port "
      echo "$port"
      return
    fi
  done
  echo "no free port found" >&2
  exit 1
}

certificates() {
  local dir=$1
  cd "$dir"
  openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 7 \
    -subj "/CN=sales-order-test-cluster-ca" 2>/dev/null
  issue() { # name subject extensions
    openssl req -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.csr" -subj "$2" 2>/dev/null
    openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 7 -out "$1.crt" \
      -extfile <(printf '%s\n' "$3") 2>/dev/null
    rm -f "$1.csr"
  }
  issue apiserver "/CN=kube-apiserver" "subjectAltName=IP:127.0.0.1,IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local
extendedKeyUsage=serverAuth"
  issue admin "/O=system:masters/CN=admin" "extendedKeyUsage=clientAuth"
  openssl genrsa -out service-accounts.key 2048 2>/dev/null
  openssl rsa -in service-accounts.key -pubout -out service-accounts.pub 2>/dev/null
  cd - >/dev/null
}

kubeconfig() {
  local dir=$1 port=$2
  cat >"$dir/kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: sales-order-test
  cluster:
    server: https://127.0.0.1:$port
    certificate-authority-data: $(base64 -w0 "$dir/ca.crt")
users:
- name: admin
  user:
    client-certificate-data: $(base64 -w0 "$dir/admin.crt")
    client-key-data: $(base64 -w0 "$dir/admin.key")
contexts:
- name: sales-order-test
  context:
    cluster: sales-order-test
    user: admin
current-context: sales-order-test
EOF
}

# Starts a program in the background, its output in DIR/logs, its pid recorded in DIR/pids.
launch() {
  local dir=$1 name=$2
  shift 2
  "$@" >"$dir/logs/$name.log" 2>&1 &
  echo "$! $name" >>"$dir/pids"
}

wait_for() { # what seconds command...
  local what=$1 seconds=$2
  shift 2
  for _ in $(seq $((seconds * 5))); do
    if "$@" >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.2
  done
  echo "$what did not come up within $seconds s; its log:" >&2
  return 1
}

# The nodes, their volumes and the default storage class.
topology() {
  local zone node i
  cat <<EOF
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: local
  annotations:
    storageclass.kubernetes.io/is-default-class: "true"
provisioner: kubernetes.io/no-provisioner
volumeBindingMode: WaitForFirstConsumer
EOF
  for zone in a b c; do
    node="node-$zone"
    cat <<EOF
---
apiVersion: v1
kind: Node
metadata:
  name: $node
  annotations:
    kwok.x-k8s.io/node: fake
    node.alpha.kubernetes.io/ttl: "0"
  labels:
    kubernetes.io/hostname: $node
    kubernetes.io/os: linux
    kubernetes.io/arch: amd64
    topology.kubernetes.io/zone: zone-$zone
    type: kwok
status:
  allocatable: {cpu: "16", memory: 64Gi, ephemeral-storage: 200Gi, pods: "110"}
  capacity: {cpu: "16", memory: 64Gi, ephemeral-storage: 200Gi, pods: "110"}
  nodeInfo:
    architecture: amd64
    operatingSystem: linux
    kubeletVersion: fake
EOF
    for i in 1 2 3 4; do
      cat <<EOF
---
apiVersion: v1
kind: PersistentVolume
metadata:
  name: $node-volume-$i
spec:
  capacity: {storage: 100Gi}
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: Retain
  storageClassName: local
  local: {path: /var/lib/volumes/$i}
  nodeAffinity:
    required:
      nodeSelectorTerms:
      - matchExpressions:
        - {key: kubernetes.io/hostname, operator: In, values: [$node]}
EOF
    done
  done
}

# The pids a start in DIR recorded whose process is still one of the cluster's programs (a pid the system has since
# given to another process is left alone).
live_pids() {
  local pid name
  [ -f "$1/pids" ] || return 0
  while read -r pid name; do
    if [ -r "/proc/$pid/cmdline" ] && [ "$(tr '\0' '\n' <"/proc/$pid/cmdline" | head -1)" = "$bin/$name" ]; then
      echo "$pid"
    fi
  done <"$1/pids"
}

start() {
  local dir=$1
  if [ -n "$(live_pids "$dir")" ]; then
    echo "A cluster started in $dir still runs: test-cluster/cluster.sh stop $dir" >&2
    exit 1
  fi
  if [ -d "$dir" ] && [ ! -f "$dir/.test-cluster" ] && [ -n "$(ls -A "$dir")" ]; then
    echo "$dir holds files of its own: name an empty or new directory" >&2
    exit 1
  fi
  built || build
  local started=$SECONDS
  rm -rf "$dir"
  mkdir -p "$dir/logs" "$dir/etcd"
  touch "$dir/.test-cluster"
  # Whatever fails from here stops what was started.
  trap 'status=$?; stop "$dir"; exit $status' ERR
  certificates "$dir"
  local etcd_port peer_port api_port
  etcd_port=$(free_port)
  peer_port=$(free_port)
  api_port=$(free_port)
  kubeconfig "$dir" "$api_port"
  local kubectl=("$bin/kubectl" --kubeconfig "$dir/kubeconfig")

  launch "$dir" etcd "$bin/etcd" --data-dir "$dir/etcd" --unsafe-no-fsync \
    --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
    --listen-peer-urls "http://127.0.0.1:$peer_port" --initial-advertise-peer-urls "http://127.0.0.1:$peer_port" \
    --initial-cluster "default=http://127.0.0.1:$peer_port" --listen-metrics-urls "" --log-level warn
  wait_for etcd 20 curl -sf "http://127.0.0.1:$etcd_port/health" || { tail -20 "$dir/logs/etcd.log" >&2; stop "$dir"; exit 1; }

  launch "$dir" kube-apiserver "$bin/kube-apiserver" --etcd-servers "http://127.0.0.1:$etcd_port" \
    --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$api_port" \
    --tls-cert-file "$dir/apiserver.crt" --tls-private-key-file "$dir/apiserver.key" --client-ca-file "$dir/ca.crt" \
    --service-account-issuer https://kubernetes.default.svc.cluster.local \
    --service-account-key-file "$dir/service-accounts.pub" --service-account-signing-key-file "$dir/service-accounts.key" \
    --service-cluster-ip-range 10.96.0.0/24 --authorization-mode Node,RBAC --allow-privileged=true \
    --endpoint-reconciler-type none
  wait_for kube-apiserver 60 "${kubectl[@]}" get --raw /readyz || { tail -20 "$dir/logs/kube-apiserver.log" >&2; stop "$dir"; exit 1; }

  launch "$dir" kube-controller-manager "$bin/kube-controller-manager" --kubeconfig "$dir/kubeconfig" \
    --leader-elect=false --secure-port 0 --root-ca-file "$dir/ca.crt" \
    --service-account-private-key-file "$dir/service-accounts.key" \
    --cluster-signing-cert-file "$dir/ca.crt" --cluster-signing-key-file "$dir/ca.key" \
    --node-monitor-period 5s --node-monitor-grace-period 40s
  launch "$dir" kube-scheduler "$bin/kube-scheduler" --kubeconfig "$dir/kubeconfig" --leader-elect=false --secure-port 0

  local kwok_dir stages=()
  kwok_dir=$(module_dir "$kwok_module")
  for stage in ${STAGES:-}; do
    stages+=(--config "$(cd "$(dirname "$stage")" && pwd)/$(basename "$stage")")
  done
  # The extra stages first: a weighted stage of theirs then wins over the defaults for the pods it selects.
  launch "$dir" kwok "$bin/kwok" --kubeconfig "$dir/kubeconfig" --manage-all-nodes=false \
    --manage-nodes-with-annotation-selector kwok.x-k8s.io/node=fake --node-ip 127.0.0.1 \
    --node-lease-duration-seconds 40 "${stages[@]}" --config "$kwok_dir/kustomize/stage/fast"

  topology | "${kubectl[@]}" apply -f - >/dev/null
  local gateway_dir eso_dir
  gateway_dir=$(module_dir "$gateway_api")
  eso_dir=$(module_dir "$external_secrets")
  "${kubectl[@]}" apply --server-side -f "$gateway_dir/config/crd/standard" >/dev/null
  for crd in externalsecrets secretstores clustersecretstores; do
    "${kubectl[@]}" apply --server-side -f "$eso_dir/config/crds/bases/external-secrets.io_$crd.yaml" >/dev/null
  done
  "${kubectl[@]}" wait --for condition=established --timeout 60s crd --all >/dev/null
  wait_for "the nodes" 60 bash -c "[ \"\$('$bin/kubectl' --kubeconfig '$dir/kubeconfig' get nodes --no-headers 2>/dev/null | grep -c ' Ready ')\" = 3 ]" \
    || { tail -20 "$dir/logs/kwok.log" >&2; stop "$dir"; exit 1; }
  if [ "$(live_pids "$dir" | wc -l)" != "$(wc -l <"$dir/pids")" ]; then
    echo "a program of the cluster exited; the logs are in $dir/logs:" >&2
    tail -5 "$dir"/logs/*.log >&2
    stop "$dir"
    exit 1
  fi
  trap - ERR
  say "cluster up in $((SECONDS - started)) s: 3 nodes (zone-a, zone-b, zone-c), 12 volumes, Gateway API and External Secrets CRDs"
  echo "export KUBECONFIG=$dir/kubeconfig"
}

stop() {
  local dir=$1
  [ -f "$dir/pids" ] || { echo "no cluster was started in $dir" >&2; return 0; }
  local pid pids=()
  # The last started first: nodes, scheduler, controllers, then the API server, then etcd.
  for pid in $(live_pids "$dir"); do pids=("$pid" "${pids[@]}"); done
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -f "$dir/pids"
  say "cluster in $dir stopped"
}

command=${1:-}
dir=${2:-$here/target/cluster}
case "$command" in
  build) build ;;
  start) start "$dir" ;;
  stop) stop "$dir" ;;
  *) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
