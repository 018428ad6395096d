"""Alternating end-to-end timings of cais run, docker run and runc run; see run.sh."""
import os, platform, statistics, subprocess, sys, time
from concurrent.futures import ThreadPoolExecutor

rounds, work, daemon_pid = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
cais = os.path.abspath("artifacts/bin/cais")
docker_host = os.environ.get("DOCKER_BENCH_HOST", "unix:///tmp/dockerd.sock")
env = dict(os.environ, CAIS_NO_AUTOSTART="1")
commands = {
    "cais run --rm busybox true": lambda i: [cais, "-H", f"unix://{work}/cais.sock", "run", "--rm", "busybox", "true"],
    "runc run (same rootfs)": lambda i: ["runc", "--root", f"{work}/runc-state", "run", "--bundle", f"{work}/bundle", f"r{i}"],
}
docker_ok = subprocess.run(["docker", "-H", docker_host, "image", "inspect", "busybox"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0
if docker_ok:
    commands["docker run --rm busybox true"] = lambda i: ["docker", "-H", docker_host, "run", "--rm", "busybox", "true"]
else:
    print(f"docker: skipped (no Docker daemon with a busybox image at {docker_host})")

times = {name: [] for name in commands}
for i in range(rounds + 3):
    for name, make in commands.items():
        start = time.perf_counter()
        r = subprocess.run(make(i), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        elapsed = (time.perf_counter() - start) * 1000
        if r.returncode != 0:
            sys.exit(f"{name} failed: {r.stderr.decode().strip()}")
        if i >= 3:
            times[name].append(elapsed)
med = {name: statistics.median(t) for name, t in times.items()}
for name, t in times.items():
    s = sorted(t)
    print(f"{name:32} median {med[name]:7.1f} ms  p10 {s[len(s)//10]:7.1f}  p90 {s[len(s)*9//10]:7.1f}  (n={len(t)})")
cais_med = med["cais run --rm busybox true"]
print(f"ratio cais/runc: {cais_med / med['runc run (same rootfs)']:.2f}   target: < 1")
if docker_ok:
    print(f"ratio cais/docker: {cais_med / med['docker run --rm busybox true']:.3f}   target: <= 0.10")

def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
time.sleep(2)
rss = rss_kb(daemon_pid) / 1024
print(f"daemon idle RSS: {rss:.1f} MiB   target: <= 40")

def one(i):
    return subprocess.run(commands["cais run --rm busybox true"](i), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
start = time.perf_counter()
with ThreadPoolExecutor(20) as pool:
    results = list(pool.map(one, range(20)))
wall = (time.perf_counter() - start) * 1000
failed = [r.stderr.decode().strip() for r in results if r.returncode != 0]
print(f"20 parallel cais run --rm: {20 - len(failed)}/20 succeeded in {wall:.0f} ms")
for f in failed: print("  failed:", f)
left = subprocess.run([cais, "-H", f"unix://{work}/cais.sock", "ps", "-aq"], capture_output=True, text=True, env=env).stdout.split()
print(f"containers left after the runs: {len(left)}")
docker_col = f"{med['docker run --rm busybox true']:.0f} ms" if docker_ok else "n/a"
print(f"| {time.strftime('%Y-%m-%d')} | {platform.node()} ({os.cpu_count()} cpus) | {cais_med:.1f} ms | "
      f"{med['runc run (same rootfs)']:.1f} ms | {docker_col} | {rss:.1f} MiB | {20 - len(failed)}/20 |")
sys.exit(1 if failed or left else 0)
