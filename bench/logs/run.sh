#!/usr/bin/env bash
# bench/logs: the json-file log, 1 million lines. cais: JsonFileLogWriter fed the lines in the
# 32 KiB chunks a pipe read gives the monitor (write), JsonFileLogReader + LogResponseFormatter
# reading them all back into multiplexed frames as GET /containers/{id}/logs sends them (read),
# and the last 100 (tail). LogBench (bench/logs/LogBench) is published NativeAOT, as cais ships;
# the times are the ones it measures inside the process, medians of ROUNDS runs.
# When a Docker daemon answers (DOCKER_HOST, a unix socket), the same million lines go through
# Docker too: a container printing them (busybox awk) with --log-driver none and json-file
# (the difference is what Docker's logging costs), then GET /logs of all of them and of the
# last 100 with curl. Docker's log file is then read by cais's reader as well (interop).
# A private dockerd that leaves the host alone:
#   dockerd --data-root /var/tmp/d --exec-root /run/d --host unix:///var/tmp/d.sock \
#           --bridge none --iptables=false --ip6tables=false --ip-masq=false &
#   DOCKER_HOST=unix:///var/tmp/d.sock bench/logs/run.sh
# Usage (as root for Docker): bench/logs/run.sh [ROUNDS]   (default 3; WORK=dir to place the data)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-3}
lines=1000000
work=${WORK:-/var/tmp/cais-bench-logs}
mkdir -p "$work"
bench="$work/bin/LogBench"
echo "publishing LogBench (NativeAOT) ..."
dotnet publish bench/logs/LogBench -c Release -o "$work/bin" -nologo -v quiet

median() { python3 -c 'import statistics,sys; print(f"{statistics.median(float(x) for x in sys.argv[1:]):.0f}")' "$@"; }
ms_of() { awk '{print $(NF-1)}'; } # "<verb> <n> bytes <ms> ms"

log="$work/cais-json.log"
w=() r=() t=()
for _ in $(seq "$rounds"); do
  rm -f "$log"
  w+=("$("$bench" write "$log" $lines | ms_of)")
  r+=("$("$bench" read "$log" | ms_of)")
  t+=("$("$bench" tail "$log" 100 | ms_of)")
done
echo "cais   1M lines: write $(median "${w[@]}") ms, read+frame $(median "${r[@]}") ms, tail 100 $(median "${t[@]}") ms"

if ! docker info >/dev/null 2>&1; then
  echo "no Docker daemon answers (set DOCKER_HOST): Docker not measured"
  exit 0
fi
socket=${DOCKER_HOST#unix://}
[ -S "$socket" ] || socket=/var/run/docker.sock
rootfs="$work/rootfs"
rm -rf "$rootfs" && mkdir -p "$rootfs/bin" && cp /bin/busybox "$rootfs/bin/" && ln -s busybox "$rootfs/bin/sh" && ln -s busybox "$rootfs/bin/awk"
tar -C "$rootfs" -cf "$work/rootfs.tar" . && docker import "$work/rootfs.tar" cais-bench-busybox:latest >/dev/null
gen="awk 'BEGIN{for(i=1;i<=$lines;i++) print \"line \" i \" of the benchmark output\"}'"
seconds() { local s e; s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); echo $(((e - s) / 1000000)); }
run_wait() { local id; id=$(docker run -d --network none "$@" cais-bench-busybox sh -c "$gen"); docker wait "$id" >/dev/null; echo "$id"; }
none=() json=() dr=() dt=()
for _ in $(seq "$rounds"); do
  s=$(date +%s%N); id=$(run_wait --log-driver none); none+=($((($(date +%s%N) - s) / 1000000))); docker rm "$id" >/dev/null
  s=$(date +%s%N); id=$(run_wait --log-driver json-file); json+=($((($(date +%s%N) - s) / 1000000)))
  dr+=("$(seconds curl -sf --unix-socket "$socket" "http://docker/containers/$id/logs?stdout=1&stderr=1" -o /dev/null)")
  dt+=("$(seconds curl -sf --unix-socket "$socket" "http://docker/containers/$id/logs?stdout=1&stderr=1&tail=100" -o /dev/null)")
  cp "$(docker inspect -f '{{.LogPath}}' "$id")" "$work/docker-json.log"
  docker rm "$id" >/dev/null
done
echo "docker $(docker version -f '{{.Server.Version}}') 1M lines: container with json-file $(median "${json[@]}") ms vs log-driver none $(median "${none[@]}") ms, GET /logs $(median "${dr[@]}") ms, tail=100 $(median "${dt[@]}") ms"
echo "cais reading Docker's log: $("$bench" read "$work/docker-json.log")"
