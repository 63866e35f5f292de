#!/usr/bin/env bash
# engines.sh start|stop|status|env|start-tls|stop-tls|registry|stop-registry: two local Docker engines that stand for two
# hosts, and a third one reached only over TLS, for cccf-docker's integration tests and for trying
# `cccf inspect` by hand.
#
# Each engine ("h1", "h2") has its own socket, data root, exec root, pidfile and bridge under
# the state dir ($CCCF_ENGINES_DIR, default /tmp/cccf-engines), and runs in its own network
# namespace (cccf-h1, cccf-h2) when the machine allows it, so both can publish the same host
# port as real separate hosts can. The unix sockets are reachable from everywhere. The hosts
# file $DIR/hosts.json lists them in the hosts format of docs/design.md; each engine holds the
# test image cccf/busybox:test, built locally from busybox-static (nothing is ever pulled).
#
# The TLS engine ("tls") listens only on tcp://127.0.0.1:$CCCF_TLS_PORT (default 23760) with
# --tlsverify: no unix socket. It runs in the host's network namespace (loopback is reachable
# from there only) with --iptables=false and a bridge of its own (cccfbrtls), and its own data
# root, exec root and pidfile under $DIR/tls. Its certificates are made with openssl at its first
# start, under $DIR/tls: ca/ (the CA), server/, client/ (ca.pem, cert.pem, key.pem: a
# DOCKER_CERT_PATH), rogue/ (a client of another CA, which the engine must refuse), and url.
#
# An sshd on ssh://root@127.0.0.1:$CCCF_SSH_PORT (default 23722) reaches the TLS engine the
# way the docker CLI reaches engines over ssh ("ssh HOST docker system dial-stdio"): its own
# config, host key and pidfile under $DIR/ssh, key logins only (client_key), and the TLS engine's
# DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH set for its sessions. $DIR/ssh/ssh_config
# is the client side (the key, the known host): "ssh -F $DIR/ssh/ssh_config".
#
# A registry (Debian's docker-registry, distribution 2.8) on 127.0.0.1:$CCCF_REGISTRY_PORT (default
# 23750) with htpasswd auth: user "cccf", a password made at its first start ($DIR/registry/password),
# its storage, config, log and pidfile under $DIR/registry, and $DIR/registry/url. On loopback, the
# TLS engine (in the host's namespace) reaches it, over plain HTTP as dockerd allows for 127.0.0.0/8.
#
#   start      install docker.io, busybox-static, openssl, openssh-server, docker-registry and
#              apache2-utils when missing, start the three engines, the sshd and the registry
#              (idempotent); an engine whose dockerd was killed is started as after a reboot:
#              what the killed one left (its containers, their shims, its mounts) is ended first
#   registry   start the registry alone
#   start-tls  start the TLS engine and the sshd alone (e.g. next to engines started elsewhere)
#   stop       stop the engines this script started (by their recorded pids), remove bridges
#              and namespaces
#   stop-tls   stop the TLS engine and the sshd alone
#   stop-registry  stop the registry alone
#   status     exit 0 when the three engines and the sshd answer, 1 otherwise
#   swarm      make h1 and h2 a swarm (h1 the manager, h2 a worker; node labels zone and
#              cccf.host), starting them when needed; $DIR/swarm.json describes it (idempotent)
#   leave-swarm  h2 then h1 leave the swarm (stop does it too)
#   env        print CCCF_TEST_HOSTS=<hosts file>, CCCF_TEST_TLS=<the TLS engine's folder>,
#              CCCF_TEST_SSH=<the sshd's folder>, CCCF_TEST_SWARM=<the swarm's description> and
#              CCCF_TEST_REGISTRY=<the registry's folder>
#
# Needs root. Only processes of these engines are ever signalled: the pids this script recorded,
# the dockerd an engine's own pidfile names, and the shims whose arguments name an engine's socket.
set -euo pipefail

# Several independent sets of engines can run side by side: CCCF_ENGINES_ID=N (0 to 9, default
# 0) gives a set its own state dir, namespaces, bridges, subnets and ports.
ID="${CCCF_ENGINES_ID:-0}"
[[ "$ID" =~ ^[0-9]$ ]] || { echo "engines: error: CCCF_ENGINES_ID must be a digit, not \"$ID\"" >&2; exit 2; }
if [ "$ID" = 0 ]; then TAG=""; else TAG="$ID"; fi
if [ "$ID" = 0 ]; then DEFAULT_DIR=/tmp/cccf-engines; else DEFAULT_DIR="/tmp/cccf-engines-$ID"; fi
DIR="${CCCF_ENGINES_DIR:-$DEFAULT_DIR}"
HOSTS=(h1 h2)
TLS_PORT="${CCCF_TLS_PORT:-$((23760 + 100 * ID))}"
SSH_PORT="${CCCF_SSH_PORT:-$((23722 + 100 * ID))}"
REGISTRY_PORT="${CCCF_REGISTRY_PORT:-$((23750 + 100 * ID))}"
# The link between the engines' namespaces: a bridge in the host's namespace (LINK_BRIDGE) with
# LINK_NET.254, and one veth per engine with LINK_NET.<index> in the engine's namespace: the
# address where the other hosts (and the host itself) reach that engine's published ports.
LINK_NET="10.$((200 + ID)).0"
LINK_BRIDGE="cccf${TAG}link"
IMAGE="cccf/busybox:test"
WAIT_SECONDS="${CCCF_ENGINES_WAIT:-60}"

