#!/usr/bin/env bash
# bench/runtime-start: `cais runtime run` against `runc run` on the same busybox bundle
# running `true`, alternating so that machine noise hits both alike; plus the floor, a bare
# `true` in fresh namespaces (unshare). Prints medians and the cais/runc ratio.
# Usage (as root): bench/runtime-start/run.sh [ROUNDS]   (default 60)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-60}
command -v runc >/dev/null || { echo "runc is not installed (apt-get install runc)" >&2; exit 1; }
[ -x artifacts/bin/cais ] || scripts/build.sh
work=$(mktemp -d /tmp/cais-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bundle/rootfs/bin"
cp "$(command -v busybox)" "$work/bundle/rootfs/bin/busybox"
ln -s busybox "$work/bundle/rootfs/bin/true"
ln -s busybox "$work/bundle/rootfs/bin/sh"
artifacts/bin/cais runtime spec --bundle "$work/bundle"
python3 - "$work/bundle/config.json" <<'PY'
import json, sys
p = sys.argv[1]; c = json.load(open(p))
c["process"]["terminal"] = False
c["process"]["args"] = ["true"]
json.dump(c, open(p, "w"), indent=1)
PY
python3 bench/runtime-start/measure.py "$rounds" "$work"
