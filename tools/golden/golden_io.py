"""Shared I/O for the golden generators: read the fixed problem, write a reference trajectory."""
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.normpath(os.path.join(HERE, "..", "..", "core", "src", "test", "resources", "golden"))


def load_problem():
    """Returns (initial float32[6], steps: list of (step, lr float, grads float32[6]))."""
    with open(os.path.join(GOLDEN, "initial.csv")) as f:
        initial = np.array([float(x) for x in f.read().strip().split(",")], dtype=np.float32)
    steps = []
    with open(os.path.join(GOLDEN, "gradients.csv")) as f:
        header = f.readline()
        assert header.startswith("step,lr,"), header
        for line in f:
            cells = line.strip().split(",")
            steps.append((int(cells[0]), float(cells[1]), np.array([float(x) for x in cells[2:]], dtype=np.float32)))
    return initial, steps


def f32(x):
    """Shortest decimal that reads back as the same float32."""
    return str(np.float32(x))


def write(framework, case, optimizer, params, source, trajectory, constant_lr=None, headers=()):
    """trajectory: list of float32 arrays, step 0 (initial) to T. params: registry keys -> values.
    headers: further '# key=value' lines (without '# '), e.g. 'group=w,0,3,true' or 'rows=eval'."""
    out = os.path.join(GOLDEN, framework)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, case + ".csv"), "w") as f:
        f.write("# optimizer=%s\n" % optimizer)
        for k, v in params.items():
            f.write("# param %s=%s\n" % (k, v))
        if constant_lr is not None:
            f.write("# lr=%r\n" % constant_lr)
        for h in headers:
            f.write("# %s\n" % h)
        f.write("# source=%s\n" % source)
        f.write("step," + ",".join("p%d" % i for i in range(len(trajectory[0]))) + "\n")
        for t, p in enumerate(trajectory):
            assert p.dtype == np.float32, p.dtype
            f.write(str(t) + "," + ",".join(f32(x) for x in p) + "\n")
