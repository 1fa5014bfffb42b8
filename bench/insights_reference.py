#!/usr/bin/env python3
"""Vectorised numpy/scipy version of the insight engine (DESIGN §4), the yardstick for
`aurea insights FILE --json` in bench/insights.bench.ts.

It prints the same §4 JSON (scipy 1.10's ref.json shape), computed the way a careful scipy user
would: one presence matrix, ranks once per symptom, every food's Mann-Whitney and correlation as
matrix products, lags as shifted matrix products, and scipy's own f_oneway / ttest_ind / linregress.

    /usr/bin/python3 bench/insights_reference.py FILE [--check REF.json]
"""
import datetime as dt
import json
import math
import sys
import warnings

import numpy as np
from scipy import special, stats

PHASES = ["menstrual", "follicular", "ovulatory", "luteal"]
BUILTIN = {"bloating": "higher_is_worse", "energy": "higher_is_better", "focus": "higher_is_better"}


def fin(v):
    if v is None:
        return None
    v = float(v)
    return v if math.isfinite(v) else None


def analyse(export):
    defs = {d["key"]: d["polarity"] for d in export.get("symptom_definitions", [])}
    logs = sorted(export["logs"], key=lambda l: l["date"])
    L = len(logs)
    out = {"log_count": L, "tests": [], "triggers": [], "lags": [], "cycle": [], "weekday": [], "trend": []}
    if L == 0:
        return out
    days = np.array([dt.date.fromisoformat(l["date"]).toordinal() for l in logs])
    names = sorted({i for l in logs for i in l["ingredients"]})
    col = {n: j for j, n in enumerate(names)}
    P = np.zeros((L, len(names)), dtype=np.float64)
    for i, l in enumerate(logs):
        for n in l["ingredients"]:
            P[i, col[n]] = 1.0
    pos = {d: i for i, d in enumerate(days)}
    weekend = np.array([dt.date.fromordinal(int(d)).weekday() >= 5 for d in days])
    phase = np.array([l.get("cycle_phase") or "" for l in logs])

    for s in sorted({k for l in logs for k in l["symptoms"]}):
        worse_up = defs.get(s, BUILTIN.get(s, "higher_is_worse")) == "higher_is_worse"
        has = np.array([s in l["symptoms"] for l in logs])
        y_all = np.array([l["symptoms"].get(s, np.nan) for l in logs], dtype=np.float64)
        y = y_all[has]
        n = y.size
        if n < 2 or np.var(y) == 0:
            continue
        X = P[has]
        n1 = X.sum(axis=0)
        n0 = n - n1
        tested = np.nonzero((n1 >= 4) & (n0 >= 4))[0]
        ranks = stats.rankdata(y)
        _, counts = np.unique(y, return_counts=True)
        tie = float(np.sum(counts.astype(float) ** 3 - counts))
        Xt = X[:, tested]
        a, b = n1[tested], n0[tested]
        s1 = y @ Xt
        u1 = ranks @ Xt - a * (a + 1) / 2
        u = np.maximum(u1, a * b - u1)
        sd = np.sqrt(a * b / 12 * ((n + 1) - tie / (n * (n - 1))))
        p = np.clip(2 * stats.norm.sf((u - a * b / 2 - 0.5) / sd), 0, 1)
        ym = y - y.mean()
        r0 = (ym @ (Xt - Xt.mean(axis=0))) / (np.sqrt((ym ** 2).sum()) * np.sqrt(((Xt - Xt.mean(axis=0)) ** 2).sum(axis=0)))
        m = tested.size
        padj = np.minimum(1.0, p * m)
        tests = []
        for k, j in enumerate(tested):
            tests.append({"ingredient": names[j], "symptom": s, "n_present": int(a[k]), "n_absent": int(b[k]),
                          "mean_present": fin(s1[k] / a[k]), "mean_absent": fin((y.sum() - s1[k]) / b[k]),
                          "u_statistic": fin(u1[k]), "p_value": fin(p[k]), "p_adjusted": fin(padj[k]), "correlation": fin(r0[k])})
        out["tests"].extend(tests)
        sig = [t for t in tests if t["p_adjusted"] < 0.05 and (t["correlation"] > 0) == worse_up and t["correlation"] != 0]
        out["triggers"].extend(sorted(sig, key=lambda t: (-abs(t["correlation"]), t["ingredient"]))[:5])

        # Lags as shifted matrix products.
        R = np.full((4, m), np.nan)
        PV = np.full((4, m), np.nan)
        for k in range(4):
            d_idx = [i for i in range(L) if (days[i] + k) in pos and has[pos[days[i] + k]]]
            if len(d_idx) < 8:
                continue
            yk = y_all[[pos[days[i] + k] for i in d_idx]]
            Xk = P[np.array(d_idx)][:, tested]
            N = yk.size
            ykm = yk - yk.mean()
            Xkm = Xk - Xk.mean(axis=0)
            with np.errstate(invalid="ignore", divide="ignore"):
                rk = (ykm @ Xkm) / (np.sqrt((ykm ** 2).sum()) * np.sqrt((Xkm ** 2).sum(axis=0)))
            rk = np.clip(rk, -1, 1)
            ab = N / 2 - 1
            R[k] = rk
            PV[k] = 2 * special.betainc(ab, ab, (1 - np.abs(rk)) / 2)
        for k, j in enumerate(tested):
            rs = [fin(v) for v in R[:, k]]
            best = None
            for q, v in enumerate(rs):
                if v is not None and (best is None or abs(v) > abs(rs[best])):
                    best = q
            out["lags"].append({"ingredient": names[j], "symptom": s, "correlations": rs, "best_lag": best,
                                "p_value": None if best is None else fin(PV[best, k])})

        groups = [(ph, y_all[has & (phase == ph)]) for ph in PHASES]
        groups = [(ph, g) for ph, g in groups if g.size >= 2]
        if len(groups) >= 2:
            res = stats.f_oneway(*[g for _, g in groups])
            means = {ph: float(g.mean()) for ph, g in groups}
            worst = None
            for ph, _ in groups:
                if worst is None or (means[ph] > means[worst] if worse_up else means[ph] < means[worst]):
                    worst = ph
            out["cycle"].append({"symptom": s, "f_statistic": fin(res.statistic), "p_value": fin(res.pvalue), "phase_means": means, "worst_phase": worst})
        wd, we = y_all[has & ~weekend], y_all[has & weekend]
        if wd.size >= 2 and we.size >= 2:
            res = stats.ttest_ind(wd, we, equal_var=False)
            out["weekday"].append({"symptom": s, "t_statistic": fin(res.statistic), "p_value": fin(res.pvalue),
                                   "weekday_mean": float(wd.mean()), "weekend_mean": float(we.mean())})
        if n >= 3:
            res = stats.linregress((days[has] - days[0]).astype(float), y)
            out["trend"].append({"symptom": s, "slope_per_day": fin(res.slope), "p_value": fin(res.pvalue)})
    return out


def main():
    warnings.simplefilter("ignore")
    path = sys.argv[1]
    with open(path, encoding="utf-8") as fh:
        result = analyse(json.load(fh))
    if len(sys.argv) >= 4 and sys.argv[2] == "--check":
        ref = json.load(open(sys.argv[3]))
        bad = []

        def walk(a, e, p):
            if isinstance(e, dict):
                if list(a) != list(e):
                    bad.append(p)
                for k in e:
                    walk(a.get(k), e[k], f"{p}.{k}")
            elif isinstance(e, list):
                if len(a) != len(e):
                    bad.append(p)
                    return
                for i, (x, z) in enumerate(zip(a, e)):
                    walk(x, z, f"{p}[{i}]")
            elif isinstance(e, float) or isinstance(e, int) and not isinstance(e, bool):
                if a is None or not (abs(a - e) <= 1e-9 or abs(a - e) <= 1e-6 * abs(e)):
                    bad.append(f"{p}: {a} vs {e}")
            elif a != e:
                bad.append(f"{p}: {a} vs {e}")

        walk(result, ref, "$")
        print(f"{len(bad)} differences from {sys.argv[3]}", *bad[:10], sep="\n", file=sys.stderr)
        sys.exit(1 if bad else 0)
    json.dump(result, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
