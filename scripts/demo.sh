#!/usr/bin/env bash
# cais's main job, end to end on a fresh machine (as root): build cais, make a busybox
# root filesystem from Debian's busybox-static, and run a container in it with the OCI runtime.
# (The daemon and images arrive with later issues; this script grows with them.)
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || { echo "demo.sh: run as root (containers need it)" >&2; exit 1; }
command -v busybox >/dev/null || { apt-get update -qq && apt-get install -y -qq busybox-static >/dev/null; }
scripts/build.sh
bundle=$(mktemp -d /tmp/cais-demo.XXXXXX)
trap 'rm -rf "$bundle"' EXIT
mkdir -p "$bundle/rootfs/bin" "$bundle/rootfs/etc" "$bundle/rootfs/tmp" "$bundle/rootfs/root"
cp "$(command -v busybox)" "$bundle/rootfs/bin/busybox"
for applet in $("$bundle/rootfs/bin/busybox" --list-full); do
  mkdir -p "$bundle/rootfs/$(dirname "$applet")"
  [ -e "$bundle/rootfs/$applet" ] || ln -s /bin/busybox "$bundle/rootfs/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\n' > "$bundle/rootfs/etc/passwd"
printf 'root:x:0:\n' > "$bundle/rootfs/etc/group"
artifacts/bin/cais runtime spec --bundle "$bundle"
# A non-interactive process: the demo runs without a terminal.
sed -i 's/"terminal": true/"terminal": false/; s/"sh"$/"sh", "-c", "echo hello from $(hostname), pid $$; cat \/etc\/os-release 2>\/dev\/null || uname -a"/' "$bundle/config.json"
artifacts/bin/cais runtime run --bundle "$bundle" "demo-$$"
