#!/usr/bin/env bash
# cais's main job, end to end on a fresh machine (as root): build cais and caisd, start the daemon, make
# a busybox base image from Debian's busybox-static, and run a container from it.
# A daemon this script starts (on the default socket) is stopped again at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || { echo "demo.sh: run as root (containers need it)" >&2; exit 1; }
# What the build and the base image need (as .ci/run installs): the native linker NativeAOT uses,
# the static SQLite linked into caisd, and busybox-static for the image.
missing=()
command -v busybox >/dev/null || missing+=(busybox-static)
command -v gcc >/dev/null || missing+=(gcc libc6-dev)
[ -e /usr/include/zlib.h ] || missing+=(zlib1g-dev)
ls /usr/lib/*/libsqlite3.a >/dev/null 2>&1 || missing+=(libsqlite3-dev)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v dotnet >/dev/null || { echo "demo.sh: the .NET 10 SDK (dotnet) is not on PATH" >&2; exit 1; }
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
