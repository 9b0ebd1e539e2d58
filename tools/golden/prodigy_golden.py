#!/usr/bin/env python3
"""Reference trajectories of Prodigy from the authors' code (PyTorch, float32).

Runs Prodigy of konstmish/prodigy, file prodigyopt/prodigy.py at commit COMMIT below, on golden/gradients.csv
from golden/initial.csv (lr column, or a constant lr where a case says so), and writes golden/prodigy/<case>.csv.

Usage (by hand; the output is committed; needs Debian's python3-torch):
  git clone https://github.com/konstmish/prodigy /tmp/prodigy
  /usr/bin/python3 tools/golden/prodigy_golden.py /tmp/prodigy
"""
import math
import sys

import numpy as np
import torch

import reference_code
from golden_io import load_problem, write

COMMIT = "3efb213ee8af5a6bf76f28726398433a847b38e9"
FILE = "prodigyopt/prodigy.py"
BETA3 = math.sqrt(0.999)   # the reference's default sqrt(beta2), which descent writes as a number

# case -> (registry keys, reference kwargs, constant lr or None)
CASES = {
    "prodigy": ({"beta1": 0.9, "beta2": 0.999, "beta3": BETA3, "epsilon": 1e-8, "d0": 1e-6}, {}, 1.0),
    "prodigy_lr_column": ({"beta1": 0.9, "beta2": 0.999, "beta3": BETA3, "d0": 0.01}, {"d0": 0.01}, None),
    "prodigy_decoupled_bias_correction": (
        {"beta1": 0.8, "beta2": 0.99, "beta3": 0.9, "d0": 1e-3, "use_bias_correction": "true",
         "weight_decay": 0.1, "weight_decay_mode": "decoupled"},
        {"betas": (0.8, 0.99), "beta3": 0.9, "d0": 1e-3, "use_bias_correction": True, "weight_decay": 0.1}, 1.0),
    "prodigy_coupled_safeguard_growth": (
        {"beta1": 0.9, "beta2": 0.999, "beta3": BETA3, "d_coef": 2.0, "growth_rate": 1.5, "safeguard_warmup": "true",
         "weight_decay": 0.05, "weight_decay_mode": "coupled"},
        {"d_coef": 2.0, "growth_rate": 1.5, "safeguard_warmup": True, "weight_decay": 0.05, "decouple": False}, 1.0),
    "prodigy_no_momentum": ({"beta1": 0.0, "beta2": 0.999, "beta3": BETA3, "epsilon": 1e-6}, {"betas": (0.0, 0.999), "eps": 1e-6}, 0.5),
}


def run(cls, kwargs, initial, steps, constant_lr):
    p = torch.nn.Parameter(torch.tensor(initial, dtype=torch.float32))
    opt = cls([p], lr=constant_lr if constant_lr is not None else steps[0][1], **kwargs)
    trajectory = [p.detach().numpy().copy()]
    for _, lr, g in steps:
        for group in opt.param_groups:
            group["lr"] = constant_lr if constant_lr is not None else lr
        p.grad = torch.tensor(g, dtype=torch.float32)
        opt.step()
        trajectory.append(p.detach().numpy().copy())
    return trajectory


def main(git_dir):
    torch.set_default_dtype(torch.float32)
    prodigy = reference_code.load(git_dir, COMMIT, FILE, "prodigy_reference").Prodigy
    initial, steps = load_problem()
    for case, (params, kwargs, constant_lr) in CASES.items():
        trajectory = run(prodigy, kwargs, initial, steps, constant_lr)
        assert all(np.all(np.isfinite(p)) for p in trajectory), case
        assert not np.array_equal(trajectory[-1], trajectory[0]), case
        source = "konstmish/prodigy@%s %s Prodigy(%s), torch %s" % (
            COMMIT[:12], FILE, ", ".join("%s=%r" % kv for kv in kwargs.items()), torch.__version__)
        write("prodigy", case, "prodigy", params, source, trajectory, constant_lr)
        print("wrote prodigy/%s.csv" % case)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
