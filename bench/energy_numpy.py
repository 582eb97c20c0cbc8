"""The fair brute force for benchmark 1, vectorised with numpy (run by genius-energy.ts).

Reads from stdin the parties' weighted option values (utility tables: per party, per issue,
weight × value of each option) and reservation values; builds every outcome's utilities by
broadcasting, the Pareto frontier by one sort and a running maximum, and the Nash and
Kalai-Smorodinsky points from the frontier. Prints the median time of the complete work
(utilities + frontier + Nash + KS, inside the interpreter) and what it found, as JSON.
"""
import json
import sys
import time

import numpy as np

TOLERANCE = 1e-9


def solve(tables, reservation):
    utilities = []
    for party in tables:
        total = np.zeros(1)
        for issue in party:
            total = (total[:, None] + np.asarray(issue)[None, :]).ravel()
        utilities.append(total)
    u0, u1 = utilities
    # Best first utility first (snapped to the tolerance grid), then best second utility.
    order = np.lexsort((-u1, -np.round(u0 / TOLERANCE)))
    a, b = u0[order], u1[order]
    before = np.maximum.accumulate(np.concatenate(([-np.inf], b[:-1])))
    keep = b > before + TOLERANCE
    fa, fb = a[keep], b[keep]
    d0, d1 = reservation
    gains = (fa - d0 > TOLERANCE) & (fb - d1 > TOLERANCE)
    product = np.where(gains, (fa - d0) * (fb - d1), -np.inf)
    n = int(np.argmax(product))
    nash = [float(fa[n]), float(fb[n])] if gains.any() else None
    ideal0, ideal1 = fa[0], fb[-1]
    smallest = np.minimum((fa - d0) / (ideal0 - d0), (fb - d1) / (ideal1 - d1))
    k = int(np.argmax(smallest))
    return len(fa), nash, [float(fa[k]), float(fb[k])]


def main():
    data = json.load(sys.stdin)
    tables, reservation, runs = data["tables"], data["reservation"], data["runs"]
    solve(tables, reservation)  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = solve(tables, reservation)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    frontier, nash, ks = result
    json.dump({"medianMs": times[len(times) // 2], "runs": runs, "frontier": frontier, "nash": nash, "ks": ks, "numpy": np.__version__}, sys.stdout)


main()
