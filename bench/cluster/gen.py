#!/usr/bin/python3
"""gen.py N SEED OUT.csv — synthetic points for bench/cluster at constant density.

80% of the points fall in Gaussian blobs of 40 points (sigma uniform in 80-250 m
per blob), 20% uniformly; everything in a square around (34 N, 50 E) whose area
grows with N (20 points per km², so 1,000,000 points cover ~224 km × 224 km, about
a province). Offsets in metres become degrees with the local scale. Writes CSV
`id,lat,lon` with 7 decimals (~1 cm)."""
import sys

import numpy as np

R = 6371008.8
LAT0, LON0 = 34.0, 50.0
DENSITY_PER_KM2 = 20.0


def main():
    n, seed, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    rng = np.random.default_rng(seed)
    side = (n / DENSITY_PER_KM2) ** 0.5 * 1000.0  # metres
    nblobs = int(n * 0.8) // 40
    centres = rng.uniform(-side / 2, side / 2, size=(nblobs, 2))
    sigma = rng.uniform(80.0, 250.0, size=nblobs)
    blob = np.repeat(centres, 40, axis=0) + rng.standard_normal((nblobs * 40, 2)) * np.repeat(sigma, 40)[:, None]
    uniform = rng.uniform(-side / 2, side / 2, size=(n - nblobs * 40, 2))
    xy = np.concatenate([blob, uniform])
    xy = xy[rng.permutation(n)]  # blobs not contiguous in the file
    lat = LAT0 + xy[:, 1] / R * 180.0 / np.pi
    lon = LON0 + xy[:, 0] / (R * np.cos(np.radians(LAT0))) * 180.0 / np.pi
    with open(out, "w") as f:
        f.write("id,lat,lon\n")
        ids = np.arange(n)
        lines = np.char.add(np.char.add(np.char.add(ids.astype(str), ","),
                                        np.char.add(np.char.mod("%.7f", lat), ",")),
                            np.char.mod("%.7f", lon))
        f.write("\n".join(lines.tolist()))
        f.write("\n")


if __name__ == "__main__":
    main()
