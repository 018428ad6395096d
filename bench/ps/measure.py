"""Times `ps -a` runs of cais and of the docker CLI; prints median and p90 in milliseconds."""
import os
import shutil
import subprocess
import sys
import time

rounds, cais, host, docker_host = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
env = dict(os.environ, CAIS_NO_AUTOSTART="1")


def measure(label, argv, extra_env=None):
    run_env = dict(env, **(extra_env or {}))
    subprocess.run(argv, env=run_env, stdout=subprocess.DEVNULL, check=True)  # warm the page cache
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        subprocess.run(argv, env=run_env, stdout=subprocess.DEVNULL, check=True)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    print(f"{label:40} median {times[len(times) // 2]:7.2f} ms   p90 {times[int(len(times) * 0.9)]:7.2f} ms")


lines = subprocess.run([cais, "-H", host, "ps", "-a", "-q"], env=env, capture_output=True, text=True, check=True).stdout.split()
print(f"{len(lines)} containers, {rounds} rounds each")
measure("cais ps -a (cais daemon)", [cais, "-H", host, "ps", "-a"])
if shutil.which("docker"):
    measure("docker ps -a (cais daemon)", ["docker", "ps", "-a"], {"DOCKER_HOST": host})
if docker_host:
    measure("cais ps -a (Docker daemon)", [cais, "-H", docker_host, "ps", "-a"])
    measure("docker ps -a (Docker daemon)", ["docker", "ps", "-a"], {"DOCKER_HOST": docker_host})
