#!/usr/bin/env bash
# bench/run-latency: `cais run --rm busybox true` end to end (client, daemon, container, exit)
# beside `docker run --rm busybox true` (when a Docker daemon answers at $DOCKER_BENCH_HOST,
# default unix:///tmp/dockerd.sock, with a busybox image) and `runc run` of the same rootfs,
# alternating so machine noise hits all alike. Then: the daemon's idle RSS, and 20 parallel
# `cais run --rm` that must all succeed. Prints medians, ratios and a docs/benchmarks.md row.
# Usage (as root): bench/run-latency/run.sh [ROUNDS]   (default 40)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-40}
[ -x artifacts/bin/cais ] || scripts/build.sh
cais=$(pwd)/artifacts/bin/cais
work=$(mktemp -d /tmp/cais-bench-run.XXXXXX)
daemon_pid=
finish() {
  if [ -n "$daemon_pid" ]; then
    "$cais" -H "unix://$work/cais.sock" rm -f $("$cais" -H "unix://$work/cais.sock" ps -aq) >/dev/null 2>&1 || true
    kill "$daemon_pid" 2>/dev/null || true; wait "$daemon_pid" 2>/dev/null || true
  fi
  awk -v r="$work/" 'index($2, r) == 1 {print $2}' /proc/mounts | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  rm -rf "$work"
}
trap finish EXIT
"$cais" --data-root "$work/data" image bootstrap busybox >/dev/null
"$cais" daemon --root "$work/data" --exec-root "$work/exec" -H "unix://$work/cais.sock" >"$work/daemon.log" 2>&1 &
daemon_pid=$!
for _ in $(seq 100); do [ -S "$work/cais.sock" ] && break; sleep 0.05; done
# runc's bundle: the same busybox rootfs, exported from the image cais just made.
mkdir -p "$work/bundle/rootfs"
"$cais" -H "unix://$work/cais.sock" create --name bench-export busybox true >/dev/null
"$cais" -H "unix://$work/cais.sock" export bench-export | tar -x -C "$work/bundle/rootfs"
"$cais" -H "unix://$work/cais.sock" rm bench-export >/dev/null
(cd "$work/bundle" && runc spec)
python3 - "$work/bundle/config.json" <<'PY'
import json, sys
p = sys.argv[1]; c = json.load(open(p))
c["process"]["terminal"] = False
c["process"]["args"] = ["true"]
json.dump(c, open(p, "w"), indent=1)
PY
python3 bench/run-latency/measure.py "$rounds" "$work" "$daemon_pid"
