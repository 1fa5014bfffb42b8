#!/usr/bin/env python3
"""Reference implementation of DESIGN.md §4 (the insight engine) in plain python + scipy,
and the generator of the hand-made edge-case golden files beside this script.

It is deliberately the slow, obvious version: one scipy call per test, no vectorising,
so that it reads like the rules it checks. The TypeScript engine (shared/insights) must
agree with it to 1e-6 relative / 1e-9 absolute.

Run once (the output is committed; tests never call python):
    /usr/bin/python3 tests/golden/insights/generate.py
Check the reference itself against scipy 1.10's answers for the sample diaries:
    /usr/bin/python3 tests/golden/insights/generate.py --check ../shared/data/diaries
"""
import datetime as dt
import json
import math
import os
import random
import sys
import warnings

import numpy as np
import scipy
from scipy import stats

PHASES = ["menstrual", "follicular", "ovulatory", "luteal"]
BUILTIN_POLARITY = {"bloating": "higher_is_worse", "energy": "higher_is_better", "focus": "higher_is_better"}
MIN_GROUP = 4
MIN_LAG_PAIRS = 8
MAX_LAG = 3
ALPHA = 0.05
TOP_TRIGGERS = 5


def polarity(key, definitions):
    for d in definitions:
        if d["key"] == key:
            return d["polarity"]
    return BUILTIN_POLARITY.get(key, "higher_is_worse")


def fin(v):
    """Non-finite numbers are written as null."""
    if v is None:
        return None
    v = float(v)
    return v if math.isfinite(v) else None


def day(date):
    return dt.date.fromisoformat(date)


