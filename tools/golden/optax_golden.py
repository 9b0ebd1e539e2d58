#!/usr/bin/env python3
"""Reference trajectories of LAMB and LARS: Optax's definitions transcribed to NumPy (float32).

Optax (JAX) does not run here, so its code is transcribed line by line from google-deepmind/optax at
commit COMMIT below:
  optax/_src/alias.py           lamb = chain(scale_by_adam, add_decayed_weights(mask), scale_by_trust_ratio,
                                             scale_by_learning_rate)
                                lars = chain(add_decayed_weights(mask), masked(scale_by_trust_ratio, mask),
                                             scale_by_learning_rate, trace)
  optax/_src/transform.py       scale_by_adam, scale_by_trust_ratio, scale_by_learning_rate
  optax/_src/numerics.py        safe_norm (min_norm 0: the plain L2 norm)
  optax/tree_utils/_tree_math.py  update_moment, update_moment_per_elem_norm, bias_correction
  optax/transforms/_adding.py   add_decayed_weights
  optax/transforms/_accumulation.py  trace
Written from those files, not from the Java code. Every array operation is float32, as JAX's on float32
leaves with Python-scalar hyperparameters (weakly typed).

The six parameters of golden/initial.csv are split into three tensors (Optax leaves): w1 = p0..p2,
b1 = p3 (a bias: no weight decay and no trust ratio, unless always_adapt), w2 = p4..p5. Each file lists them
as '# group=name,from,to,weight_decay', the groups descent binds.

Usage (by hand; the output is committed): /usr/bin/python3 tools/golden/optax_golden.py
"""
import numpy as np

from golden_io import load_problem, write

COMMIT = "2edbcbe2390da13983b92cbef94ac0460ecde1c5"
F = np.float32

# name, from, to, weight decay (False: Optax's masks leave the leaf out)
TENSORS = [("w1", 0, 3, True), ("b1", 3, 4, False), ("w2", 4, 6, True)]


def norm(x):
    return np.sqrt(np.sum(x * x, dtype=F), dtype=F)


def trust_ratio(u, p, trust_coefficient=1.0, eps=0.0):
    """scale_by_trust_ratio._scale_update: trust_coefficient·‖p‖/(‖u‖ + eps), 1 where a norm is 0."""
    pn, un = norm(p), norm(u)
    if pn == 0 or un == 0:
        return u * F(1.0)
    return u * (F(trust_coefficient) * pn / (un + F(eps)))


def lamb(b1=0.9, b2=0.999, eps=1e-6, weight_decay=0.0, always_adapt=False):
    """alias.lamb(learning_rate, b1, b2, eps, eps_root=0, weight_decay, mask); the trust ratio masked as the
    weight decay unless always_adapt (which is optax.lamb itself, whose trust ratio has no mask)."""
    def init(p):
        return {"mu": np.zeros_like(p), "nu": np.zeros_like(p), "count": 0}

    def update(g, st, p, lr, decayed):
        st["mu"] = F(1 - b1) * g + F(b1) * st["mu"]                             # update_moment(order 1)
        st["nu"] = F(1 - b2) * (g ** 2) + F(b2) * st["nu"]                    # update_moment_per_elem_norm(order 2)
        st["count"] += 1
        mu_hat = st["mu"] / F(1 - F(b1) ** st["count"])                       # bias_correction
        nu_hat = st["nu"] / F(1 - F(b2) ** st["count"])
        u = mu_hat / (np.sqrt(nu_hat + F(0.0)) + F(eps))                       # eps_root = 0
        if decayed and weight_decay != 0:
            u = u + F(weight_decay) * p                                        # add_decayed_weights
        if decayed or always_adapt:
            u = trust_ratio(u, p)                                              # scale_by_trust_ratio()
        return u * F(-lr)                                                      # scale_by_learning_rate
    return init, update


