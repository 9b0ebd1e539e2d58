#!/usr/bin/env python3
"""Recomputes every TensorFlow reference trajectory from the update equations in float64, without TensorFlow.

A check that the generator fed the kernels what the headers say (hyperparameters, slot initial values, the
per-step lr, beta powers) and that the equations in golden/README.md describe what the kernels do. Run from the
repository root after the generator, pointing at the problem files:

    python3 tools/tf-golden/check_reference.py [problem dir]

Prints the worst relative deviation per case and fails if any exceeds the optimizer test's tolerance
|ref - x| <= 1e-5 * max(1, |ref|).
"""
import math
import os
import sys

GOLDEN = os.path.join("core", "src", "test", "resources", "golden")


def read_problem(d):
    init = [float(x) for x in open(os.path.join(d, "initial.csv")).read().strip().split(",")]
    rows = [l.strip() for l in open(os.path.join(d, "gradients.csv")) if l.strip() and not l.startswith("#")][1:]
    steps = [(float(r.split(",")[1]), [float(x) for x in r.split(",")[2:]]) for r in rows]
    return init, steps


def read_reference(path):
    params, rows = {}, []
    for line in open(path):
        line = line.strip()
        if line.startswith("# param "):
            k, v = line[len("# param "):].split("=", 1)
            params[k] = v
        elif line.startswith("# optimizer="):
            params["optimizer"] = line.split("=", 1)[1]
        elif line and not line.startswith("#") and not line.startswith("step"):
            rows.append([float(x) for x in line.split(",")[1:]])
    return params, rows


def simulate(p, init, steps):
    """One scalar trajectory per coordinate; returns rows for steps 0..n."""
    name, conv = p["optimizer"], p.get("convention")
    f = lambda k: float(p[k])
    n = len(init)
    x = list(init)
    out = [list(x)]
    s = {k: [0.0] * n for k in ("a", "b", "c")}
    if name == "rmsprop":
        s["a"] = [f("initial_mean_square")] * n
    if name == "adagrad":
        s["a"] = [f("initial_accumulator")] * n
    for t, (lr, g) in enumerate(steps, start=1):
        for i in range(n):
            gi = g[i]
            a, b, c = s["a"][i], s["b"][i], s["c"][i]
            if name == "sgd":
                x[i] -= lr * gi
            elif name == "momentum":
                mu, nest = f("momentum"), p["nesterov"] == "true"
                if conv == "keras":
                    a = mu * a - lr * gi
                    x[i] += (mu * a - lr * gi) if nest else a
                else:
                    a = mu * a + gi
                    x[i] -= lr * (gi + mu * a) if nest else lr * a
            elif name == "rmsprop":
                rho, eps, mu = f("rho"), f("epsilon"), f("momentum")
                a = rho * a + (1 - rho) * gi * gi  # mean square
                if p["centered"] == "true":
                    b = rho * b + (1 - rho) * gi  # mean gradient
                    denom = a - b * b + eps
                else:
                    denom = a + eps
                c = mu * c + lr * gi / math.sqrt(denom)
                x[i] -= c
            elif name == "adam":
                b1, b2, eps = f("beta1"), f("beta2"), f("epsilon")
                a = b1 * a + (1 - b1) * gi
                b = b2 * b + (1 - b2) * gi * gi
                v = b
                if p["amsgrad"] == "true":
                    c = max(c, b)
                    v = c
                lr_t = lr * math.sqrt(1 - b2 ** t) / (1 - b1 ** t)
                x[i] -= lr_t * a / (math.sqrt(v) + eps)
            elif name == "adagrad":
                a += gi * gi
                x[i] -= lr * gi / (math.sqrt(a) + f("epsilon"))
            elif name == "adadelta":
                rho, eps = f("rho"), f("epsilon")
                a = rho * a + (1 - rho) * gi * gi
                u = math.sqrt(b + eps) / math.sqrt(a + eps) * gi
                b = rho * b + (1 - rho) * u * u
                x[i] -= lr * u
            elif name == "adamax":
                b1, b2, eps = f("beta1"), f("beta2"), f("epsilon")
                a = b1 * a + (1 - b1) * gi
                b = max(b2 * b, abs(gi))
                x[i] -= lr / (1 - b1 ** t) * a / (b + eps)
            else:
                raise SystemExit("no equations for optimizer " + name)
            s["a"][i], s["b"][i], s["c"][i] = a, b, c
        out.append(list(x))
    return out


def main():
    problem = sys.argv[1] if len(sys.argv) > 1 else GOLDEN
    init, steps = read_problem(problem)
    ref_dir = os.path.join(GOLDEN, "tensorflow")
    bad = 0
    for fn in sorted(os.listdir(ref_dir)):
        params, ref = read_reference(os.path.join(ref_dir, fn))
        sim = simulate(params, init, steps)
        worst = max(abs(r - s) / max(1.0, abs(r)) for rr, ss in zip(ref, sim) for r, s in zip(rr, ss))
        ok = worst <= 1e-5 and len(ref) == len(sim)
        bad += not ok
        print("%-32s worst %.2e %s" % (fn, worst, "ok" if ok else "MISMATCH"))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
