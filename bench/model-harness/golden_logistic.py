#!/usr/bin/python3
"""Golden values for tests/unit/model/ordinal.test.ts: scikit-learn's L2 logistic regression on a small
fixed data set. Our two-category fit minimises  Σ NLL + (λ/2)·‖w‖²  with a free intercept, which is
sklearn's LogisticRegression(C=1/λ) (it minimises C·Σ NLL + ½‖w‖²). Run once:
    /usr/bin/python3 bench/model-harness/golden_logistic.py > tests/unit/model/golden/logistic.json
"""
import json

import numpy as np
from sklearn.linear_model import LogisticRegression

rng = np.random.RandomState(12345)
n, p = 120, 5
X = (rng.rand(n, p) < 0.35).astype(float)  # presence-like 0/1 columns, as in the diary features
X[:, 4] = np.round(rng.rand(n) * 7) / 7  # one 0–1 "frequency" column
true_w = np.array([1.8, -1.2, 0.0, 0.6, 1.0])
logit = -0.7 + X @ true_w
y = (rng.rand(n) < 1 / (1 + np.exp(-logit))).astype(int)

out = {"X": X.tolist(), "y": y.tolist(), "fits": []}
for lam in [0.5, 2.0, 8.0]:
    m = LogisticRegression(C=1 / lam, tol=1e-12, max_iter=10000).fit(X, y)
    out["fits"].append({"lambda": lam, "coef": m.coef_[0].tolist(), "intercept": float(m.intercept_[0])})
print(json.dumps(out))
