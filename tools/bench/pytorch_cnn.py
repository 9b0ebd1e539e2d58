#!/usr/bin/env python3
"""PyTorch peer of `descent bench`: training speed of the reference CNN, images per second per optimizer.

Workload (the same in every peer; tools/bench/README.md): 28x28x1 -> conv 5x5x32 SAME + bias -> ReLU ->
max-pool 2x2/2 -> conv 5x5x64 SAME + bias -> ReLU -> max-pool 2x2/2 -> flatten 3136 -> dense 1024 + bias -> ReLU
-> dropout (keep 0.5) -> dense 10 + bias -> softmax cross-entropy (integer labels, mean over the batch), float32.
A fixed set of batches (the first ones of MNIST train, or seeded random data when MNIST is absent) is cycled,
so data loading is not measured. Per optimizer and repetition: a fresh model, `--warmup` untimed steps, then
`--steps` timed steps; images/s = steps * batch / seconds. The last stdout line is one JSON object.

Usage (torch lives in the system Python, not in the pyenv one on PATH):
    /usr/bin/python3 tools/bench/pytorch_cnn.py --threads 2 --steps 200 --warmup 20 --repeat 3
"""
import argparse
import glob
import gzip
import json
import os
import platform
import statistics
import subprocess
import sys
import time

import numpy as np

MNIST_DIR = "/work/shared/data/mnist"

# Debian's torch 1.13 (/usr/bin/python3) links the reference BLAS (netlib libblas3, single-threaded, ~6 GFLOP/s
# here), which makes the dense layers ~20x slower than a pip/conda torch with MKL. A fair peer runs with an
# optimized BLAS: OpenBLAS from the Debian package, unpacked (no root, nothing installed) and put first on
# LD_LIBRARY_PATH of a re-executed interpreter; libtorch then resolves libblas.so.3 to OpenBLAS. The OpenMP build
# shares torch's OpenMP pool (as MKL does in pip wheels); the pthread build adds its own spinning threads next to
# torch's, which oversubscribes 2 cores and was up to 8x slower here whenever another process ran.
OPENBLAS_PACKAGES = (("libopenblas0-openmp", "usr/lib/x86_64-linux-gnu/openblas-openmp"),
                     ("libopenblas0-pthread", "usr/lib/x86_64-linux-gnu/openblas-pthread"))
OPENBLAS_CACHE = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "descent", "openblas")
REEXEC_MARK = "DESCENT_BENCH_REEXEC"

# Reported names; TensorFlow-1 hyperparameters, lr 0.001 everywhere (README.md). PyTorch's Nesterov and RMSProp
# conventions differ from TF1's in where lr sits and the initial mean square; the work per step is the same.
OPTIMIZER_NAMES = ("gd", "nesterov", "rmsprop", "adam")


def make_optimizer(name, params, foreach):
    """foreach: None (torch's default: the per-tensor loop on CPU in 1.13) or True (multi-tensor kernels)."""
    return {
        "gd": lambda p: torch.optim.SGD(p, lr=0.001, foreach=foreach),
        "nesterov": lambda p: torch.optim.SGD(p, lr=0.001, momentum=0.9, nesterov=True, foreach=foreach),
        "rmsprop": lambda p: torch.optim.RMSprop(p, lr=0.001, alpha=0.9, eps=1e-10, momentum=0.0, foreach=foreach),
        "adam": lambda p: torch.optim.Adam(p, lr=0.001, betas=(0.9, 0.999), eps=1e-8, foreach=foreach),
    }[name](params)


