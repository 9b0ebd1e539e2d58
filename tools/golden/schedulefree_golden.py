#!/usr/bin/env python3
"""Reference trajectories of Schedule-Free SGD and AdamW from the authors' reference code (PyTorch, float32).

Runs SGDScheduleFreeReference and AdamWScheduleFreeReference of facebookresearch/schedule_free, files
schedulefree/sgd_schedulefree_reference.py and schedulefree/adamw_schedulefree_reference.py at commit
COMMIT below, on golden/gradients.csv from golden/initial.csv, and writes golden/schedulefree/<case>.csv.

Two kinds of rows:
  * train rows: the parameters after each step, in train mode (the sequence y the gradients are taken at);
  * eval rows (header 'rows=eval'): after each step the optimizer's eval() is called, the parameters (now the
    average x) are recorded, and train() is called before the next step.

Usage (by hand; the output is committed; needs Debian's python3-torch):
  git clone https://github.com/facebookresearch/schedule_free /tmp/schedule_free
  /usr/bin/python3 tools/golden/schedulefree_golden.py /tmp/schedule_free
"""
import contextlib
import io
import sys

import numpy as np
import torch

import reference_code
from golden_io import load_problem, write

COMMIT = "70785b53e778d0e872c0bbb75ff4ee54ee10c291"
SGD_FILE = "schedulefree/sgd_schedulefree_reference.py"
ADAMW_FILE = "schedulefree/adamw_schedulefree_reference.py"

# case -> (registry name, registry keys, "sgd" or "adamw", reference kwargs, eval rows)
CASES = {
    "schedule_free_sgd": ("schedule_free_sgd", {"momentum": 0.9}, "sgd", {"momentum": 0.9}, False),
    "schedule_free_sgd_eval": ("schedule_free_sgd", {"momentum": 0.9}, "sgd", {"momentum": 0.9}, True),
    "schedule_free_sgd_decay_warmup": (
        "schedule_free_sgd",
        {"momentum": 0.8, "warmup_steps": 5, "r": 1.0, "weight_lr_power": 1.5, "weight_decay": 0.1, "weight_decay_mode": "coupled"},
        "sgd", {"momentum": 0.8, "warmup_steps": 5, "r": 1.0, "weight_lr_power": 1.5, "weight_decay": 0.1}, False),
    "schedule_free_sgd_decay_warmup_eval": (
        "schedule_free_sgd",
        {"momentum": 0.8, "warmup_steps": 5, "r": 1.0, "weight_lr_power": 1.5, "weight_decay": 0.1, "weight_decay_mode": "coupled"},
        "sgd", {"momentum": 0.8, "warmup_steps": 5, "r": 1.0, "weight_lr_power": 1.5, "weight_decay": 0.1}, True),
    "schedule_free_adamw": ("schedule_free_adamw", {"beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8}, "adamw", {}, False),
    "schedule_free_adamw_eval": ("schedule_free_adamw", {"beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8}, "adamw", {}, True),
    "schedule_free_adamw_decay_y": (
        "schedule_free_adamw",
        {"beta1": 0.8, "beta2": 0.99, "epsilon": 1e-6, "warmup_steps": 4, "r": 0.5, "weight_lr_power": 2.0,
         "weight_decay": 0.5, "weight_decay_mode": "decoupled", "decay_at_z": "false"},
        "adamw", {"betas": (0.8, 0.99), "eps": 1e-6, "warmup_steps": 4, "r": 0.5, "weight_lr_power": 2.0,
                  "weight_decay": 0.5}, False),
    "schedule_free_adamw_decay_z_inner_momentum_eval": (
        "schedule_free_adamw",
        {"beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8, "warmup_steps": 3, "decay_at_z": "true", "inner_momentum": 0.9,
         "weight_decay": 0.5, "weight_decay_mode": "decoupled"},
        "adamw", {"warmup_steps": 3, "decay_at_z": True, "inner_momentum": 0.9, "weight_decay": 0.5}, True),
}


def run(cls, kwargs, initial, steps, eval_rows):
    p = torch.nn.Parameter(torch.tensor(initial, dtype=torch.float32))
    opt = cls([p], lr=steps[0][1], **kwargs)
    with contextlib.redirect_stdout(io.StringIO()):   # the AdamW reference prints each switch
        opt.train()
        trajectory = [p.detach().numpy().copy()]
        for _, lr, g in steps:
            for group in opt.param_groups:
                group["lr"] = lr
            p.grad = torch.tensor(g, dtype=torch.float32)
            opt.step()
            if eval_rows:
                opt.eval()
                trajectory.append(p.detach().numpy().copy())
                opt.train()
            else:
                trajectory.append(p.detach().numpy().copy())
    return trajectory


def main(git_dir):
    torch.set_default_dtype(torch.float32)
    sgd = reference_code.load(git_dir, COMMIT, SGD_FILE, "sgd_schedulefree_reference").SGDScheduleFreeReference
    adamw = reference_code.load(git_dir, COMMIT, ADAMW_FILE, "adamw_schedulefree_reference").AdamWScheduleFreeReference
    initial, steps = load_problem()
    for case, (name, params, which, kwargs, eval_rows) in CASES.items():
        cls, file = (sgd, SGD_FILE) if which == "sgd" else (adamw, ADAMW_FILE)
        trajectory = run(cls, kwargs, initial, steps, eval_rows)
        assert all(np.all(np.isfinite(p)) for p in trajectory), case
        source = "facebookresearch/schedule_free@%s %s %s(%s), torch %s" % (
            COMMIT[:12], file, cls.__name__, ", ".join("%s=%r" % kv for kv in kwargs.items()), torch.__version__)
        write("schedulefree", case, name, params, source, trajectory, headers=["rows=eval"] if eval_rows else ())
        print("wrote schedulefree/%s.csv" % case)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
