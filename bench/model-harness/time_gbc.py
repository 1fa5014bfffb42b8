#!/usr/bin/python3
"""Times scikit-learn's GradientBoostingClassifier (ADR settings) fitting the three targets on one ADR
feature table, for bench/model.bench.ts. Usage: time_gbc.py TABLE.json → prints {"seconds": s}."""
import json
import sys
import time
import warnings

import numpy as np
from sklearn.ensemble import GradientBoostingClassifier

warnings.filterwarnings("ignore")
table = json.load(open(sys.argv[1]))
X = np.asarray(table["X_train"], dtype=float)
t0 = time.perf_counter()
for t in table["targets"].values():
    GradientBoostingClassifier(n_estimators=100, max_depth=4, learning_rate=0.1, random_state=0).fit(X, np.asarray(t["y_train"]))
print(json.dumps({"seconds": time.perf_counter() - t0, "rows": int(X.shape[0]), "columns": int(X.shape[1])}))
