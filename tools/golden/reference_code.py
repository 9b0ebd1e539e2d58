"""Loads an optimizer's reference implementation from a git checkout of its repository at a pinned commit.

The reference code is not copied into descent: the generators read it from a clone the user points to
(a plain `git clone` of the public repository, or a bare git directory), at the commit they pin, so the
goldens say exactly which code produced them.
"""
import importlib.util
import os
import subprocess
import sys
import tempfile


def load(git_dir, commit, path, module_name):
    """Imports `path` as it is at `commit` in the repository at `git_dir` and returns the module."""
    if not os.path.isdir(git_dir):
        sys.exit("no git repository at %s" % git_dir)
    try:
        source = subprocess.run(["git", "--git-dir", git_repo(git_dir), "show", "%s:%s" % (commit, path)],
                                check=True, capture_output=True).stdout
    except subprocess.CalledProcessError as e:
        sys.exit("cannot read %s at %s from %s: %s" % (path, commit, git_dir, e.stderr.decode().strip()))
    tmp = tempfile.mkdtemp(prefix="descent-golden-")
    file = os.path.join(tmp, module_name + ".py")
    with open(file, "wb") as f:
        f.write(source)
    spec = importlib.util.spec_from_file_location(module_name, file)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def git_repo(git_dir):
    """The git directory of a work tree (its .git) or a bare repository itself."""
    dot = os.path.join(git_dir, ".git")
    return dot if os.path.isdir(dot) else git_dir