def lars(weight_decay=0.0, trust_coefficient=0.001, eps=0.0, momentum=0.9, nesterov=False, always_adapt=False):
    """alias.lars(learning_rate, weight_decay, weight_decay_mask, trust_coefficient, eps, trust_ratio_mask,
    momentum, nesterov), with weight_decay_mask = the weight-decay flags and trust_ratio_mask = the same flags
    (all True if always_adapt)."""
    def init(p):
        return {"trace": np.zeros_like(p)}

    def update(g, st, p, lr, decayed):
        u = g
        if decayed and weight_decay != 0:
            u = u + F(weight_decay) * p                                        # add_decayed_weights
        if decayed or always_adapt:
            u = trust_ratio(u, p, trust_coefficient, eps)                      # masked(scale_by_trust_ratio)
        u = u * F(-lr)                                                         # scale_by_learning_rate
        st["trace"] = u + F(momentum) * st["trace"]                            # trace: g + decay·t
        return u + F(momentum) * st["trace"] if nesterov else st["trace"]
    return init, update


# case -> (registry name, registry keys, transform, constant lr or None, split into TENSORS)
CASES = {
    "lamb": ("lamb", {"beta1": 0.9, "beta2": 0.999, "epsilon": 1e-6, "weight_decay": 0.01, "weight_decay_mode": "decoupled"},
             lamb(weight_decay=0.01), None, True),
    "lamb_always_adapt": ("lamb", {"beta1": 0.8, "beta2": 0.99, "epsilon": 1e-3, "always_adapt": "true",
                                   "weight_decay": 0.1, "weight_decay_mode": "decoupled"},
                          lamb(b1=0.8, b2=0.99, eps=1e-3, weight_decay=0.1, always_adapt=True), None, True),
    "lamb_one_tensor": ("lamb", {"beta1": 0.9, "beta2": 0.999, "epsilon": 1e-6, "weight_decay": 0.0},
                        lamb(), None, False),
    "lars": ("lars", {"momentum": 0.9, "nesterov": "false", "trust_coefficient": 0.001, "epsilon": 0.0,
                      "weight_decay": 0.001, "weight_decay_mode": "coupled"},
             lars(weight_decay=0.001), 1.0, True),
    "lars_nesterov_always_adapt": ("lars", {"momentum": 0.8, "nesterov": "true", "trust_coefficient": 0.02, "epsilon": 1e-3,
                                            "always_adapt": "true", "weight_decay": 0.05, "weight_decay_mode": "coupled"},
                                   lars(weight_decay=0.05, trust_coefficient=0.02, eps=1e-3, momentum=0.8, nesterov=True,
                                        always_adapt=True), None, True),
    "lars_one_tensor": ("lars", {"momentum": 0.9, "trust_coefficient": 0.01}, lars(trust_coefficient=0.01), None, False),
}


def run(transform, initial, steps, constant_lr, split):
    init, update = transform
    tensors = TENSORS if split else [("all", 0, len(initial), True)]
    p = initial.copy()
    states = [init(p[a:b]) for _, a, b, _ in tensors]
    trajectory = [p.copy()]
    for _, lr, g in steps:
        lr = constant_lr if constant_lr is not None else lr
        new = p.copy()
        for (_, a, b, decayed), st in zip(tensors, states):
            new[a:b] = p[a:b] + update(g[a:b], st, p[a:b], lr, decayed)        # apply_updates
        p = new
        assert p.dtype == np.float32
        trajectory.append(p.copy())
    return trajectory


def main():
    initial, steps = load_problem()
    for case, (name, params, transform, constant_lr, split) in CASES.items():
        trajectory = run(transform, initial, steps, constant_lr, split)
        assert all(np.all(np.isfinite(p)) for p in trajectory), case
        headers = ["group=%s,%d,%d,%s" % (n, a, b, str(d).lower()) for n, a, b, d in TENSORS] if split else []
        source = "NumPy transcription of google-deepmind/optax@%s optax/_src/alias.py %s" % (COMMIT[:12], name)
        write("optax", case, name, params, source, trajectory, constant_lr, headers)
        print("wrote optax/%s.csv" % case)


if __name__ == "__main__":
    main()
