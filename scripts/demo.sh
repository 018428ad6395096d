#!/usr/bin/env bash
# cais's main job, end to end on a fresh machine (as root): build cais, start the daemon, make
# a busybox base image from Debian's busybox-static, and run a container from it.
# A daemon this script starts (on the default socket) is stopped again at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || { echo "demo.sh: run as root (containers need it)" >&2; exit 1; }
command -v busybox >/dev/null || { apt-get update -qq && apt-get install -y -qq busybox-static >/dev/null; }
scripts/build.sh
cais=$(pwd)/artifacts/bin/cais
started=
if ! CAIS_NO_AUTOSTART=1 "$cais" version >/dev/null 2>&1; then
  mkdir -p /var/log/cais
  CAIS_NO_AUTOSTART=1 "$cais" daemon >>/var/log/cais/daemon.log 2>&1 &
  started=$!
  trap 'kill $started 2>/dev/null || true; wait $started 2>/dev/null || true' EXIT
  for _ in $(seq 100); do CAIS_NO_AUTOSTART=1 "$cais" version >/dev/null 2>&1 && break; sleep 0.1; done
fi
"$cais" version
"$cais" image bootstrap busybox
"$cais" images
"$cais" run --rm --name cais-demo busybox sh -c 'echo "hello from $(hostname), pid $$, in $(uname -sr)"'
