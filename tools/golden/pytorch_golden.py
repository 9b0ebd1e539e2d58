#!/usr/bin/env python3
"""Reference trajectories from torch.optim (PyTorch 1.13, float32, single-tensor code path).

Every case replays golden/gradients.csv (20 steps, lr 0.01 then 0.003; or a constant lr where the case
says so) from golden/initial.csv and writes golden/pytorch/<case>.csv with the registry name and keys
that reproduce it in descent.

Usage (by hand; the output is committed): /usr/bin/python3 tools/golden/pytorch_golden.py
"""
import numpy as np
import torch

from golden_io import load_problem, write

# case -> (registry name, registry keys, torch class, torch kwargs, constant lr or None)
CASES = {
    "sgd": ("sgd", {}, torch.optim.SGD, {}, None),
    "sgd_weight_decay": ("sgd", {"weight_decay": 0.1}, torch.optim.SGD, {"weight_decay": 0.1}, None),
    "momentum": ("momentum", {"momentum": 0.9, "convention": "pytorch"}, torch.optim.SGD, {"momentum": 0.9}, None),
    "momentum_constant_lr": ("momentum", {"momentum": 0.9, "convention": "pytorch"}, torch.optim.SGD, {"momentum": 0.9}, 0.01),
    "momentum_weight_decay": ("momentum", {"momentum": 0.8, "convention": "pytorch", "weight_decay": 0.05},
                              torch.optim.SGD, {"momentum": 0.8, "weight_decay": 0.05}, None),
    "nesterov": ("nesterov", {"momentum": 0.9, "convention": "pytorch"}, torch.optim.SGD, {"momentum": 0.9, "nesterov": True}, None),
    "nesterov_constant_lr": ("nesterov", {"momentum": 0.9, "convention": "pytorch"}, torch.optim.SGD,
                             {"momentum": 0.9, "nesterov": True}, 0.01),
    "adagrad": ("adagrad", {"initial_accumulator": 0.0, "epsilon": 1e-10, "convention": "pytorch"}, torch.optim.Adagrad, {}, None),
    "adagrad_initial_accumulator": ("adagrad", {"initial_accumulator": 0.1, "epsilon": 1e-10, "convention": "pytorch"},
                                    torch.optim.Adagrad, {"initial_accumulator_value": 0.1}, None),
    "rmsprop": ("rmsprop", {"rho": 0.99, "epsilon": 1e-8, "momentum": 0.0, "centered": "false", "convention": "pytorch"},
                torch.optim.RMSprop, {}, None),
    "rmsprop_centered": ("rmsprop", {"rho": 0.9, "epsilon": 1e-8, "momentum": 0.0, "centered": "true", "convention": "pytorch"},
                         torch.optim.RMSprop, {"alpha": 0.9, "centered": True}, None),
    "rmsprop_momentum": ("rmsprop", {"rho": 0.99, "epsilon": 1e-8, "momentum": 0.9, "centered": "false", "convention": "pytorch"},
                         torch.optim.RMSprop, {"momentum": 0.9}, None),
    "rmsprop_centered_momentum": ("rmsprop", {"rho": 0.95, "epsilon": 1e-6, "momentum": 0.5, "centered": "true", "convention": "pytorch"},
                                  torch.optim.RMSprop, {"alpha": 0.95, "eps": 1e-6, "momentum": 0.5, "centered": True}, None),
    "adam": ("adam", {"beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8, "convention": "pytorch"}, torch.optim.Adam, {}, None),
    "adam_betas": ("adam", {"beta1": 0.5, "beta2": 0.9, "epsilon": 1e-3, "convention": "pytorch"},
                   torch.optim.Adam, {"betas": (0.5, 0.9), "eps": 1e-3}, None),
    "adam_weight_decay": ("adam", {"beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8, "convention": "pytorch", "weight_decay": 0.1},
                          torch.optim.Adam, {"weight_decay": 0.1}, None),
    "amsgrad": ("amsgrad", {"beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8, "convention": "pytorch"},
                torch.optim.Adam, {"amsgrad": True}, None),
    "adamw": ("adamw", {"beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8, "convention": "pytorch",
                        "weight_decay": 0.5, "weight_decay_mode": "decoupled"},
              torch.optim.AdamW, {"weight_decay": 0.5}, None),
    "adamw_amsgrad": ("adamw", {"beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8, "convention": "pytorch", "amsgrad": "true",
                                "weight_decay": 0.01, "weight_decay_mode": "decoupled"},
                      torch.optim.AdamW, {"weight_decay": 0.01, "amsgrad": True}, None),
    # torch < 2.0 multiplies mu_t twice into the last denominator; the pytorch_1_13 convention reproduces it
    "nadam": ("nadam", {"beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8, "momentum_decay": 0.004, "convention": "pytorch_1_13"},
              torch.optim.NAdam, {}, None),
    "adamax": ("adamax", {"beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8, "convention": "pytorch"}, torch.optim.Adamax, {}, None),
    "adadelta": ("adadelta", {"rho": 0.9, "epsilon": 1e-6, "convention": "pytorch"}, torch.optim.Adadelta, {}, None),
    "radam": ("radam", {"beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8}, torch.optim.RAdam, {}, None),
}


def run(cls, kwargs, initial, steps, constant_lr):
    p = torch.nn.Parameter(torch.tensor(initial, dtype=torch.float32))
    opt = cls([p], lr=steps[0][1], foreach=False, **kwargs)
    trajectory = [p.detach().numpy().copy()]
    for _, lr, g in steps:
        for group in opt.param_groups:
            group["lr"] = constant_lr if constant_lr is not None else lr
        p.grad = torch.tensor(g, dtype=torch.float32)
        opt.step()
        trajectory.append(p.detach().numpy().copy())
    return trajectory


def main():
    torch.set_default_dtype(torch.float32)
    initial, steps = load_problem()
    for case, (name, params, cls, kwargs, constant_lr) in CASES.items():
        trajectory = run(cls, kwargs, initial, steps, constant_lr)
        assert all(np.all(np.isfinite(p)) for p in trajectory), case
        source = "torch %s torch.optim.%s(%s)" % (torch.__version__, cls.__name__,
                                                  ", ".join("%s=%r" % kv for kv in kwargs.items()))
        write("pytorch", case, name, params, source, trajectory, constant_lr)
        print("wrote pytorch/%s.csv" % case)


if __name__ == "__main__":
    main()
