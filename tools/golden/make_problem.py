#!/usr/bin/env python3
"""Writes the shared fixed problem of the golden trajectories (run once by hand; its output is committed).

initial.csv   : one line, 6 float32 values.
gradients.csv : header step,lr,g0..g5 and rows for steps 1..20. The gradients do not depend on the
                parameters, so every framework replays the same sequence. They include exact zeros
                (g3 on odd steps, g4 for steps 1..5), large magnitudes (g1 ~ 1e3), tiny ones
                (g2 ~ 1e-6) and both signs; g5 swings over six orders of magnitude. The learning rate
                is 0.01 for steps 1..10 and 0.003 for 11..20, so conventions that differ only once the
                learning rate changes (lr inside vs outside a momentum buffer) give different numbers.

Usage: /usr/bin/python3 tools/golden/make_problem.py core/src/test/resources/golden
"""
import math
import os
import sys

import numpy as np

T = 20


def f32(x):
    """Shortest decimal that reads back as the same float32 (e.g. 0.01, not 0.009999999776...)."""
    return str(np.float32(x))


def gradients(t):
    g0 = 0.8 * math.sin(0.7 * t) + 0.3
    g1 = 1000.0 * (1.0 + 0.5 * math.cos(1.3 * t)) * (-1.0 if t % 4 == 0 else 1.0)
    g2 = 1e-6 * math.cos(0.9 * t)
    g3 = 0.0 if t % 2 == 1 else (-1.0) ** (t // 2) * 0.25 * t
    g4 = 0.0 if t <= 5 else 0.5 - 0.07 * t
    g5 = (-1.0) ** t * 10.0 ** (-3 + (t % 7))
    return [g0, g1, g2, g3, g4, g5]


def main(out):
    os.makedirs(out, exist_ok=True)
    initial = [0.5, -1.25, 2.0, -0.75, 0.1, 3.0]
    with open(os.path.join(out, "initial.csv"), "w") as f:
        f.write(",".join(f32(x) for x in initial) + "\n")
    with open(os.path.join(out, "gradients.csv"), "w") as f:
        f.write("step,lr,g0,g1,g2,g3,g4,g5\n")
        for t in range(1, T + 1):
            lr = 0.01 if t <= 10 else 0.003
            f.write(",".join([str(t), repr(lr)] + [f32(g) for g in gradients(t)]) + "\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "core/src/test/resources/golden")