def reference_cnn():
    """The reference CNN; PyTorch convolutions take NCHW-shaped tensors (in either memory format)."""

    class ReferenceCnn(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.conv1 = torch.nn.Conv2d(1, 32, 5, padding=2)    # SAME for 5x5, stride 1
            self.conv2 = torch.nn.Conv2d(32, 64, 5, padding=2)
            self.fc1 = torch.nn.Linear(7 * 7 * 64, 1024)
            self.fc2 = torch.nn.Linear(1024, 10)
            for m in (self.conv1, self.conv2, self.fc1, self.fc2):
                torch.nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
                torch.nn.init.constant_(m.bias, 0.1)

        def forward(self, x):                                    # x is (B,1,28,28)
            x = F.max_pool2d(F.relu(self.conv1(x)), 2, 2)        # (B,32,14,14)
            x = F.max_pool2d(F.relu(self.conv2(x)), 2, 2)        # (B,64,7,7); even sizes: SAME = VALID
            x = torch.flatten(x, 1)                              # (B,3136)
            x = F.dropout(F.relu(self.fc1(x)), p=0.5, training=True)
            return self.fc2(x)                                   # (B,10) logits

    return ReferenceCnn()


def openblas_dir():
    """Directory holding OpenBLAS's libblas.so.3, unpacked from a Debian package on first use; None if unavailable.

    Tries the OpenMP build first, from the apt cache or `apt-get download` (no root needed), then the pthread one.
    """
    for package, subdir in OPENBLAS_PACKAGES:
        lib = os.path.join(OPENBLAS_CACHE, subdir)
        if os.path.exists(os.path.join(lib, "libblas.so.3")):
            return lib
    os.makedirs(OPENBLAS_CACHE, exist_ok=True)
    for package, subdir in OPENBLAS_PACKAGES:
        pattern = "%s_*_amd64.deb" % package
        debs = sorted(glob.glob(os.path.join("/var/cache/apt/archives", pattern)))
        try:
            if not debs:
                subprocess.run(["apt-get", "download", package], cwd=OPENBLAS_CACHE, check=True, timeout=300,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                debs = sorted(glob.glob(os.path.join(OPENBLAS_CACHE, pattern)))
            subprocess.run(["dpkg-deb", "-x", debs[-1], OPENBLAS_CACHE], check=True)
        except (OSError, IndexError, subprocess.SubprocessError) as e:
            print("pytorch peer: cannot unpack %s (%s)" % (package, e), file=sys.stderr)
            continue
        lib = os.path.join(OPENBLAS_CACHE, subdir)
        if os.path.exists(os.path.join(lib, "libblas.so.3")):
            return lib
    print("pytorch peer: no OpenBLAS; running with the system BLAS", file=sys.stderr)
    return None


def loaded_blas():
    """The BLAS library file this process actually mapped (as libtorch resolved libblas.so.3)."""
    with open("/proc/self/maps") as f:
        for line in f:
            path = line.split()[-1]
            if "blas" in os.path.basename(path):
                return os.path.realpath(path)
    return "unknown"


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def make_batches(n_batches, batch, seed):
    """The first n_batches*batch MNIST training images in [0,1] (or seeded uniform noise) and labels."""
    n = n_batches * batch
    images_file = os.path.join(MNIST_DIR, "train-images-idx3-ubyte.gz")
    labels_file = os.path.join(MNIST_DIR, "train-labels-idx1-ubyte.gz")
    if os.path.exists(images_file) and os.path.exists(labels_file):
        x = read_idx(images_file)[:n].astype(np.float32) / 255.0
        y = read_idx(labels_file)[:n].astype(np.int64)
        source = "mnist"
    else:
        rng = np.random.default_rng(seed)
        x = rng.random((n, 28, 28), dtype=np.float32)
        y = rng.integers(0, 10, n).astype(np.int64)
        source = "random"
    x = torch.from_numpy(x.reshape(n_batches, batch, 1, 28, 28).copy())
    y = torch.from_numpy(y.reshape(n_batches, batch).copy())
    return x, y, source


def run(optimizer, xs, ys, steps, warmup, memory_format, seed, foreach):
    """Seconds and process CPU seconds for `steps` training steps after `warmup` untimed ones, and the last loss."""
    torch.manual_seed(seed)
    model = reference_cnn().to(memory_format=memory_format)
    opt = make_optimizer(optimizer, model.parameters(), foreach)
    batches = [x.contiguous(memory_format=memory_format) for x in xs]
    labels = list(ys)

    def step(i):
        j = i % len(batches)
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(batches[j]), labels[j])
        loss.backward()
        opt.step()
        return loss

    for i in range(warmup):
        step(i)
    cpu0 = time.process_time()
    start = time.perf_counter()
    for i in range(steps):
        loss = step(warmup + i)
    seconds = time.perf_counter() - start
    return seconds, time.process_time() - cpu0, float(loss)


def main(argv=None):
    ap = argparse.ArgumentParser(description="PyTorch peer of descent bench (reference CNN, images/s).")
    ap.add_argument("--threads", type=int, default=os.cpu_count(), help="intra-op threads (default: all cores)")
    ap.add_argument("--interop", type=int, default=None,
                    help="inter-op threads (default: --threads; eager training of one model does not use them)")
    ap.add_argument("--steps", type=int, default=200, help="timed steps per optimizer and repetition")
    ap.add_argument("--warmup", type=int, default=20, help="untimed steps before timing")
    ap.add_argument("--batch", type=int, default=50)
    ap.add_argument("--repeat", type=int, default=1, help="repetitions; images/s is their median")
    ap.add_argument("--batches", type=int, default=20, help="distinct batches cycled")
    ap.add_argument("--optimizers", default=",".join(OPTIMIZER_NAMES), help="comma-separated subset of %s" % list(OPTIMIZER_NAMES))
    ap.add_argument("--memory-format", choices=["nchw", "channels_last"], default="channels_last",
                    help="activation layout (channels_last measured 5-10%% faster here with torch 1.13; README.md)")
    ap.add_argument("--blas", choices=["openblas", "system"], default="openblas",
                    help="BLAS under libtorch: OpenBLAS unpacked from Debian's libopenblas0-openmp (default) or "
                         "the system libblas.so.3 (Debian: the slow reference BLAS)")
    ap.add_argument("--omp-wait-policy", choices=["default", "passive", "active"], default="default",
                    help="OMP_WAIT_POLICY for torch's OpenMP pool (default: leave the environment as it is); "
                         "passive keeps 2 threads from collapsing when other processes share 2 cores (README.md)")
    ap.add_argument("--foreach", action="store_true",
                    help="multi-tensor (foreach) optimizer kernels instead of torch 1.13's default per-tensor loop")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    if a.interop is None:
        a.interop = a.threads
    for name in ("threads", "interop", "steps", "batch", "repeat", "batches"):
        if getattr(a, name) < 1:
            ap.error("--%s must be >= 1, got %d" % (name, getattr(a, name)))
    if a.warmup < 0:
        ap.error("--warmup must be >= 0, got %d" % a.warmup)
    optimizers = [o.strip() for o in a.optimizers.split(",") if o.strip()]
    unknown = [o for o in optimizers if o not in OPTIMIZER_NAMES]
    if unknown:
        ap.error("unknown optimizer(s) %s; known: %s" % (unknown, ", ".join(OPTIMIZER_NAMES)))

    # The dynamic loader reads LD_LIBRARY_PATH only at process start, and OpenBLAS reads its thread count when
    # loaded (torch does not size it: this build's BLAS_INFO is "generic"); so set both, then re-execute once.
    if os.environ.get(REEXEC_MARK) != "1":
        env = dict(os.environ, OPENBLAS_NUM_THREADS=str(a.threads), **{REEXEC_MARK: "1"})
        if a.omp_wait_policy != "default":
            env["OMP_WAIT_POLICY"] = a.omp_wait_policy.upper()
        lib = openblas_dir() if a.blas == "openblas" else None
        if lib:
            env["LD_LIBRARY_PATH"] = lib + (":" + env["LD_LIBRARY_PATH"] if env.get("LD_LIBRARY_PATH") else "")
        sys.stdout.flush()
        os.execve(sys.executable, [sys.executable, os.path.abspath(__file__)] + (argv or sys.argv[1:]), env)
    global torch, F
    import torch
    import torch.nn.functional as F

    # Both pools must be sized before the first parallel op runs.
    torch.set_num_interop_threads(a.interop)
    torch.set_num_threads(a.threads)
    memory_format = torch.channels_last if a.memory_format == "channels_last" else torch.contiguous_format
    xs, ys, source = make_batches(a.batches, a.batch, a.seed)

    samples = {o: [] for o in optimizers}
    cores = {o: [] for o in optimizers}
    losses = {o: None for o in optimizers}
    # Repetitions outer, optimizers inner: a slow spell on the shared machine hits every optimizer alike.
    for r in range(a.repeat):
        for o in optimizers:
            seconds, cpu, loss = run(o, xs, ys, a.steps, a.warmup, memory_format, a.seed, a.foreach or None)
            if not np.isfinite(loss):
                print("%s: loss is %s after %d steps" % (o, loss, a.warmup + a.steps), file=sys.stderr)
                return 1
            samples[o].append(seconds)
            cores[o].append(cpu / seconds)
            losses[o] = loss
            print("repeat %d %-8s %8.1f images/s  %.3f s  cpu %.2f cores  loss %.4f"
                  % (r + 1, o, a.steps * a.batch / seconds, seconds, cpu / seconds, loss), file=sys.stderr)

    results = []
    for o in optimizers:
        ips = [a.steps * a.batch / s for s in samples[o]]
        results.append({
            "optimizer": o,
            "images_per_second": round(statistics.median(ips), 2),
            "seconds": round(statistics.median(samples[o]), 4),
            "samples_images_per_second": [round(v, 2) for v in ips],
            "cpu_cores_used": round(statistics.median(cores[o]), 2),
            "final_loss": round(losses[o], 5),
        })
    print(json.dumps({
        "peer": "pytorch",
        "version": torch.__version__,
        "threads": torch.get_num_threads(),
        "interop_threads": torch.get_num_interop_threads(),
        "batch": a.batch,
        "steps": a.steps,
        "warmup": a.warmup,
        "repeat": a.repeat,
        "memory_format": a.memory_format,
        "blas": loaded_blas(),
        "foreach": bool(a.foreach),
        "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY", "default").lower(),
        "data": source,
        "machine": {"cpu": cpu_name(), "cores": os.cpu_count(), "system": platform.platform()},
        "results": results,
    }))
    return 0


def cpu_name():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


if __name__ == "__main__":
    sys.exit(main())
