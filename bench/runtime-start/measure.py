"""Alternating timings of cais, runc and the namespace floor; see run.sh."""
import statistics, subprocess, sys, time, os, platform

rounds, work = int(sys.argv[1]), sys.argv[2]
bundle = os.path.join(work, "bundle")
cais = os.path.abspath("artifacts/bin/cais")
commands = {
    "cais runtime run": lambda i: [cais, "runtime", "--root", f"{work}/cais-state", "run", "--bundle", bundle, f"c{i}"],
    "runc run": lambda i: ["runc", "--root", f"{work}/runc-state", "run", "--bundle", bundle, f"r{i}"],
    "floor: unshare -fmuinp true": lambda i: ["unshare", "-f", "-m", "-u", "-i", "-n", "-p", "true"],
}
times = {name: [] for name in commands}
for i in range(rounds + 3):
    for name, make in commands.items():
        start = time.perf_counter()
        r = subprocess.run(make(i), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        elapsed = (time.perf_counter() - start) * 1000
        if r.returncode != 0:
            sys.exit(f"{name} failed: {r.stderr.decode().strip()}")
        if i >= 3:  # the first rounds warm caches
            times[name].append(elapsed)

med = {name: statistics.median(t) for name, t in times.items()}
for name, t in times.items():
    print(f"{name:32} median {med[name]:6.1f} ms  mean {statistics.mean(t):6.1f} ms  "
          f"p10 {sorted(t)[len(t)//10]:6.1f}  p90 {sorted(t)[len(t)*9//10]:6.1f}  (n={len(t)})")
ratio = med["cais runtime run"] / med["runc run"]
print(f"ratio cais/runc (medians): {ratio:.2f}   target: <= 0.50")
print(f"| {time.strftime('%Y-%m-%d')} | {platform.node()} ({os.cpu_count()} cpus, {platform.release()}) | "
      f"{med['cais runtime run']:.1f} ms | {med['runc run']:.1f} ms | {med['floor: unshare -fmuinp true']:.1f} ms | {ratio:.2f} |")
