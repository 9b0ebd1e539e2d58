#!/usr/bin/env python3
"""Medians of images/s per peer, thread count and optimizer over the JSON lines measure_peers.sh collected.

Usage: python3 tools/bench/summarize_peers.py peers.jsonl
"""
import json
import statistics
import sys
from collections import defaultdict


def main(path):
    samples = defaultdict(list)
    cores = defaultdict(list)
    versions = {}
    for line in open(path):
        line = line.strip()
        if not line.startswith("{"):
            continue
        run = json.loads(line)
        versions[run["peer"]] = run["version"]
        for r in run["results"]:
            key = (run["peer"], run["threads"], r["optimizer"])
            samples[key].extend(r.get("samples_images_per_second", [r["images_per_second"]]))
            cores[key].append(r.get("cpu_cores_used", float("nan")))
    print("| peer | threads | optimizer | median images/s | samples | median CPU cores used |")
    print("|---|---|---|---|---|---|")
    for (peer, threads, opt), v in sorted(samples.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
        print("| %s %s | %d | %s | %.0f | %s | %.2f |" % (
            peer, versions[peer], threads, opt, statistics.median(v), " ".join("%.0f" % x for x in v),
            statistics.median(cores[(peer, threads, opt)])))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "peers.jsonl")
