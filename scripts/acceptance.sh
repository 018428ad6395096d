#!/usr/bin/env bash
# Runs shared/acceptance scenarios with the real docker CLI against a cais daemon of its own:
# starts `cais daemon` on temporary roots, bootstraps busybox, runs the scenarios, stops the
# daemon and removes what it made. Usage: scripts/acceptance.sh [SCENARIO-NUMBER...]
# (default: the scenarios whose issues have landed). Needs root and artifacts/bin/cais.
set -euo pipefail
cd "$(dirname "$0")/.."
scenarios=("$@")
[ ${#scenarios[@]} -gt 0 ] || scenarios=(01 02 03 04 05 06 13 14)
acceptance=${CAIS_ACCEPTANCE_DIR:-/work/shared/acceptance}
docker=${DOCKER_CLI:-/usr/local/bin/docker}
if [ ! -x "$docker" ]; then echo "acceptance: skipped: the docker CLI is not at $docker"; exit 0; fi
if [ ! -x "$acceptance/run.sh" ]; then echo "acceptance: skipped: no scenarios at $acceptance"; exit 0; fi
cais=$(pwd)/artifacts/bin/cais
root=$(mktemp -d /tmp/cais-acceptance.XXXXXX)
sock="$root/cais.sock"
daemon_pid=
finish() {
  if [ -n "$daemon_pid" ]; then
    # Containers outlive the daemon by design: remove them first, then stop the daemon we started.
    ids=$(DOCKER_HOST="unix://$sock" "$docker" ps -aq 2>/dev/null || true)
    [ -z "$ids" ] || DOCKER_HOST="unix://$sock" "$docker" rm -f $ids >/dev/null 2>&1 || true
    kill "$daemon_pid" 2>/dev/null || true
    wait "$daemon_pid" 2>/dev/null || true
  fi
  # Anything still mounted under our root (a container the daemon could not clean up) goes first.
  awk -v r="$root/" 'index($2, r) == 1 {print $2}' /proc/mounts | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  rm -rf "$root"
}
trap finish EXIT
"$cais" --data-root "$root/data" image bootstrap busybox >/dev/null
"$cais" daemon --root "$root/data" --exec-root "$root/exec" -H "unix://$sock" >"$root/daemon.log" 2>&1 &
daemon_pid=$!
for _ in $(seq 100); do [ -S "$sock" ] && break; sleep 0.05; done
[ -S "$sock" ] || { echo "acceptance: the daemon did not start"; cat "$root/daemon.log"; exit 1; }
export DOCKER_HOST="unix://$sock" ACC_IMAGE=busybox:latest PATH="$(dirname "$docker"):$PATH"
failed=0
for n in "${scenarios[@]}"; do
  "$acceptance/run.sh" "$n-" || failed=1
done
[ $failed -eq 0 ] || { echo "acceptance: daemon log:"; tail -50 "$root/daemon.log"; }
exit $failed
