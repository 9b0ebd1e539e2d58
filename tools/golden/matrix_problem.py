#!/usr/bin/env python3
"""The matrix golden problem: small least-squares fits of a tall and a wide matrix, and a bias vector.

    loss = ½/N‖X1·W1 − Y1‖² + ½‖b − c‖² + ½/N‖X2·W2 − Y2‖²,  W1 6×3 (tall), b 5, W2 3×5 (wide), N = 8

Matrices are in descent's layout, fan-in × fan-out (PyTorch's out × in transposed). The flat parameter vector
is W1 (18) | b (5) | W2 (15), the views in that order. Gradients are computed in float64 from the float32
parameters and rounded to float32 (descent's MatrixGoldenTest does the same), so the two sides differ only by
the optimizer. Each trajectory runs 20 steps at base_lr for steps 1..10 and base_lr/2 for 11..20.

Writes golden/matrix/problem.csv (by hand; the output is committed): /usr/bin/python3 tools/golden/matrix_problem.py
Other generators import load() and gradient() from here.
"""
import os

import numpy as np

from golden_io import GOLDEN, f32

N = 8
VIEWS = [("W1", "weight", (6, 3)), ("b", "bias", (5,)), ("W2", "weight", (3, 5))]
STEPS = 20
PATH = os.path.join(GOLDEN, "matrix", "problem.csv")


def lr_at(base, t):
    return base if t <= 10 else base / 2


def make():
    rng = np.random.default_rng(20240601)
    data = {
        "X1": rng.standard_normal((N, 6)),
        "Y1": rng.standard_normal((N, 3)),
        "c": rng.standard_normal(5),
        "X2": rng.standard_normal((N, 3)),
        "Y2": rng.standard_normal((N, 5)),
    }
    data = {k: v.astype(np.float32) for k, v in data.items()}
    data["initial"] = (0.5 * rng.standard_normal(18 + 5 + 15)).astype(np.float32)
    os.makedirs(os.path.dirname(PATH), exist_ok=True)
    with open(PATH, "w") as f:
        f.write("# matrix golden problem, see tools/golden/matrix_problem.py\n")
        for name, kind, shape in VIEWS:
            f.write("view,%s,%s,%s\n" % (name, kind, ",".join(str(d) for d in shape)))
        for k in ("X1", "Y1", "c", "X2", "Y2", "initial"):
            v = data[k]
            f.write("%s,%s\n" % (k, ",".join(f32(x) for x in v.ravel())))


def load():
    """Returns dict of float32 arrays X1, Y1, c, X2, Y2 (2-D where they are matrices) and initial."""
    out = {}
    with open(PATH) as f:
        for line in f:
            if line.startswith("#") or line.startswith("view,"):
                continue
            cells = line.strip().split(",")
            out[cells[0]] = np.array([float(x) for x in cells[1:]], dtype=np.float32)
    out["X1"] = out["X1"].reshape(N, 6)
    out["Y1"] = out["Y1"].reshape(N, 3)
    out["X2"] = out["X2"].reshape(N, 3)
    out["Y2"] = out["Y2"].reshape(N, 5)
    return out


def split(p):
    """The flat vector as (W1 6×3, b 5, W2 3×5) views (numpy views, not copies)."""
    return p[0:18].reshape(6, 3), p[18:23], p[23:38].reshape(3, 5)


def gradient(d, p):
    """float32 gradient of the loss at the float32 parameters p, computed in float64."""
    w1, b, w2 = (x.astype(np.float64) for x in split(p))
    x1, y1, c, x2, y2 = (d[k].astype(np.float64) for k in ("X1", "Y1", "c", "X2", "Y2"))
    g1 = x1.T @ (x1 @ w1 - y1) / N
    gb = b - c
    g2 = x2.T @ (x2 @ w2 - y2) / N
    return np.concatenate([g1.ravel(), gb, g2.ravel()]).astype(np.float32)


def write(case, optimizer, params, source, base_lr, trajectory):
    with open(os.path.join(GOLDEN, "matrix", case + ".csv"), "w") as f:
        f.write("# optimizer=%s\n" % optimizer)
        for k, v in params.items():
            f.write("# param %s=%s\n" % (k, v))
        f.write("# base_lr=%r\n" % base_lr)
        f.write("# source=%s\n" % source)
        f.write("step," + ",".join("p%d" % i for i in range(len(trajectory[0]))) + "\n")
        for t, p in enumerate(trajectory):
            assert p.dtype == np.float32, p.dtype
            f.write(str(t) + "," + ",".join(f32(x) for x in p) + "\n")


if __name__ == "__main__":
    make()