say() { echo "engines: $*" >&2; }
die() { echo "engines: error: $*" >&2; exit 1; }

index_of() { # h1 -> 1, tls -> 9
  if [ "$1" = tls ]; then echo 9; else echo "${1#h}"; fi
}
sock() { echo "$DIR/$1/docker.sock"; }
url() {
  if [ "$1" = tls ]; then echo "tcp://127.0.0.1:$TLS_PORT"; else echo "unix://$(sock "$1")"; fi
}
bridge() { if [ "$1" = tls ]; then echo "cccf${TAG}brtls"; else echo "cccf${TAG}br$(index_of "$1")"; fi; }
netns() { echo "cccf${TAG}-$1"; }
subnet_ip() { echo "172.$((31 - ID)).$(index_of "$1").1/24"; }
link_address() { echo "$LINK_NET.$(index_of "$1")"; }
dockercli() {
  local h="$1"; shift
  if [ "$h" = tls ]; then
    local c="$DIR/tls/client"
    docker -H "$(url tls)" --tlsverify --tlscacert "$c/ca.pem" --tlscert "$c/cert.pem" --tlskey "$c/key.pem" "$@"
  else
    docker -H "$(url "$h")" "$@"
  fi
}

answers() { dockercli "$1" info >/dev/null 2>&1; }

# pid $1 exists, a zombie included: a killed dockerd (or its containerd) is not gone until it has
# been reaped, and a new dockerd takes a pidfile's zombie for a running process
alive() {
  kill -0 "$1" 2>/dev/null
}

