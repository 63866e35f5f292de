#!/usr/bin/env bash
# engines.sh start|stop|status|env: two local Docker engines that stand for two hosts, for
# cccf-docker's integration tests and for trying `cccf inspect` by hand.
#
# Each engine ("h1", "h2") has its own socket, data root, exec root, pidfile and bridge under
# the state dir ($CCCF_ENGINES_DIR, default /tmp/cccf-engines), and runs in its own network
# namespace (cccf-h1, cccf-h2) when the machine allows it, so both can publish the same host
# port as real separate hosts can. The unix sockets are reachable from everywhere. The hosts
# file $DIR/hosts.json lists them in the hosts format of docs/design.md; each engine holds the
# test image cccf/busybox:test, built locally from busybox-static (nothing is ever pulled).
#
#   start   install docker.io and busybox-static when missing, start both engines (idempotent)
#   stop    stop the engines this script started (by their recorded pids), remove bridges and namespaces
#   status  exit 0 when both engines answer, 1 otherwise
#   env     print CCCF_TEST_HOSTS=<hosts file>
#
# Needs root. Only processes whose pids this script recorded are ever signalled.
set -euo pipefail

DIR="${CCCF_ENGINES_DIR:-/tmp/cccf-engines}"
HOSTS=(h1 h2)
IMAGE="cccf/busybox:test"
WAIT_SECONDS="${CCCF_ENGINES_WAIT:-60}"

say() { echo "engines: $*" >&2; }
die() { echo "engines: error: $*" >&2; exit 1; }

index_of() { # h1 -> 1
  echo "${1#h}"
}
sock() { echo "$DIR/$1/docker.sock"; }
url() { echo "unix://$(sock "$1")"; }
bridge() { echo "cccfbr$(index_of "$1")"; }
netns() { echo "cccf-$1"; }
subnet_ip() { echo "172.31.$(index_of "$1").1/24"; }
dockercli() { local h="$1"; shift; docker -H "$(url "$h")" "$@"; }

answers() { dockercli "$1" info >/dev/null 2>&1; }

# pid $1 exists, a zombie included: a killed dockerd (or its containerd) is not gone until it has
# been reaped, and a new dockerd takes a pidfile's zombie for a running process
alive() {
  kill -0 "$1" 2>/dev/null
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
  ns="$(ensure_netns "$h")"
  ensure_bridge "$h" "$ns"
  rm -f "$(sock "$h")"
  local cmd=(dockerd -H "$(url "$h")" --data-root "$DIR/$h/data" --exec-root "$DIR/$h/exec"
    --pidfile "$DIR/$h/docker.pid" --bridge="$(bridge "$h")" --iptables=false --ip-masq=false
    --shutdown-timeout 2)
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
  say "ready; hosts file: $DIR/hosts.json"
}

# The pids of the containerd shims of engine $1: a shim outlives a killed dockerd (and its
# containerd), keeping its container's processes alive. Ours are those whose -address is this
# engine's containerd socket, under $DIR: no other process names that path.
our_shims() {
  local h="$1" f p
  local address="$DIR/$h/exec/containerd/containerd.sock"
  for f in /proc/[0-9]*/cmdline; do
    p="${f#/proc/}"
    p="${p%/cmdline}"
    if tr '\0' '\n' 2>/dev/null < "$f" | grep -qxF -- "$address"; then
      echo "$p"
    fi
  done
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
      for p in $pids; do alive "$p" && left="$left $p"; done
      [ -z "$left" ] && break
      sleep 0.2
    done
    for p in $pids; do alive "$p" && kill -KILL "$p" 2>/dev/null || true; done
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
  if [[ "$p" =~ ^[0-9]+$ ]] && alive "$p" &&
    tr '\0' '\n' 2>/dev/null < "/proc/$p/cmdline" | grep -qxF -- "$DIR/$h/data"; then
    echo "$p"
    return 0
  fi
  return 1
}

cmd_stop() {
  local h p ns br
  declare -A stopping=()
  for h in "${HOSTS[@]}"; do
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
  for h in "${HOSTS[@]}"; do
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
    rm -f "$DIR/$h/netns"
  done
  rm -f "$DIR/hosts.json"
  say "stopped"
}

cmd_status() {
  local h ok=0
  for h in "${HOSTS[@]}"; do
    if answers "$h"; then
      echo "$h: up ($(url "$h"))"
    else
      echo "$h: down ($(url "$h"))"
      ok=1
    fi
  done
  return "$ok"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  env) echo "CCCF_TEST_HOSTS=$DIR/hosts.json" ;;
  *) echo "Usage: $0 start|stop|status|env" >&2; exit 2 ;;
esac
