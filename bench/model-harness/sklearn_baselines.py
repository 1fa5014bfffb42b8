#!/usr/bin/python3
"""scikit-learn baselines for the model harness (run by run.ts; never by the tests).

Reads every case_*.json in the work directory (written by run.ts: the ADR feature table of the
time-based 80/20 split and the yes/no targets) and fits, per target, the ADR's models on the same
split the app model used:
  lr      StandardScaler + LogisticRegression(class_weight='balanced', max_iter=1000)
  lr_raw  LogisticRegression(class_weight='balanced', max_iter=1000) on unscaled features
  gbc     GradientBoostingClassifier(n_estimators=100, max_depth=4, learning_rate=0.1, random_state=0)
Writes sklearn.json: {case: {target: {model: {auc, brier}}}, timing_s: {case: {model: seconds}}}.
"""
import json
import sys
import time
import warnings
from pathlib import Path

import numpy as np
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

warnings.filterwarnings("ignore")


def models():
    return {
        "lr": lambda: make_pipeline(StandardScaler(), LogisticRegression(class_weight="balanced", max_iter=1000)),
        "lr_raw": lambda: LogisticRegression(class_weight="balanced", max_iter=1000),
        "gbc": lambda: GradientBoostingClassifier(n_estimators=100, max_depth=4, learning_rate=0.1, random_state=0),
    }


def score(y, p):
    y = np.asarray(y)
    auc = float(roc_auc_score(y, p)) if 0 < y.sum() < len(y) else None
    return {"auc": auc, "brier": float(brier_score_loss(y, p))}


def main(workdir: Path) -> None:
    out = {"cases": {}, "timing_s": {}}
    for f in sorted(workdir.glob("case_*.json")):
        case = json.loads(f.read_text())
        X_train = np.asarray(case["X_train"], dtype=float)
        X_test = np.asarray(case["X_test"], dtype=float)
        res, timing = {}, {}
        for target, t in case["targets"].items():
            y_train = np.asarray(t["y_train"])
            res[target] = {}
            for name, make in models().items():
                if y_train.min() == y_train.max():
                    p = np.full(len(X_test), float(y_train[0]))
                else:
                    t0 = time.perf_counter()
                    m = make().fit(X_train, y_train)
                    timing[name] = timing.get(name, 0.0) + time.perf_counter() - t0
                    p = m.predict_proba(X_test)[:, 1]
                res[target][name] = score(t["y_test"], p)
        out["cases"][case["name"]] = res
        out["timing_s"][case["name"]] = timing
        print(f"sklearn: {case['name']}", file=sys.stderr)
    (workdir / "sklearn.json").write_text(json.dumps(out, indent=1))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