def add_months(d, months):
    y, m = divmod(d.month - 1 + months, 12)
    y += d.year
    m += 1
    last = [31, 29 if (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    return dt.date(y, m, min(d.day, last))


def constant(a):
    return len(a) == 0 or all(v == a[0] for v in a)


def worst_of(means, keys, higher_is_worse):
    """First key (in the given order) with the worst mean."""
    best = None
    for k in keys:
        if k not in means:
            continue
        if best is None or (means[k] > means[best] if higher_is_worse else means[k] < means[best]):
            best = k
    return best


def anova(groups):
    f, p = stats.f_oneway(*[np.asarray(g, float) for g in groups])
    return fin(f), fin(p)


def analyse(logs, definitions=()):
    logs = sorted(logs, key=lambda l: l["date"])
    sets = [set(l["ingredients"]) for l in logs]  # de-duplicated within a log
    index_of = {l["date"]: i for i, l in enumerate(logs)}
    first = day(logs[0]["date"]) if logs else None
    symptoms = sorted({k for l in logs for k in l["symptoms"]})
    out = {"log_count": len(logs), "tests": [], "triggers": [], "lags": [], "cycle": [], "weekday": [], "trend": []}
    seasonal, delayed, protective = [], [], []
    long_enough = bool(logs) and day(logs[-1]["date"]) > add_months(first, 3)

    for s in symptoms:
        idx = [i for i, l in enumerate(logs) if s in l["symptoms"]]
        vals = np.array([logs[i]["symptoms"][s] for i in idx], float)
        if len(vals) < 2 or np.var(vals) == 0:
            continue
        worse_up = polarity(s, definitions) == "higher_is_worse"

        # Trigger tests
        tests = []
        for ing in sorted(set().union(*(sets[i] for i in idx))):
            pres = np.array([ing in sets[i] for i in idx])
            n1 = int(pres.sum())
            n0 = len(idx) - n1
            if n1 < MIN_GROUP or n0 < MIN_GROUP:
                continue
            x, y = vals[pres], vals[~pres]
            u, p = stats.mannwhitneyu(x, y, alternative="two-sided", method="asymptotic", use_continuity=True)
            r, _ = stats.pearsonr(pres.astype(float), vals)
            tests.append({
                "ingredient": ing, "symptom": s, "n_present": n1, "n_absent": n0,
                "mean_present": fin(np.mean(x)), "mean_absent": fin(np.mean(y)),
                "u_statistic": fin(u), "p_value": fin(p), "p_adjusted": None, "correlation": fin(r),
            })
        m = len(tests)
        for t in tests:
            t["p_adjusted"] = fin(min(1.0, t["p_value"] * m))
        out["tests"].extend(tests)
        sig = [t for t in tests if t["p_adjusted"] is not None and t["p_adjusted"] < ALPHA and t["correlation"] is not None]
        worse = [t for t in sig if (t["correlation"] > 0) == worse_up and t["correlation"] != 0]
        better = [t for t in sig if (t["correlation"] < 0) == worse_up and t["correlation"] != 0]
        out["triggers"].extend(sorted(worse, key=lambda t: (-abs(t["correlation"]), t["ingredient"]))[:TOP_TRIGGERS])
        protective.extend(sorted(better, key=lambda t: (-abs(t["correlation"]), t["ingredient"])))

        # Lags: presence on d against s on d+k; both days logged, only the later day needs s.
        for t in tests:
            ing = t["ingredient"]
            rs, ps, info = [], [], []
            for k in range(MAX_LAG + 1):
                xs, ys = [], []
                for i, l in enumerate(logs):
                    j = index_of.get((day(l["date"]) + dt.timedelta(days=k)).isoformat())
                    if j is None or s not in logs[j]["symptoms"]:
                        continue
                    xs.append(1.0 if ing in sets[i] else 0.0)
                    ys.append(float(logs[j]["symptoms"][s]))
                if len(xs) < MIN_LAG_PAIRS or constant(xs) or constant(ys):
                    rs.append(None); ps.append(None); info.append(None)
                    continue
                r, p = stats.pearsonr(xs, ys)
                rs.append(fin(r)); ps.append(fin(p))
                xa, ya = np.array(xs), np.array(ys)
                info.append((len(xs), float(ya[xa == 1].mean()), float(ya[xa == 0].mean())))
            best = None
            for k, r in enumerate(rs):
                if r is not None and (best is None or abs(r) > abs(rs[best])):
                    best = k
            out["lags"].append({"ingredient": ing, "symptom": s, "correlations": rs,
                                "best_lag": best, "p_value": None if best is None else ps[best]})
            if best is not None and best > 0 and ps[best] is not None and ps[best] < ALPHA / m:
                n_pairs, mw, mwo = info[best]
                delayed.append({"ingredient": ing, "symptom": s, "lag": best, "correlation": rs[best],
                                "p_value": ps[best], "p_adjusted": min(1.0, ps[best] * m), "n_pairs": n_pairs, "mean_with": mw, "mean_without": mwo,
                                "direction": "worse" if (rs[best] > 0) == worse_up else "better"})

        # Cycle phase
        groups = {}
        for i in idx:
            ph = logs[i].get("cycle_phase")
            if ph in PHASES:
                groups.setdefault(ph, []).append(logs[i]["symptoms"][s])
        used = [ph for ph in PHASES if len(groups.get(ph, [])) >= 2]
        if len(used) >= 2:
            f, p = anova([groups[ph] for ph in used])
            means = {ph: float(np.mean(groups[ph])) for ph in used}
            out["cycle"].append({"symptom": s, "f_statistic": f, "p_value": p, "phase_means": means,
                                 "worst_phase": worst_of(means, PHASES, worse_up)})

        # Weekday vs weekend
        wd = [logs[i]["symptoms"][s] for i in idx if day(logs[i]["date"]).weekday() < 5]
        we = [logs[i]["symptoms"][s] for i in idx if day(logs[i]["date"]).weekday() >= 5]
        if len(wd) >= 2 and len(we) >= 2:
            tt = stats.ttest_ind(np.array(wd, float), np.array(we, float), equal_var=False)
            out["weekday"].append({"symptom": s, "t_statistic": fin(tt.statistic), "p_value": fin(tt.pvalue),
                                   "weekday_mean": float(np.mean(wd)), "weekend_mean": float(np.mean(we))})

        # Trend over calendar days since the first log
        if len(idx) >= 3:
            xs = np.array([(day(logs[i]["date"]) - first).days for i in idx], float)
            lr = stats.linregress(xs, vals)
            out["trend"].append({"symptom": s, "slope_per_day": fin(lr.slope), "p_value": fin(lr.pvalue)})

        # Seasonal pattern: month-of-year means when the diary spans more than 3 months
        if long_enough:
            months = {}
            for i in idx:
                months.setdefault(day(logs[i]["date"]).month, []).append(logs[i]["symptoms"][s])
            mm = [{"month": mo, "n": len(months[mo]), "mean": float(np.mean(months[mo]))} for mo in sorted(months)]
            used_m = [mo for mo in sorted(months) if len(months[mo]) >= 2]
            f = p = None
            if len(used_m) >= 2:
                f, p = anova([months[mo] for mo in used_m])
            means = {mo: float(np.mean(months[mo])) for mo in used_m}
            seasonal.append({"symptom": s, "month_means": mm, "f_statistic": f, "p_value": p,
                             "worst_month": worst_of(means, list(range(1, 13)), worse_up)})

    explained, pairs = explained_layer(logs, out["triggers"], delayed)
    return out, {"seasonal": seasonal, "delayed": delayed, "protective": protective, "explained": explained, "explained_pairs": pairs}


# ---------------------------------------------------------------------------------------------
# "Explained by" (issue 16): a finding that only looks linked because it is eaten with a stronger one

EXPLAINED_MIN_OVERLAP = 0.5
EXPLAINED_MIN_GROUP = 3


def conditional_p(x, y):
    """Mann-Whitney of x against y; 1 when either group has fewer than 3 days or all values are equal."""
    if len(x) < EXPLAINED_MIN_GROUP or len(y) < EXPLAINED_MIN_GROUP or constant(list(x) + list(y)):
        return 1.0
    return fin(stats.mannwhitneyu(x, y, alternative="two-sided", method="asymptotic", use_continuity=True).pvalue)


def pair_evidence(logs, a, b):
    """a, b = (food, symptom, lag). Days: symptom rated, both lagged days logged."""
    by_date = {l["date"]: set(l["ingredients"]) for l in logs}
    s = a[1]
    rows = []
    for l in logs:
        if s not in l["symptoms"]:
            continue
        da = (day(l["date"]) - dt.timedelta(days=a[2])).isoformat()
        db = (day(l["date"]) - dt.timedelta(days=b[2])).isoformat()
        if da not in by_date or db not in by_date:
            continue
        rows.append((a[0] in by_date[da], b[0] in by_date[db], float(l["symptoms"][s])))
    with_a = [r for r in rows if r[0]]
    both = [r for r in with_a if r[1]]
    p_without = conditional_p([r[2] for r in rows if r[0] and not r[1]], [r[2] for r in rows if not r[0] and not r[1]])
    p_by_without = conditional_p([r[2] for r in rows if r[1] and not r[0]], [r[2] for r in rows if not r[1] and not r[0]])
    return {"days": len(rows), "days_with_a": len(with_a), "days_with_both": len(both),
            "overlap": len(both) / len(with_a) if with_a else None, "p_without": p_without, "p_by_without": p_by_without}


def explained_layer(logs, triggers, delayed):
    findings = [(t["ingredient"], t["symptom"], 0) for t in triggers] + \
               [(d["ingredient"], d["symptom"], d["lag"]) for d in delayed if d["direction"] == "worse"]
    explained, pairs = [], []
    for a in findings:
        qualifying = []
        for b in findings:
            if b[1] != a[1] or b[0] == a[0]:
                continue
            e = pair_evidence(logs, a, b)
            pairs.append({"ingredient": a[0], "symptom": a[1], "lag_days": a[2], "by_ingredient": b[0], "by_lag_days": b[2], **e})
            if e["overlap"] is not None and e["overlap"] >= EXPLAINED_MIN_OVERLAP and e["p_without"] >= ALPHA and e["p_by_without"] < ALPHA:
                qualifying.append((b, e))
        if qualifying:
            # Largest overlap, then smallest p(B without A), then food name and lag.
            b, e = min(qualifying, key=lambda q: (-q[1]["overlap"], q[1]["p_by_without"], q[0][0], q[0][2]))
            explained.append({"ingredient": a[0], "symptom": a[1], "lag_days": a[2], "by_ingredient": b[0], "by_lag_days": b[2],
                              "overlap": e["overlap"], "p_without": e["p_without"], "p_by_without": e["p_by_without"]})
    explained.sort(key=lambda e: (e["symptom"], e["ingredient"], e["lag_days"]))
    return explained, pairs


# ---------------------------------------------------------------------------------------------
# Checking the reference against scipy 1.10's answers for the sample diaries

def close(a, b, path, problems):
    if isinstance(a, dict) and isinstance(b, dict):
        if list(a.keys()) != list(b.keys()):
            problems.append(f"{path}: keys {list(a.keys())} != {list(b.keys())}")
            return
        for k in a:
            close(a[k], b[k], f"{path}.{k}", problems)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            problems.append(f"{path}: length {len(a)} != {len(b)}")
            return
        for i, (x, y) in enumerate(zip(a, b)):
            close(x, y, f"{path}[{i}]", problems)
    elif isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        if not (abs(a - b) <= 1e-9 or abs(a - b) <= 1e-6 * abs(b)):
            problems.append(f"{path}: {a} != {b}")
    elif a != b:
        problems.append(f"{path}: {a!r} != {b!r}")


def check(root):
    ok = True
    for name in sorted(os.listdir(root)):
        folder = os.path.join(root, name)
        if not os.path.exists(os.path.join(folder, "ref.json")):
            continue
        export = json.load(open(os.path.join(folder, "export.json")))
        ref = json.load(open(os.path.join(folder, "ref.json")))
        got, _ = analyse(export["logs"], export.get("symptom_definitions", []))
        problems = []
        close(got, ref, name, problems)
        ok = ok and not problems
        print(f"{name}: {'agrees with ref.json' if not problems else f'{len(problems)} differences'}")
        for p in problems[:10]:
            print("   ", p)
    return ok


# ---------------------------------------------------------------------------------------------
# Hand-made edge-case diaries

def dates_from(start, n, skip=()):
    d = dt.date.fromisoformat(start)
    out = []
    i = 0
    while len(out) < n:
        if i not in skip:
            out.append(d.isoformat())
        d += dt.timedelta(days=1)
        i += 1
    return out


def clip(v):
    return max(0, min(5, int(round(v))))


def case_ties():
    """Few distinct values (heavy ties), boundary 4/4 groups, a food on every day, one on all but 3,
    duplicates inside a log, unsorted input, twin foods with identical |r| (tie broken by name)."""
    rng = random.Random(11)
    ds = dates_from("2025-01-06", 40)
    logs = []
    for i, d in enumerate(ds):
        ing = ["water"]  # every day: never tested (no days without it)
        if i not in (3, 17, 29):
            ing.append("salt")  # all but 3 days: too few days without it
        if i in (0, 9, 18, 27):
            ing.append("saffron")  # exactly 4 days: tested
        if i % 3 == 0:
            ing += ["garlic", "onion"]  # identical days: identical r, tie broken by name
        if i % 5 == 1:
            ing += ["milk", "milk"]  # duplicate inside a log counts once
        if i in (2, 5, 8):
            ing.append("kale")  # 3 days: one more day needed
        b = 2 + (1 if i % 3 == 0 else 0) + (1 if i % 5 == 1 else 0) + rng.choice([0, 0, 0, 1, -1])
        logs.append({"date": d, "ingredients": ing, "symptoms": {"bloating": clip(b), "energy": rng.choice([2, 3, 3, 3, 4]), "focus": 3}})
    logs.reverse()  # the engine sorts by date
    return logs, []


def case_missing_days_and_lags():
    """Gaps in the diary: lag pairs exist only where both days are logged; a custom symptom logged
    only on some days (the earlier day of a lag pair need not have it); a late-day effect."""
    rng = random.Random(23)
    skip = {5, 6, 13, 20, 21, 22, 30, 41, 42, 50, 57, 58, 59, 60, 71}
    ds = dates_from("2025-02-01", 70, skip)
    present = {d: set() for d in ds}
    for i, d in enumerate(ds):
        if rng.random() < 0.35:
            present[d].add("beans")
        if rng.random() < 0.3:
            present[d].add("coffee")
        if rng.random() < 0.5:
            present[d].add("bread")
        if rng.random() < 0.08:
            present[d].add("rare fruit")
    logs = []
    for d in ds:
        prev = (dt.date.fromisoformat(d) - dt.timedelta(days=1)).isoformat()
        prev2 = (dt.date.fromisoformat(d) - dt.timedelta(days=2)).isoformat()
        b = 1.5 + (2.2 if "beans" in present.get(prev, ()) else 0) + rng.gauss(0, 0.7)
        e = 3.2 - (1.5 if "coffee" in present.get(prev2, ()) else 0) + rng.gauss(0, 0.7)
        sym = {"bloating": clip(b), "energy": clip(e)}
        if rng.random() < 0.6:
            sym["headache"] = clip(1 + (2 if "bread" in present[d] else 0) + rng.gauss(0, 0.8))
        logs.append({"date": d, "ingredients": sorted(present[d]), "symptoms": sym})
    return logs, [{"key": "headache", "label": "Headache", "polarity": "higher_is_worse", "builtin": False}]


def case_cycle_single_phase_and_constant():
    """One cycle phase only for one symptom's days (no ANOVA), an all-equal symptom (skipped
    everywhere), a symptom rated on 2 days only (no trend), a phase with a single log."""
    rng = random.Random(5)
    ds = dates_from("2025-03-03", 30)
    logs = []
    for i, d in enumerate(ds):
        sym = {"bloating": rng.choice([1, 2, 3]), "energy": 3}  # energy never varies
        if i in (4, 11):
            sym["nausea"] = 1 if i == 4 else 3  # two values only
        phase = "luteal" if i < 25 else None
        if i == 27:
            phase = "menstrual"  # a single log in that phase
        logs.append({"date": d, "ingredients": rng.sample(["rice", "tea", "egg", "toast", "apple"], 2), "symptoms": sym, "cycle_phase": phase})
    return logs, []


def case_custom_higher_is_better():
    """A custom symptom where higher is better: a food that lowers it is a trigger (r < 0), a food
    that raises it is protective; built-in energy likewise; weekday vs weekend difference."""
    rng = random.Random(99)
    ds = dates_from("2025-04-01", 90)
    logs = []
    phases = PHASES
    for i, d in enumerate(ds):
        ing = []
        if rng.random() < 0.3:
            ing.append("wine")
        if rng.random() < 0.3:
            ing.append("walk snack")
        if rng.random() < 0.4:
            ing.append("pasta")
        if rng.random() < 0.2:
            ing.append("chocolate")
        weekend = dt.date.fromisoformat(d).weekday() >= 5
        mood = 3 - (1.6 if "wine" in ing else 0) + (1.2 if "walk snack" in ing else 0) + (0.8 if weekend else 0) + rng.gauss(0, 0.6)
        energy = 3 - (1.0 if "wine" in ing else 0) + rng.gauss(0, 0.8)
        logs.append({"date": d, "ingredients": ing, "symptoms": {"mood": clip(mood), "energy": clip(energy), "bloating": clip(1 + rng.gauss(0, 1))},
                     "cycle_phase": phases[(i // 7) % 4]})
    defs = [{"key": "mood", "label": "Mood", "polarity": "higher_is_better", "builtin": False}]
    return logs, defs


def case_tiny_p_values():
    """A long diary with very strong effects: p-values far below 1e-30 must keep their relative
    precision; more than five triggers for one symptom (only the top five are kept); a steep
    trend; a seasonal pattern over a year."""
    rng = random.Random(2024)
    ds = dates_from("2024-01-01", 400)
    logs = []
    foods = ["milk", "cheese", "yogurt", "cream", "butter", "ice cream", "kefir"]
    for i, d in enumerate(ds):
        ing = [f for f in foods if rng.random() < 0.35] + (["oats"] if rng.random() < 0.5 else [])
        month = dt.date.fromisoformat(d).month
        b = 0.5 + sum(0.9 for f in ing if f in foods) + rng.gauss(0, 0.5)
        e = 4.5 - i * 0.006 + (0.6 if month in (6, 7, 8) else 0) + rng.gauss(0, 0.5)
        if rng.random() < 0.3:
            ing.append("chili")
        reflux = 0.6 + (3.2 if "chili" in ing else 0) + rng.gauss(0, 0.45)
        logs.append({"date": d, "ingredients": ing, "symptoms": {"bloating": clip(b), "energy": clip(e), "focus": rng.choice([2, 3, 4]), "reflux": clip(reflux)},
                     "cycle_phase": ("luteal" if (i % 28) >= 14 else PHASES[(i % 28) // 5 % 3])})
    # Cycle: luteal days much worse bloating, so the ANOVA p is tiny too.
    for l in logs:
        if l["cycle_phase"] == "luteal":
            l["symptoms"]["bloating"] = min(5, l["symptoms"]["bloating"] + 1)
    return logs, [{"key": "reflux", "label": "Reflux", "polarity": "higher_is_worse", "builtin": False}]


def case_constant_groups():
    """Degenerate groups: every phase constant but phases differ (F infinite -> null, p 0);
    weekday and weekend each constant but different (t infinite -> null, p 0); a Mann-Whitney
    p clipped to 1; unicode names sorted by code point; names compared as exact strings."""
    ds = dates_from("2025-06-02", 28)  # a Monday
    logs = []
    for i, d in enumerate(ds):
        weekend = dt.date.fromisoformat(d).weekday() >= 5
        phase = PHASES[i % 4]
        ing = []
        if i % 2 == 0:
            ing.append("Milk")
        if i % 2 == 1:
            ing.append("milk")
        if i % 4 in (0, 1):
            ing.append("\u00e9clair")
        if i % 7 in (1, 3):
            ing.append("zucchini")
        if i % 6 == 0:
            ing.append("\U0001F336 chili")
        if i % 5 == 2:
            ing.append("\uFB01g jam")  # BMP char above the surrogates: code-point order differs from UTF-16 order
        logs.append({"date": d, "ingredients": ing,
                     "symptoms": {"cramps": {"menstrual": 4, "follicular": 2, "ovulatory": 1, "luteal": 3}[phase],
                                  "energy": 2 if weekend else 4},
                     "cycle_phase": phase})
    return logs, [{"key": "cramps", "label": "Cramps", "polarity": "higher_is_worse", "builtin": False}]


def case_short():
    """Tiny diaries: three logs (nothing testable, trend on exactly 3 points with a perfect line)."""
    logs = [
        {"date": "2025-05-01", "ingredients": ["tea"], "symptoms": {"bloating": 1}},
        {"date": "2025-05-03", "ingredients": ["tea", "toast"], "symptoms": {"bloating": 2}},
        {"date": "2025-05-05", "ingredients": ["toast"], "symptoms": {"bloating": 3}},
    ]
    return logs, []


def case_explained():
    """Foods that ride along with a real trigger: coconut milk comes in the onion curry (same day,
    bloating), milk goes into the coffee that lowers energy the next day; beans and cabbage are both
    real bloating triggers, often in one stew. Missing days, so lagged days must be logged."""
    rng = random.Random(16)
    skip = {9, 10, 33, 57, 58, 59, 101, 140, 141, 177, 203}
    ds = dates_from("2025-01-01", 220, skip)
    eaten = {}
    for d in ds:
        ing = set()
        if rng.random() < 0.3:
            ing |= {"onion", "coconut milk", "rice"}  # the curry
        elif rng.random() < 0.25:
            ing.add("onion")
        if rng.random() < 0.03:
            ing.add("coconut milk")
        if rng.random() < 0.5:
            ing.add("coffee")
            if rng.random() < 0.7:
                ing.add("milk")
        elif rng.random() < 0.1:
            ing.add("milk")
        if rng.random() < 0.2:
            ing |= {"beans", "cabbage"}  # the stew
        else:
            if rng.random() < 0.15:
                ing.add("beans")
            if rng.random() < 0.15:
                ing.add("cabbage")
        if rng.random() < 0.4:
            ing.add("bread")
        eaten[d] = ing
    logs = []
    for d in ds:
        prev = (dt.date.fromisoformat(d) - dt.timedelta(days=1)).isoformat()
        ing = eaten[d]
        b = 1.0 + 1.8 * ("onion" in ing) + 1.3 * ("beans" in ing) + 1.3 * ("cabbage" in ing) + rng.gauss(0, 0.7)
        e = 3.6 - 1.6 * ("coffee" in eaten.get(prev, ())) + rng.gauss(0, 0.6)
        logs.append({"date": d, "ingredients": sorted(ing), "symptoms": {"bloating": clip(b), "energy": clip(e)}})
    return logs, []


def stats_cases():
    """Inputs and scipy's answers for each statistic on its own (tests/unit/stats)."""
    rng = np.random.default_rng(1234)

    def r(v):
        return [float(x) for x in v]

    out = {"generator": f"tests/golden/insights/generate.py (scipy {scipy.__version__}, numpy {np.__version__})"}
    out["normal_sf"] = [{"z": z, "sf": fin(stats.norm.sf(z)), "cdf": fin(stats.norm.cdf(z))}
                        for z in [-40.0, -8.5, -1.96, -0.3, 0.0, 0.5, 1.96, 3.1, 8.0, 20.0, 37.5]]
    out["t_sf"] = [{"t": t, "df": df, "sf": fin(stats.t.sf(t, df))}
                   for df in [1.0, 2.5, 7.3, 29.81, 250.4, 1e5] for t in [-3.0, -0.4, 0.0, 0.7, 2.2, 9.0, 45.0]]
    out["f_sf"] = [{"f": f, "d1": d1, "d2": d2, "sf": fin(stats.f.sf(f, d1, d2))}
                   for (d1, d2) in [(1, 5), (2, 40), (3, 1018), (11, 388), (3, 7)] for f in [0.0, 0.2, 1.0, 3.5, 20.0, 120.0, 5000.0]]
    out["rankdata"] = []
    for v in [[3, 1, 2], [2, 2, 2, 2], [1, 3, 3, 2, 5, 3, 1], [0.5, -1.0, 0.5, 7.25]]:
        ranks = stats.rankdata(v)
        _, counts = np.unique(v, return_counts=True)
        out["rankdata"].append({"values": r(v), "ranks": r(ranks), "tie_term": float(np.sum(counts.astype(float) ** 3 - counts))})
    mw = []
    samples = [
        ([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]),
        ([1, 2, 3, 4], [1, 2, 3, 4]),
        ([2, 2, 3, 3, 3, 4], [1, 2, 2, 2, 3]),
        (r(rng.integers(0, 6, 40)), r(rng.integers(1, 6, 55))),
        (r(rng.normal(0, 1, 17)), r(rng.normal(0.8, 2, 9))),
        (r(rng.integers(3, 6, 300)), r(rng.integers(0, 3, 420))),
        ([5, 5, 5, 5], [0, 0, 0, 0, 1]),
    ]
    for x, y in samples:
        res = stats.mannwhitneyu(x, y, alternative="two-sided", method="asymptotic", use_continuity=True)
        mw.append({"x": r(x), "y": r(y), "u": fin(res.statistic), "p": fin(res.pvalue)})
    out["mann_whitney"] = mw
    pr = []
    for n, rho in [(3, 0.5), (8, 0.2), (30, -0.6), (500, 0.93), (1000, 0.02)]:
        x = rng.normal(size=n)
        y = rho * x + math.sqrt(1 - rho * rho) * rng.normal(size=n)
        res = stats.pearsonr(x, y)
        pr.append({"x": r(x), "y": r(y), "r": fin(res.statistic), "p": fin(res.pvalue)})
    x = (rng.random(60) < 0.3).astype(float)
    y = np.clip(np.round(2 + 2 * x + rng.normal(0, 1, 60)), 0, 5)
    res = stats.pearsonr(x, y)
    pr.append({"x": r(x), "y": r(y), "r": fin(res.statistic), "p": fin(res.pvalue)})
    out["pearson"] = pr
    an = []
    for groups in [
        [[1, 2, 3], [2, 3, 4], [5, 6, 7, 8]],
        [r(rng.normal(0, 1, 12)), r(rng.normal(0.3, 1, 20)), r(rng.normal(-0.2, 2, 7)), r(rng.normal(0, 1, 30))],
        [r(rng.integers(0, 3, 250)), r(rng.integers(2, 6, 260)), r(rng.integers(0, 4, 240))],
        [[1, 1], [2, 2], [3, 3, 3]],
        [[2, 2], [2, 2, 2]],
    ]:
        res = stats.f_oneway(*[np.asarray(g, float) for g in groups])
        an.append({"groups": [r(g) for g in groups], "f": fin(res.statistic), "p": fin(res.pvalue)})
    out["anova"] = an
    we = []
    for a, b in [
        ([1, 2, 3, 4, 5], [2, 4, 6, 8, 10, 12]),
        (r(rng.normal(0, 1, 9)), r(rng.normal(0.5, 3, 31))),
        (r(rng.normal(3, 0.2, 400)), r(rng.normal(2, 0.3, 350))),
        ([1, 1, 1], [2, 2]),
        ([3, 3], [3, 3, 3]),
        ([1, 2], [5, 9, 1, 4]),
    ]:
        res = stats.ttest_ind(np.asarray(a, float), np.asarray(b, float), equal_var=False)
        we.append({"a": r(a), "b": r(b), "t": fin(res.statistic), "p": fin(res.pvalue)})
    out["welch"] = we
    lr = []
    xs = [r(np.arange(10)), r(np.sort(rng.choice(1000, 80, replace=False))), [0.0, 2.0, 4.0], [0.0, 1.0, 5.0, 6.0, 9.0]]
    ys = [r(2 + 0.5 * np.arange(10) + rng.normal(0, 0.3, 10)), None, [1.0, 2.0, 3.0], [2.0, 2.0, 3.0, 1.0, 2.0]]
    ys[1] = r(np.clip(np.round(3 - 0.003 * np.array(xs[1]) + rng.normal(0, 0.8, 80)), 0, 5))
    for x, y in zip(xs, ys):
        res = stats.linregress(x, y)
        lr.append({"x": x, "y": y, "slope": fin(res.slope), "intercept": fin(res.intercept), "r": fin(res.rvalue), "p": fin(res.pvalue)})
    out["linear_trend"] = lr
    return out


CASES = {
    "ties-and-boundaries": case_ties,
    "missing-days-and-lags": case_missing_days_and_lags,
    "single-phase-and-constant": case_cycle_single_phase_and_constant,
    "custom-higher-is-better": case_custom_higher_is_better,
    "tiny-p-values": case_tiny_p_values,
    "constant-groups-and-names": case_constant_groups,
    "three-logs": case_short,
    "explained-by": case_explained,
}


def main():
    warnings.simplefilter("ignore")
    if len(sys.argv) >= 3 and sys.argv[1] == "--check":
        sys.exit(0 if check(sys.argv[2]) else 1)
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "stats.json"), "w", encoding="utf-8") as fh:
        json.dump(stats_cases(), fh, indent=1, allow_nan=False)
        fh.write("\n")
    for name, build in CASES.items():
        logs, defs = build()
        export = {"format": "aurea.export", "version": 1, "exported_at": "2025-12-01T00:00:00Z"}
        if defs:
            export["symptom_definitions"] = defs
        export["logs"] = logs
        expected, extra = analyse(logs, defs)
        doc = {"case": name, "description": " ".join(CASES[name].__doc__.split()),
               "generator": f"tests/golden/insights/generate.py (python {sys.version.split()[0]}, scipy {scipy.__version__}, numpy {np.__version__})",
               "export": export, "expected": expected, "expected_extra": extra}
        with open(os.path.join(here, f"{name}.json"), "w", encoding="utf-8") as fh:
            json.dump(doc, fh, indent=1, ensure_ascii=False, allow_nan=False)
            fh.write("\n")
        print(f"{name}: {len(logs)} logs, {len(expected['tests'])} tests, {len(expected['triggers'])} triggers, "
              f"{len(extra['delayed'])} delayed, {len(extra['explained'])} explained, cycle {len(expected['cycle'])}, weekday {len(expected['weekday'])}, trend {len(expected['trend'])}")


if __name__ == "__main__":
    main()
