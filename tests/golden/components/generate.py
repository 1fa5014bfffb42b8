#!/usr/bin/env python3
"""Reference for the component findings (issue 14 point 4) in plain python + scipy: for every
component x symptom x lag 0-3, Mann-Whitney U (two-sided, asymptotic, continuity correction) and the
point-biserial r of "the day carried the component" against the symptom k days later, Bonferroni over
every component test of the diary. The TypeScript engine must agree to 1e-6 relative / 1e-9 absolute.

Which foods carry a component is written into the case (`carriers`); the unit test checks the app's
table says the same, so this script needs no copy of the table.

Run once (the output is committed; tests never call python):
    /usr/bin/python3 tests/golden/components/generate.py
"""
import datetime as dt
import json
import math
import os
import random

import scipy
from scipy import stats

MIN_GROUP = 4
MAX_LAG = 3
ALPHA = 0.05
# Only the components whose carriers appear in the case; every other food here carries none.
CARRIERS = {
    "lactose": ["milk", "yogurt"],
    "fructans": ["onion", "garlic", "leek"],
    "caffeine": ["coffee"],
}
NEUTRAL = ["rice", "chicken", "carrot", "egg", "spinach", "cheddar"]  # cheddar: low lactose, not a carrier
ORDER = ["lactose", "fructans", "gos", "excess_fructose", "polyols", "gluten", "caffeine", "alcohol", "capsaicin"]


def fin(v):
    v = float(v)
    return v if math.isfinite(v) else None


def analyse(logs):
    logs = sorted(logs, key=lambda l: l["date"])
    by_day = {dt.date.fromisoformat(l["date"]): l for l in logs}
    symptoms = sorted({k for l in logs for k in l["symptoms"]})
    tests = []
    for comp in [c for c in ORDER if c in CARRIERS]:
        carriers = set(CARRIERS[comp])
        days = {}
        for l in logs:
            for f in set(l["ingredients"]):
                if f in carriers:
                    days[f] = days.get(f, 0) + 1
        if not days:
            continue
        foods = [f for f, _ in sorted(days.items(), key=lambda kv: (-kv[1], kv[0]))]
        for s in symptoms:
            for k in range(MAX_LAG + 1):
                x, y = [], []
                for l in logs:
                    later = by_day.get(dt.date.fromisoformat(l["date"]) + dt.timedelta(days=k))
                    if later is None or s not in later["symptoms"]:
                        continue
                    v = later["symptoms"][s]
                    (x if carriers & set(l["ingredients"]) else y).append(v)
                if len(x) < MIN_GROUP or len(y) < MIN_GROUP or len(set(x + y)) == 1:
                    continue
                u, p = stats.mannwhitneyu(x, y, alternative="two-sided", method="asymptotic", use_continuity=True)
                r = stats.pointbiserialr([1] * len(x) + [0] * len(y), x + y)[0]
                tests.append({
                    "component": comp, "symptom": s, "lag_days": k, "n_present": len(x), "n_absent": len(y),
                    "mean_present": fin(sum(x) / len(x)), "mean_absent": fin(sum(y) / len(y)),
                    "u_statistic": fin(u), "p_value": fin(p), "p_adjusted": None, "correlation": fin(r),
                    "significant": False, "foods": foods,
                })
    m = len(tests)
    for t in tests:
        t["p_adjusted"] = None if t["p_value"] is None else min(1.0, t["p_value"] * m)
        t["significant"] = t["p_adjusted"] is not None and t["p_adjusted"] < ALPHA and t["correlation"] not in (None, 0.0)
    return tests


def case(seed, days, skip):
    rnd = random.Random(seed)
    start = dt.date(2025, 3, 1)
    logs = []
    exposed = False
    for i in range(days):
        if i in skip:
            exposed = False
            continue
        ing = [f for f in NEUTRAL if rnd.random() < 0.4]
        for c in CARRIERS.values():
            ing += [f for f in c if rnd.random() < 0.15]
        sym = {"bloating": max(0, min(10, round(2 + rnd.random() * 4 + (2 if exposed else 0))))}
        if rnd.random() < 0.8:
            sym["energy"] = rnd.randint(3, 7) - (1 if "coffee" not in ing else 0)
        logs.append({"date": (start + dt.timedelta(days=i)).isoformat(), "ingredients": ing, "symptoms": sym})
        exposed = any(f in CARRIERS["fructans"] for f in ing)
    return logs


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    cases = []
    for name, seed, days, skip in [("fructans-next-day", 11, 75, {9, 30, 31, 50}), ("ties-and-gaps", 4, 40, {2, 5, 6, 20})]:
        logs = case(seed, days, skip)
        cases.append({"case": name, "logs": logs, "expected": analyse(logs)})
    doc = {"generator": "tests/golden/components/generate.py", "scipy": scipy.__version__, "carriers": CARRIERS, "neutral": NEUTRAL, "cases": cases}
    with open(os.path.join(here, "components.json"), "w") as fh:
        json.dump(doc, fh, indent=1, allow_nan=False)


if __name__ == "__main__":
    main()
