#!/usr/bin/python3
"""Writes tests/MixupLab.Data.Tests/Fixtures/make_moons.csv: scikit-learn's make_moons without shuffle and
noise (exact coordinates and label order) for several n, so TwoMoons can be compared with the reference.

Run: /usr/bin/python3 tools/make_moons_fixture.py   (scikit-learn 1.2 from Debian's python3-sklearn)
Columns: n, index, x, y, label.
"""
import os

import sklearn
from sklearn.datasets import make_moons

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "MixupLab.Data.Tests", "Fixtures", "make_moons.csv")

with open(OUT, "w", encoding="ascii") as f:
    f.write(f"# make_moons(n_samples=n, shuffle=False, noise=None), scikit-learn {sklearn.__version__}\n")
    f.write("n,index,x,y,label\n")
    for n in (2, 3, 7, 10, 101, 200):
        X, y = make_moons(n_samples=n, shuffle=False, noise=None)
        for i in range(n):
            f.write(f"{n},{i},{X[i, 0]!r},{X[i, 1]!r},{int(y[i])}\n")
print("wrote", os.path.normpath(OUT))
