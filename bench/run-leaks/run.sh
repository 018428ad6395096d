#!/usr/bin/env bash
# bench/run-leaks: N cycles (default 500) of `cais run --rm busybox true` against a daemon of
# its own, counting before and after what a leak would leave: mounts, cais cgroups, processes,
# the daemon's open file descriptors and threads, files under the exec root and containers.
# Exits 1 if any count grew. Usage (as root): bench/run-leaks/run.sh [CYCLES]
set -euo pipefail
cd "$(dirname "$0")/../.."
cycles=${1:-500}
[ -x artifacts/bin/cais ] || scripts/build.sh
cais=$(pwd)/artifacts/bin/cais
work=$(mktemp -d /tmp/cais-leaks.XXXXXX)
daemon_pid=
finish() {
  [ -z "$daemon_pid" ] || { kill "$daemon_pid" 2>/dev/null || true; wait "$daemon_pid" 2>/dev/null || true; }
  awk -v r="$work/" 'index($2, r) == 1 {print $2}' /proc/mounts | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  rm -rf "$work"
}
trap finish EXIT
"$cais" --data-root "$work/data" image bootstrap busybox >/dev/null
"$cais" daemon --root "$work/data" --exec-root "$work/exec" -H "unix://$work/cais.sock" >"$work/daemon.log" 2>&1 &
daemon_pid=$!
for _ in $(seq 100); do [ -S "$work/cais.sock" ] && break; sleep 0.05; done
c() { CAIS_NO_AUTOSTART=1 "$cais" -H "unix://$work/cais.sock" "$@"; }
c run --rm busybox true # warm up: the first run creates the daemon's lazily made state
counts() {
  echo "mounts $(grep -c . /proc/mounts)"
  echo "cais-cgroups $(find /sys/fs/cgroup -type d -path '*/cais/*' 2>/dev/null | wc -l)"
  echo "processes $(ls -d /proc/[0-9]* | wc -l)"
  echo "daemon-fds $(ls /proc/$daemon_pid/fd | wc -l)"
  echo "daemon-threads $(ls /proc/$daemon_pid/task | wc -l)"
  echo "exec-root-files $(find "$work/exec" -mindepth 1 -not -name cais.pid -not -name cais.sock -not -path '*/runtime' | wc -l)"
  echo "containers $(c ps -aq | wc -l)"
}
sleep 1
before=$(counts)
start=$(date +%s.%N)
for i in $(seq "$cycles"); do
  c run --rm busybox true || { echo "cycle $i failed"; exit 1; }
done
elapsed=$(echo "$(date +%s.%N) - $start" | bc)
sleep 2 # let the daemon's own tidy-up (connections, GC) settle
after=$(counts)
echo "$cycles cycles of run --rm in ${elapsed}s"
grew=0
while read -r name b; do
  a=$(echo "$after" | awk -v n="$name" '$1 == n {print $2}')
  # Threads and fds of a managed process breathe a little (thread pool, epoll); a leak grows with N.
  slack=0; case $name in daemon-threads|daemon-fds|processes) slack=8;; esac
  status=ok; [ "$a" -le $((b + slack)) ] || { status=LEAK; grew=1; }
  printf '%-16s before %6s  after %6s  %s\n' "$name" "$b" "$a" "$status"
done <<<"$before"
exit $grew
