#!/usr/bin/env bash
# bench/layers: unpacking and writing image layers, cais against GNU tar (and umoci when
# installed). Two ~200 MB tarballs: many small files (~40k of 1-8 KiB in nested directories)
# and one large file of random bytes. Each tool extracts each tarball ROUNDS times, the tools
# alternating so that machine noise hits them alike; `sync` runs before every timed run, so
# no run pays for another's writeback. Then diff: cais LayerDiffer.DiffTree against `tar -cf`
# of the extracted tree. Prints medians (whole-process wall time) and the cais/tar ratios.
# cais runs as LayerBench (bench/layers/LayerBench), published NativeAOT as cais ships.
# The extractions land on a fresh ext4 file system (a loop-mounted image): ext4 slows inode
# allocation for minutes after many deletions (recently_deleted() in fs/ext4/ialloc.c), so on
# a file system that has just lost a few 100k files the figures drift by seconds; FS=dir
# extracts under WORK instead.
# Usage (as root): bench/layers/run.sh [ROUNDS]   (default 5; WORK=dir to place the data)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-5}
[ "$(id -u)" = 0 ] || { echo "run as root (extraction keeps owners)" >&2; exit 1; }
work=${WORK:-/var/tmp/cais-bench-layers}
mkdir -p "$work"
bench="$work/bin/LayerBench"
echo "publishing LayerBench (NativeAOT) ..."
dotnet publish bench/layers/LayerBench -c Release -o "$work/bin" -nologo -v quiet
if [ "${FS:-loop}" = loop ]; then
  targets="$work/mnt"
  mkdir -p "$targets"
  rm -f "$work/fs.img"
  truncate -s 16G "$work/fs.img"
  mkfs.ext4 -q -F "$work/fs.img"
  mount -o loop "$work/fs.img" "$targets"
  trap 'umount "$targets"; rm -f "$work/fs.img"' EXIT
else
  targets="$work/targets"
fi
python3 bench/layers/measure.py "$rounds" "$work" "$bench" "$targets"