# process $1 runs: alive and not a zombie (one that has exited and waits for its parent to reap
# it; an orphaned shim's parent is the machine's init, which can take seconds)
running() {
  local s
  s="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  s="${s##*) }"
  [ "${s%% *}" != Z ]
}

# process $1 has the argument $2, exactly
has_arg() {
  tr '\0' '\n' 2>/dev/null < "/proc/$1/cmdline" | grep -qxF -- "$2"
}

recorded_pid() { # the pid this script started for host $1, if that process still runs
  local f="$DIR/$1/started.pid" p
  [ -f "$f" ] || return 1
  p="$(cat "$f")"
  [[ "$p" =~ ^[0-9]+$ ]] && alive "$p" && { echo "$p"; return 0; }
  return 1
}

ensure_packages() {
  local missing=()
  command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
  command -v docker >/dev/null 2>&1 || missing+=(docker.io)
  [ -x /bin/busybox ] || [ -x /usr/bin/busybox ] || missing+=(busybox-static)
  command -v nsenter >/dev/null 2>&1 || missing+=(util-linux)
  command -v ip >/dev/null 2>&1 || missing+=(iproute2)
  command -v openssl >/dev/null 2>&1 || missing+=(openssl)
  [ -x /usr/sbin/sshd ] || missing+=(openssh-server)
  command -v ssh >/dev/null 2>&1 || missing+=(openssh-client)
  command -v docker-registry >/dev/null 2>&1 || missing+=(docker-registry)
  command -v htpasswd >/dev/null 2>&1 || missing+=(apache2-utils)
  if [ "${#missing[@]}" -gt 0 ]; then
    say "installing ${missing[*]} with apt-get"
    [ "$(id -u)" = 0 ] || die "installing packages needs root"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    # shellcheck disable=SC2046
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(printf '%s\n' "${missing[@]}" | sort -u) >&2
  fi
}

busybox_path() {
  local b
  for b in /bin/busybox /usr/bin/busybox; do
    [ -x "$b" ] && { echo "$b"; return 0; }
  done
  die "busybox not found (apt-get install busybox-static)"
}

# The network namespace of an engine, made once; "none" when namespaces cannot be used here.
ensure_netns() {
  local h="$1" ns
  ns="$(netns "$h")"
  if [ "$(cat "$DIR/$h/netns" 2>/dev/null)" = none ]; then
    echo none
    return
  fi
  if ip netns list 2>/dev/null | grep -qw "$ns" || ip netns add "$ns" 2>/dev/null; then
    if ip netns exec "$ns" ip link set lo up 2>/dev/null; then
      echo "$ns" > "$DIR/$h/netns"
      echo "$ns"
      return
    fi
    ip netns del "$ns" 2>/dev/null || true
  fi
  say "network namespaces are not available: $h shares the host's network (host ports are shared by both engines)"
  echo none > "$DIR/$h/netns"
  echo none
}

in_ns() { # run a command in the network namespace $1 ("none": here)
  local ns="$1"; shift
  if [ "$ns" = none ]; then "$@"; else ip netns exec "$ns" "$@"; fi
}

ensure_bridge() {
  local h="$1" ns="$2" br
  br="$(bridge "$h")"
  if ! in_ns "$ns" ip link show "$br" >/dev/null 2>&1; then
    in_ns "$ns" ip link add "$br" type bridge
    in_ns "$ns" ip addr add "$(subnet_ip "$h")" dev "$br"
  fi
  in_ns "$ns" ip link set "$br" up
}

# The engine's end of the link between the hosts (see LINK_NET): made once per namespace.
ensure_link() {
  local h="$1" ns="$2" i outer
  [ "$ns" = none ] && return
  i="$(index_of "$h")"
  outer="cccf${TAG}v$i"
  if ! ip link show "$LINK_BRIDGE" >/dev/null 2>&1; then
    ip link add "$LINK_BRIDGE" type bridge
    ip addr add "$LINK_NET.254/24" dev "$LINK_BRIDGE"
  fi
  ip link set "$LINK_BRIDGE" up
  if ! in_ns "$ns" ip link show link0 >/dev/null 2>&1; then
    ip link del "$outer" 2>/dev/null || true
    ip link add "$outer" type veth peer name link0 netns "$ns"
    ip link set "$outer" master "$LINK_BRIDGE" up
    in_ns "$ns" ip addr add "$(link_address "$h")/24" dev link0
  fi
  in_ns "$ns" ip link set link0 up
}

# One key and certificate into the folder $1 (key.pem, cert.pem; ca.pem too when signed): signed
# by the CA in the folder $2, or self-signed (a CA) when $2 is empty; subject $3, X.509 v3
# extensions $4 (printf %b text), key algorithm $5 (EC P-256 unless "RSA").
issue() {
  local d="$1" ca="$2" subject="$3" ext="$4" alg="${5:-EC}"
  mkdir -p "$d"
  if [ "$alg" = RSA ]; then
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$d/key.pem" 2>/dev/null
  else
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$d/key.pem" 2>/dev/null
  fi
  printf '%b' "$ext" > "$d/ext.cnf"
  if [ -z "$ca" ]; then
    printf '[req]\ndistinguished_name=dn\n[dn]\n[v3]\n%b' "$ext" > "$d/req.cnf"
    openssl req -x509 -new -key "$d/key.pem" -subj "$subject" -days 30 -sha256 \
      -config "$d/req.cnf" -extensions v3 -out "$d/cert.pem"
    rm -f "$d/req.cnf"
  else
    openssl req -new -key "$d/key.pem" -subj "$subject" -out "$d/req.csr"
    openssl x509 -req -in "$d/req.csr" -CA "$ca/cert.pem" -CAkey "$ca/key.pem" -set_serial "0x$(openssl rand -hex 8)" \
      -days 30 -sha256 -extfile "$d/ext.cnf" -out "$d/cert.pem" 2>/dev/null
    rm -f "$d/req.csr"
    cp "$ca/cert.pem" "$d/ca.pem"
  fi
  rm -f "$d/ext.cnf"
  chmod 600 "$d/key.pem"
}

# The TLS engine's certificates, made once (kept until its folder is removed): a CA; the
# engine's (for IP 127.0.0.1 only); a client's (clientAuth) in DOCKER_CERT_PATH form; and a
# client of another CA.
ensure_certs() {
  local d="$DIR/tls"
  [ -s "$d/client/key.pem" ] && [ -s "$d/server/cert.pem" ] && [ -s "$d/rogue/cert.pem" ] && return
  say "making the TLS engine's certificates under $d"
  rm -rf "$d/ca" "$d/server" "$d/client" "$d/rogue-ca" "$d/rogue"
  local ca_ext='basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n'
  issue "$d/ca" "" "/CN=cccf test CA" "$ca_ext"
  issue "$d/server" "$d/ca" "/CN=127.0.0.1" \
    'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n'
  issue "$d/client" "$d/ca" "/CN=cccf test client" \
    'extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n' RSA # as docker's docs make it
  issue "$d/rogue-ca" "" "/CN=cccf rogue CA" "$ca_ext"
  issue "$d/rogue" "$d/rogue-ca" "/CN=cccf rogue client" 'extendedKeyUsage=clientAuth\n'
}

# how dockerd listens: a unix socket, or (tls) only TCP on loopback with client certificates
listen_args() {
  local h="$1"
  if [ "$h" = tls ]; then
    local s="$DIR/tls/server"
    echo "-H" "$(url tls)" --tlsverify --tlscacert "$s/ca.pem" --tlscert "$s/cert.pem" --tlskey "$s/key.pem"
  else
    echo "-H" "$(url "$h")"
  fi
}

start_engine() {
  local h="$1" ns pid
  mkdir -p "$DIR/$h"
  if answers "$h"; then
    say "$h already answers at $(url "$h")"
    return
  fi
  if pid="$(recorded_pid "$h")"; then
    # either a dockerd that is still starting (answers soon) or one that was killed and is
    # still exiting (gone soon, then a new one is started): wait for one or the other
    say "$h (pid $pid) runs but does not answer: waiting for it to answer or to exit"
    local until=$((SECONDS + WAIT_SECONDS))
    while alive "$pid" && ! answers "$h"; do
      [ "$SECONDS" -lt "$until" ] || die "$h (pid $pid) neither answers nor exits; log: $DIR/$h/dockerd.log"
      sleep 0.2
    done
    if answers "$h"; then
      say "$h answers"
      return
    fi
    say "$h (pid $pid) has exited"
  fi
  wait_gone "$h"
  # A dockerd killed in the middle of a create or start leaves containers that run on without it
  # (their shims outlive it) and that the next dockerd does not know: on the bridge, each keeps
  # its address and MAC, which the next dockerd hands out again, so two containers answer one
  # address (a link to the new one reaches the leftover: "Connection refused"). End them, as a
  # reboot of the host would; the next dockerd finds its own containers stopped either way.
  reap "$h"
  if [ "$h" = tls ]; then
    ns=none # loopback is reachable from the host's namespace only
    echo none > "$DIR/$h/netns"
    ensure_certs
  else
    ns="$(ensure_netns "$h")"
  fi
  ensure_bridge "$h" "$ns"
  ensure_link "$h" "$ns"
  rm -f "$(sock "$h")"
  # shellcheck disable=SC2046 # listen_args prints words without blanks (the state dir has none)
  # In a namespace of its own an engine manages that namespace's iptables as on a real host
  # (published ports, masquerading containers' traffic to the other hosts); in the host's
  # namespace it leaves the host's firewall alone.
  local fw=(--iptables=false --ip-masq=false)
  [ "$ns" = none ] || fw=(--iptables=true --ip-masq=true)
  local cmd=(dockerd $(listen_args "$h") --data-root "$DIR/$h/data" --exec-root "$DIR/$h/exec"
    --pidfile "$DIR/$h/docker.pid" --bridge="$(bridge "$h")" "${fw[@]}" --shutdown-timeout 2)
  say "starting $h ($(url "$h"), bridge $(bridge "$h"), netns $ns)"
  if [ "$ns" = none ]; then
    setsid "${cmd[@]}" >> "$DIR/$h/dockerd.log" 2>&1 < /dev/null &
  else
    # nsenter joins only the network namespace (ip netns exec would also remount /sys,
    # hiding the cgroup mounts dockerd needs)
    setsid nsenter --net="/run/netns/$ns" "${cmd[@]}" >> "$DIR/$h/dockerd.log" 2>&1 < /dev/null &
  fi
  echo $! > "$DIR/$h/started.pid"
  local deadline=$((SECONDS + WAIT_SECONDS))
  until answers "$h"; do
    if ! recorded_pid "$h" >/dev/null; then
      tail -n 20 "$DIR/$h/dockerd.log" >&2 || true
      die "$h: dockerd exited; its log is $DIR/$h/dockerd.log"
    fi
    [ "$SECONDS" -lt "$deadline" ] || die "$h did not answer at $(url "$h") within ${WAIT_SECONDS}s; log: $DIR/$h/dockerd.log"
    sleep 0.5
  done
  say "$h answers"
}

# pid $2 is the containerd of engine $1 that no dockerd answers for: running with this engine's
# config, or a zombie called containerd (a zombie has no command line left)
is_our_containerd() {
  local h="$1" p="$2"
  answers "$h" && return 1
  tr '\0' ' ' 2>/dev/null < "/proc/$p/cmdline" | grep -qF "$DIR/$h/exec/containerd/" && return 0
  [ "$(awk '{print $2, $3}' "/proc/$p/stat" 2>/dev/null)" = "(containerd) Z" ]
}

# A dockerd that was stopped must be gone (and its pidfile with it) before a new one starts.
wait_gone() {
  local h="$1" p i
  p="$(cat "$DIR/$h/started.pid" 2>/dev/null || true)"
  if [[ "$p" =~ ^[0-9]+$ ]]; then
    for i in $(seq 1 100); do
      alive "$p" || break
      sleep 0.2
    done
    alive "$p" && die "$h: the old dockerd (pid $p) is still running"
  fi
  # the containerd a killed dockerd started is killed with it (its parent-death signal) but may
  # still be exiting: a new dockerd would take it for running, wait for it and give up
  p="$(cat "$DIR/$h/exec/containerd/containerd.pid" 2>/dev/null || true)"
  if [[ "$p" =~ ^[0-9]+$ ]] && is_our_containerd "$h" "$p"; then
    for i in $(seq 1 100); do
      alive "$p" || break
      sleep 0.2
    done
    alive "$p" && say "$h: the old containerd (pid $p) is still there"
  fi
  if [ -f "$DIR/$h/docker.pid" ]; then
    p="$(cat "$DIR/$h/docker.pid")"
    if [[ "$p" =~ ^[0-9]+$ ]] && alive "$p"; then
      die "$h: a dockerd (pid $p) not started by this script holds $DIR/$h/docker.pid"
    fi
    rm -f "$DIR/$h/docker.pid"
  fi
}

build_rootfs() {
  local root="$DIR/image-root" bb a
  [ -x "$root/bin/busybox" ] && { echo "$root"; return; }
  bb="$(busybox_path)"
  rm -rf "$root"
  mkdir -p "$root/bin" "$root/etc" "$root/tmp" "$root/www"
  cp "$bb" "$root/bin/busybox"
  for a in $("$bb" --list); do
    [ "$a" = busybox ] || ln -sf busybox "$root/bin/$a"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' > "$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' > "$root/etc/group"
  echo "cccf test image" > "$root/www/index.html"
  chmod 1777 "$root/tmp"
  echo "$root"
}

ensure_image() {
  local h="$1" root
  if dockercli "$h" image inspect "$IMAGE" >/dev/null 2>&1; then
    return
  fi
  root="$(build_rootfs)"
  say "importing $IMAGE into $h"
  # the image's own defaults (env, cmd, workdir) are what `cccf inspect` must strip again
  tar -C "$root" -c . | dockercli "$h" import \
    --change 'ENV PATH=/bin' \
    --change 'ENV CCCF_IMAGE=busybox-test' \
    --change 'WORKDIR /' \
    --change 'CMD ["sleep","3600"]' \
    - "$IMAGE" >/dev/null
}

write_hosts() {
  local tmp="$DIR/hosts.json.tmp"
  {
    echo "["
    local first=1 h
    for h in "${HOSTS[@]}"; do
      [ "$first" = 1 ] || echo ","
      first=0
      printf '  {"id": "%s", "docker": "%s", "labels": {"engine": "local"}}' "$h" "$(url "$h")"
    done
    echo
    echo "]"
  } > "$tmp"
  mv "$tmp" "$DIR/hosts.json"
  for h in "${HOSTS[@]}"; do
    if [ "$(cat "$DIR/$h/netns" 2>/dev/null)" = none ]; then echo "$h none"; else echo "$h $(link_address "$h")"; fi
  done > "$DIR/addresses"
}

cmd_start() {
  [ "$(id -u)" = 0 ] || die "start needs root (it runs dockerd)"
  ensure_packages
  mkdir -p "$DIR"
  local h
  for h in "${HOSTS[@]}"; do
    start_engine "$h"
  done
  for h in "${HOSTS[@]}"; do
    ensure_image "$h"
  done
  write_hosts
  start_tls
  start_ssh
  start_registry
  say "ready; hosts file: $DIR/hosts.json; TLS engine: $(url tls) (certificates in $DIR/tls/client);" \
    "registry: $(cat "$DIR/registry/url")"
}

start_tls() {
  mkdir -p "$DIR/tls"
  start_engine tls
  ensure_image tls
  url tls > "$DIR/tls/url"
}

cmd_start_tls() {
  [ "$(id -u)" = 0 ] || die "start-tls needs root (it runs dockerd)"
  ensure_packages
  start_tls
  start_ssh
  say "ready; TLS engine: $(url tls) (certificates in $DIR/tls/client); $(cat "$DIR/ssh/url") reaches it"
}

started_pid() { # the pid in pidfile $1, if that process still runs with $2 among its arguments
  local p
  p="$(cat "$1" 2>/dev/null || true)"
  [[ "$p" =~ ^[0-9]+$ ]] && alive "$p" && tr '\0' ' ' < "/proc/$p/cmdline" 2>/dev/null | grep -qF "$2" &&
    { echo "$p"; return 0; }
  return 1
}

port_answers() { # 127.0.0.1:$1 accepts connections
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

wait_for() { # runs "$@" every 0.1 s until it succeeds, 5 s at most; its last status
  local i
  for i in $(seq 1 50); do
    "$@" && return 0
    sleep 0.1
  done
  "$@"
}

ssh_pid() { started_pid "$DIR/ssh/sshd.pid" "$DIR/ssh/sshd_config"; } # the sshd this script started
ssh_answers() { port_answers "$SSH_PORT"; }

# An sshd of its own on a loopback port, whose sessions reach the TLS engine.
start_ssh() {
  local d="$DIR/ssh"
  mkdir -p "$d" /run/sshd
  chmod 700 "$d"
  [ -s "$d/host_key" ] || ssh-keygen -q -t ed25519 -N '' -C cccf-test-host -f "$d/host_key"
  [ -s "$d/client_key" ] || ssh-keygen -q -t ed25519 -N '' -C cccf-test-client -f "$d/client_key"
  cp "$d/client_key.pub" "$d/authorized_keys"
  printf '%s\n' "Port $SSH_PORT" "ListenAddress 127.0.0.1" "HostKey $d/host_key" "PidFile $d/sshd.pid" \
    "AuthorizedKeysFile $d/authorized_keys" "PermitRootLogin prohibit-password" "PasswordAuthentication no" \
    "KbdInteractiveAuthentication no" "UsePAM no" "StrictModes no" \
    "SetEnv DOCKER_HOST=$(url tls) DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH=$DIR/tls/client" > "$d/sshd_config"
  printf '[127.0.0.1]:%s %s\n' "$SSH_PORT" "$(cut -d' ' -f1,2 "$d/host_key.pub")" > "$d/known_hosts"
  printf '%s\n' "Host 127.0.0.1" "  IdentityFile $d/client_key" "  IdentitiesOnly yes" \
    "  UserKnownHostsFile $d/known_hosts" "  StrictHostKeyChecking yes" "  BatchMode yes" > "$d/ssh_config"
  if ssh_pid >/dev/null; then
    say "sshd already runs (pid $(ssh_pid))"
  else
    say "starting sshd on 127.0.0.1:$SSH_PORT"
    /usr/sbin/sshd -f "$d/sshd_config" -E "$d/sshd.log" || die "sshd did not start; log: $d/sshd.log"
    wait_for ssh_answers || die "sshd does not answer on 127.0.0.1:$SSH_PORT; log: $d/sshd.log"
  fi
  echo "ssh://root@127.0.0.1:$SSH_PORT" > "$d/url"
}

# Stops a process this script started and recorded: $1 names it, $2 is the function that prints
# its pid while it runs; then removes the files $3... (its url and pidfile).
stop_recorded() {
  local what="$1" pid_of="$2" p
  shift 2
  if p="$("$pid_of")"; then
    say "stopping $what (pid $p)"
    kill -TERM "$p" 2>/dev/null || true
  fi
  rm -f "$@"
}

stop_ssh() { stop_recorded sshd ssh_pid "$DIR/ssh/url" "$DIR/ssh/sshd.pid"; }

registry_pid() { started_pid "$DIR/registry/registry.pid" "$DIR/registry/config.yml"; } # the registry this script started
registry_answers() { port_answers "$REGISTRY_PORT"; }

# A registry of its own on a loopback port, with htpasswd auth (user cccf, the password in $d/password).
start_registry() {
  local d="$DIR/registry"
  mkdir -p "$d/data"
  chmod 700 "$d"
  [ -s "$d/password" ] || openssl rand -hex 12 > "$d/password"
  echo cccf > "$d/user"
  htpasswd -Bbc "$d/htpasswd" cccf "$(cat "$d/password")" 2>/dev/null
  printf '%s\n' "version: 0.1" "log:" "  level: warn" "storage:" "  filesystem:" "    rootdirectory: $d/data" \
    "  delete:" "    enabled: true" "http:" "  addr: 127.0.0.1:$REGISTRY_PORT" "auth:" "  htpasswd:" \
    "    realm: cccf-test" "    path: $d/htpasswd" > "$d/config.yml"
  if registry_pid >/dev/null; then
    say "registry already runs (pid $(registry_pid))"
  else
    say "starting the registry on 127.0.0.1:$REGISTRY_PORT"
    setsid docker-registry serve "$d/config.yml" > "$d/registry.log" 2>&1 < /dev/null &
    echo $! > "$d/registry.pid"
    wait_for registry_answers || die "the registry does not answer on 127.0.0.1:$REGISTRY_PORT; log: $d/registry.log"
  fi
  echo "http://127.0.0.1:$REGISTRY_PORT" > "$d/url"
}

stop_registry() { stop_recorded "the registry" registry_pid "$DIR/registry/url" "$DIR/registry/registry.pid"; }

cmd_registry() {
  [ "$(id -u)" = 0 ] || die "registry needs root (it may install docker-registry)"
  ensure_packages
  start_registry
  say "ready; registry: $(cat "$DIR/registry/url") (user cccf, password in $DIR/registry/password)"
}

# The pids of the containerd shims of engine $1: a shim outlives a killed dockerd (and its
# containerd), keeping its container's processes alive. Ours are those whose -address is this
# engine's containerd socket, under $DIR: no other process names that path.
our_shims() {
  local address="$DIR/$1/exec/containerd/containerd.sock"
  # one grep over every command line (NUL-separated arguments, each a line with -z); the address
  # comes from a file, so that grep's own command line does not name it
  grep -slzxF -f <(printf '%s\n' "$address") /proc/[0-9]*/cmdline | cut -d/ -f3 || true
}

# What an engine of ours leaves once its dockerd has gone: the containers' processes (killed and
# deleted through runc, by the state this engine's exec root holds), their shims (by pid), and
# the mounts under this engine's folder (the data root dockerd made private, a container's
# rootfs); deepest first.
reap() {
  local h="$1" root id pids p i m
  root="$DIR/$h/exec/runtime-runc/moby"
  if [ -d "$root" ] && command -v runc >/dev/null 2>&1; then
    for id in $(ls "$root" 2>/dev/null); do
      runc --root "$root" kill --all "$id" KILL >/dev/null 2>&1 || true
      runc --root "$root" delete --force "$id" >/dev/null 2>&1 || true
    done
  fi
  pids="$(our_shims "$h")"
  if [ -n "$pids" ]; then
    say "$h: ending $(echo "$pids" | wc -l) containerd shim(s) left by its engine"
    for p in $pids; do kill -TERM "$p" 2>/dev/null || true; done
    for i in $(seq 1 25); do
      local left=""
      for p in $pids; do running "$p" && left="$left $p"; done
      [ -z "$left" ] && break
      sleep 0.2
    done
    for p in $pids; do running "$p" && kill -KILL "$p" 2>/dev/null || true; done
  fi
  # mount points under this engine's folder, deepest first (octal escapes as /proc/mounts writes them)
  awk -v d="$DIR/$h/" '{ if (index($2, d) == 1 || $2 "/" == d) print $2 }' /proc/mounts | sort -r |
    while read -r m; do
      umount -l "$(printf '%b' "$m")" 2>/dev/null || say "$h: could not unmount $m"
    done
  return 0
}

# The dockerd of engine $1: the one this script recorded, or else the one whose pidfile in this
# engine's folder names a live dockerd of this engine's data root (a start that raced another
# start can leave started.pid naming a process that has gone while its dockerd runs on).
engine_pid() {
  local h="$1" p
  if p="$(recorded_pid "$h")"; then
    echo "$p"
    return 0
  fi
  p="$(cat "$DIR/$h/docker.pid" 2>/dev/null || true)"
  if [[ "$p" =~ ^[0-9]+$ ]] && alive "$p" && has_arg "$p" "$DIR/$h/data"; then
    echo "$p"
    return 0
  fi
  return 1
}

cmd_stop() {
  leave_swarm
  stop_registry
  stop_ssh
  stop_engines "${HOSTS[@]}" tls
  ip link show "$LINK_BRIDGE" >/dev/null 2>&1 && ip link del "$LINK_BRIDGE" || true
  rm -f "$DIR/hosts.json" "$DIR/addresses"
  say "stopped"
}

stop_engines() {
  local h p ns br
  declare -A stopping=()
  for h in "$@"; do
    [ -d "$DIR/$h" ] || continue
    if p="$(engine_pid "$h")"; then
      stopping[$h]="$p"
      # dockerd would give each running container 10s to stop: give them 1s first
      local running
      running="$(dockercli "$h" ps -q 2>/dev/null || true)"
      # shellcheck disable=SC2086
      [ -z "$running" ] || dockercli "$h" stop -t 1 $running >/dev/null 2>&1 || true
      say "stopping $h (pid $p)"
      kill -TERM "$p" 2>/dev/null || true
    fi
  done
  for h in "$@"; do
    [ -d "$DIR/$h" ] || continue
    p="${stopping[$h]:-}"
    if [ -n "$p" ]; then
      local i
      for i in $(seq 1 150); do
        alive "$p" || break
        sleep 0.2
      done
      if alive "$p"; then
        say "$h (pid $p) did not stop within 30s; sending KILL"
        kill -KILL "$p" 2>/dev/null || true
        sleep 1
      fi
    fi
    reap "$h"
    rm -f "$DIR/$h/started.pid" "$DIR/$h/docker.pid" "$(sock "$h")"
    ns="$(cat "$DIR/$h/netns" 2>/dev/null || echo none)"
    br="$(bridge "$h")"
    if [ "$ns" = none ]; then
      ip link show "$br" >/dev/null 2>&1 && ip link del "$br" || true
    else
      ip netns del "$ns" 2>/dev/null || true # its bridge goes with it
    fi
    rm -f "$DIR/$h/netns" "$DIR/$h/url"
  done
}

# A swarm of the two hosts: h1 the manager (swarm init, advertised on its link address), h2 a
# worker that joins it; node labels "zone" (a on h1, b on h2) and "cccf.host" (h1, h2) for
# constraint tests. $DIR/swarm.json tells the tests the manager, the worker, each node's id,
# labels and address, the file holding the worker's dockerd pid (the one this script started)
# and the command that restarts an engine. Idempotent: a swarm already made is kept.
cmd_swarm() {
  [ "$(id -u)" = 0 ] || die "swarm needs root (it runs dockerd)"
  local h
  for h in "${HOSTS[@]}"; do
    answers "$h" || start_engine "$h"
    ensure_image "$h"
    [ "$(cat "$DIR/$h/netns" 2>/dev/null)" != none ] ||
      die "a swarm needs the hosts in network namespaces of their own, linked (this machine has no network namespaces)"
  done
  write_hosts
  local manager="$(link_address h1)" worker="$(link_address h2)"
  local state1 state2 nodes
  state1="$(dockercli h1 info --format '{{.Swarm.LocalNodeState}}/{{.Swarm.ControlAvailable}}' 2>/dev/null || true)"
  state2="$(dockercli h2 info --format '{{.Swarm.LocalNodeState}}/{{.Swarm.ControlAvailable}}' 2>/dev/null || true)"
  nodes="$(dockercli h1 node ls -q 2>/dev/null | wc -l || true)"
  if [ "$state1" = active/true ] && [ "$state2" = active/false ] && [ "$nodes" = 2 ]; then
    say "swarm already made: h1 manager ($manager), h2 worker ($worker)"
  else
    say "making a swarm: h1 manager on $manager, h2 worker on $worker"
    dockercli h2 swarm leave --force >/dev/null 2>&1 || true
    dockercli h1 swarm leave --force >/dev/null 2>&1 || true
    dockercli h1 swarm init --advertise-addr "$manager" --listen-addr "$manager:2377"       --task-history-limit 2 >/dev/null || die "swarm init on h1 failed; log: $DIR/h1/dockerd.log"
    local token
    token="$(dockercli h1 swarm join-token -q worker)"
    dockercli h2 swarm join --token "$token" --advertise-addr "$worker" --listen-addr "$worker:2377" "$manager:2377" >/dev/null ||
      die "h2 could not join the swarm; log: $DIR/h2/dockerd.log"
  fi
  local id1 id2 i
  id1="$(dockercli h1 info --format '{{.Swarm.NodeID}}')"
  id2="$(dockercli h2 info --format '{{.Swarm.NodeID}}')"
  for i in $(seq 1 60); do
    [ "$(dockercli h1 node inspect --format '{{.Status.State}}' "$id2" 2>/dev/null)" = ready ] && break
    sleep 0.5
  done
  dockercli h1 node update --label-add zone=a --label-add cccf.host=h1 "$id1" >/dev/null
  dockercli h1 node update --label-add zone=b --label-add cccf.host=h2 "$id2" >/dev/null
  local tmp="$DIR/swarm.json.tmp"
  printf '{"manager": "%s", "worker": "%s", "workerPidFile": "%s",
' "$(url h1)" "$(url h2)" "$DIR/h2/started.pid" > "$tmp"
  printf ' "restart": ["env", "CCCF_ENGINES_ID=%s", "CCCF_ENGINES_DIR=%s", "%s", "swarm"],
' "$ID" "$DIR" "$(realpath "$0")" >> "$tmp"
  printf ' "nodes": [{"host": "h1", "id": "%s", "address": "%s", "labels": {"zone": "a", "cccf.host": "h1"}},
' "$id1" "$manager" >> "$tmp"
  printf '           {"host": "h2", "id": "%s", "address": "%s", "labels": {"zone": "b", "cccf.host": "h2"}}]}
' "$id2" "$worker" >> "$tmp"
  mv "$tmp" "$DIR/swarm.json"
  say "swarm ready: manager $(url h1); $DIR/swarm.json"
}

# Leaves the swarm (worker first), so that the engines stop without a swarm to come back to.
leave_swarm() {
  [ -f "$DIR/swarm.json" ] || return 0
  local h
  for h in h2 h1; do
    if answers "$h"; then
      dockercli "$h" swarm leave --force >/dev/null 2>&1 || true
    fi
  done
  rm -f "$DIR/swarm.json"
  say "left the swarm"
}

cmd_status() {
  local h ok=0
  for h in "${HOSTS[@]}" tls; do
    if answers "$h"; then
      echo "$h: up ($(url "$h"))"
    else
      echo "$h: down ($(url "$h"))"
      ok=1
    fi
  done
  if ssh_pid >/dev/null && ssh_answers; then
    echo "sshd: up (ssh://root@127.0.0.1:$SSH_PORT)"
  else
    echo "sshd: down (ssh://root@127.0.0.1:$SSH_PORT)"
    ok=1
  fi
  if registry_pid >/dev/null && registry_answers; then
    echo "registry: up (http://127.0.0.1:$REGISTRY_PORT)"
  else
    echo "registry: down (http://127.0.0.1:$REGISTRY_PORT)"
    ok=1
  fi
  return "$ok"
}

case "${1:-}" in
  start) cmd_start ;;
  start-tls) cmd_start_tls ;;
  stop) cmd_stop ;;
  stop-tls) stop_ssh; stop_engines tls; say "stopped tls" ;;
  registry) cmd_registry ;;
  stop-registry) stop_registry; say "stopped the registry" ;;
  status) cmd_status ;;
  swarm) cmd_swarm ;;
  leave-swarm) leave_swarm ;;
  # CCCF_ENGINES_ID and CCCF_ENGINES_DIR too: a test that restarts a killed engine (engines.sh start)
  # then restarts this set, not the default one
  env) echo "export CCCF_TEST_HOSTS=$DIR/hosts.json"; echo "export CCCF_TEST_TLS=$DIR/tls"; echo "export CCCF_TEST_SSH=$DIR/ssh"
       echo "export CCCF_TEST_SWARM=$DIR/swarm.json"; echo "export CCCF_TEST_REGISTRY=$DIR/registry"; echo "export CCCF_ENGINES_ID=$ID"; echo "export CCCF_ENGINES_DIR=$DIR" ;;
  *) echo "Usage: $0 start|start-tls|registry|stop|stop-tls|stop-registry|status|swarm|leave-swarm|env" >&2; exit 2 ;;
esac
