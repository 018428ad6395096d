#!/usr/bin/env python3
"""Generates the bench/layers data (once, kept in WORK) and times the extractors. See run.sh."""
import hashlib, json, os, random, shutil, statistics, subprocess, sys, time

rounds, work, bench, targets = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
umoci = shutil.which("umoci")


def generate():
    small, large = os.path.join(work, "small.tar"), os.path.join(work, "large.tar")
    if all(os.path.exists(p) for p in (small, large, os.path.join(work, "src-small"))):
        return small, large
    print("generating the tarballs ...", flush=True)
    rng = random.Random(42)
    src = os.path.join(work, "src-small")
    shutil.rmtree(src, ignore_errors=True)
    for top in range(20):
        for sub in range(20):
            d = os.path.join(src, f"dir{top:02}", f"sub{sub:02}")
            os.makedirs(d)
            for f in range(100):
                with open(os.path.join(d, f"file{f:03}.dat"), "wb") as out:
                    out.write(os.urandom(rng.randint(1024, 8192)))
    subprocess.run(["tar", "-C", src, "-cf", small, "."], check=True)
    src = os.path.join(work, "src-large")
    shutil.rmtree(src, ignore_errors=True)
    os.makedirs(src)
    with open(os.path.join(src, "large.bin"), "wb") as out:
        for _ in range(200):
            out.write(os.urandom(1 << 20))
    subprocess.run(["tar", "-C", src, "-cf", large, "."], check=True)
    return small, large


def oci_layout(tar, name):
    """A one-layer OCI image layout for umoci, the layer blob hard-linked to the tar."""
    layout = os.path.join(work, f"oci-{name}")
    shutil.rmtree(layout, ignore_errors=True)
    blobs = os.path.join(layout, "blobs", "sha256")
    os.makedirs(blobs)
    h = hashlib.sha256()
    with open(tar, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    layer = h.hexdigest()
    os.link(tar, os.path.join(blobs, layer))

    def blob(obj):
        data = json.dumps(obj).encode()
        digest = hashlib.sha256(data).hexdigest()
        with open(os.path.join(blobs, digest), "wb") as f:
            f.write(data)
        return {"digest": "sha256:" + digest, "size": len(data)}

    config = blob({"architecture": "amd64", "os": "linux", "config": {},
                   "rootfs": {"type": "layers", "diff_ids": ["sha256:" + layer]}})
    manifest = blob({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                     "config": {"mediaType": "application/vnd.oci.image.config.v1+json", **config},
                     "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar",
                                 "digest": "sha256:" + layer, "size": os.path.getsize(tar)}]})
    with open(os.path.join(layout, "index.json"), "w") as f:
        json.dump({"schemaVersion": 2, "manifests": [{
            "mediaType": "application/vnd.oci.image.manifest.v1+json", **manifest,
            "annotations": {"org.opencontainers.image.ref.name": "bench"}}]}, f)
    with open(os.path.join(layout, "oci-layout"), "w") as f:
        json.dump({"imageLayoutVersion": "1.0.0"}, f)
    return layout


def timed(cmd):
    subprocess.run(["sync"], check=True)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


# Every run extracts into a directory of its own, all removed only at the end: ext4 makes
# inode allocation slow for minutes after many deletions (see run.sh).
os.makedirs(targets, exist_ok=True)
count = 0


def fresh(create=True):
    global count
    count += 1
    path = os.path.join(targets, f"run{count}")
    if create:
        os.makedirs(path)
    return path


small, large = generate()
tools = {
    "tar": lambda tar, out: ["tar", "-C", out, "-xf", tar],
    "cais": lambda tar, out: [bench, "apply", tar, out],
}
if umoci:
    layouts = {small: oci_layout(small, "small"), large: oci_layout(large, "large")}
    tools["umoci"] = lambda tar, out: ["umoci", "raw", "unpack", "--image", layouts[tar] + ":bench", out]
else:
    print("umoci is not installed (apt-get install umoci): skipping it")

results = {}
names = list(tools)
print(f"apply: {rounds} rounds, tools alternating ...", flush=True)
for r in range(rounds):
    order = names[r % len(names):] + names[:r % len(names)]
    for tar in (small, large):
        for tool in order:
            target = fresh(create=tool != "umoci")
            results.setdefault(("apply", tool, tar), []).append(timed(tools[tool](tar, target)))

# diff: the small files' tree written back to a tar by each tool.
target = os.path.join(work, "src-small")
out = os.path.join(work, "diff.tar")
diffs = {
    "tar": ["tar", "-C", target, "-cf", out, "."],
    "cais": [bench, "diff", target, out],
}
print(f"diff: {rounds} rounds ...", flush=True)
for r in range(rounds):
    for tool in (("tar", "cais") if r % 2 == 0 else ("cais", "tar")):
        if os.path.exists(out):
            os.remove(out)
        results.setdefault(("diff", tool, small), []).append(timed(diffs[tool]))
os.remove(out)
print("removing the extracted trees ...", flush=True)
for n in range(1, count + 1):
    shutil.rmtree(os.path.join(targets, f"run{n}"), ignore_errors=True)

size = {small: "small files (40k x 1-8 KiB)", large: "one large file (200 MiB)"}
print()
print(f"{'operation':<40} {'tool':<6} {'median':>9} {'min':>9}  vs tar")
for (op, tool, tar), times in results.items():
    med = statistics.median(times)
    ratio = med / statistics.median(results[(op, "tar", tar)])
    print(f"{op + ' ' + size[tar]:<40} {tool:<6} {med * 1000:8.0f}ms {min(times) * 1000:8.0f}ms  {ratio:5.2f}x"
          + ("   [" + " ".join(f"{t * 1000:.0f}" for t in times) + "]" if os.environ.get("VERBOSE") else ""))
