#!/usr/bin/env bash
# bench/ps: `cais ps -a` end to end (process start, the API call, the table) with 100
# containers, beside `docker ps -a` (the real docker CLI) against the same cais daemon, so the
# two clients are compared on equal terms; then `cais ps` against a Docker daemon when one
# answers at DOCKER_BENCH_HOST. The target is under 20 ms for cais. A temporary daemon on its
# own directories; the containers are created (not started), so nothing runs meanwhile.
# Prints the median and the 90th percentile of ROUNDS runs (wall time of the whole process).
# Usage (as root): bench/ps/run.sh [ROUNDS]   (default 200; CAIS=path to the cais executable)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-200}
cais=${CAIS:-artifacts/bin/cais}
[ -x "$cais" ] || { echo "no $cais: run scripts/build.sh first" >&2; exit 1; }
work=$(mktemp -d /var/tmp/cais-bench-ps-XXXXXX)
sock="$work/cais.sock"
"$cais" --data-root "$work/data" image bootstrap busybox >/dev/null
"$cais" daemon --root "$work/data" --exec-root "$work/exec" -H "unix://$sock" 2>"$work/daemon.log" &
daemon=$!
cleanup() {
  CAIS_NO_AUTOSTART=1 "$cais" -H "unix://$sock" ps -aq --no-trunc | while read -r id; do
    curl -s --unix-socket "$sock" -X DELETE "http://cais/containers/$id?force=1" >/dev/null || true
  done
  kill "$daemon" 2>/dev/null || true
  wait "$daemon" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 50); do [ -S "$sock" ] && break; sleep 0.1; done
for i in $(seq 100); do
  curl -sf --unix-socket "$sock" -H 'Content-Type: application/json' \
    -d '{"Image":"busybox","Cmd":["sleep","1000"],"Labels":{"bench":"ps"}}' \
    "http://cais/containers/create?name=bench-ps-$i" >/dev/null
done
python3 bench/ps/measure.py "$rounds" "$cais" "unix://$sock" "${DOCKER_BENCH_HOST:-}"
