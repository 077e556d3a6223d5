#!/usr/bin/python3
"""sk.py IN.csv EPS_M MIN_POINTS OUT — scikit-learn's DBSCAN on the same input, the
anchor bench/cluster compares against: metric='haversine', algorithm='ball_tree',
coordinates in radians, eps = EPS_M / R. Writes `cluster,core` per input row to OUT
and prints one line: fit seconds and peak RSS (MiB) of this process."""
import resource
import sys
import time

import numpy as np
from sklearn.cluster import DBSCAN

R = 6371008.8


def main():
    path, eps, minpts, out = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    data = np.loadtxt(path, delimiter=",", skiprows=1, usecols=(1, 2))
    X = np.radians(data)
    t0 = time.perf_counter()
    db = DBSCAN(eps=eps / R, min_samples=minpts, metric="haversine", algorithm="ball_tree").fit(X)
    fit = time.perf_counter() - t0
    core = np.zeros(len(X), dtype=np.int8)
    core[db.core_sample_indices_] = 1
    np.savetxt(out, np.column_stack([db.labels_, core]), fmt="%d", delimiter=",")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print("sklearn fit_s=%.3f rss_mib=%.1f" % (fit, rss))


if __name__ == "__main__":
    main()
