#!/usr/bin/env python3
"""Generate the waiting list and forecast of the scenario vgr-2026-baseline.

Reads the VGR region model (Models/vgr) to size demand relative to the model's own
operating capacity, and writes

    Scenarios/vgr-2026-baseline/waiting_list.csv   (backlog at 2026-03-30, days_waited)
    Scenarios/vgr-2026-baseline/forecast.csv       (new referrals per ISO week)

The numbers are illustrative, not official figures: every assumption is a named
constant below and is explained in Scenarios/vgr-2026-baseline/README.md.

Deterministic: a fixed seed, no dependence on dict/set order or the clock, so
re-running gives byte-identical files. Python 3 standard library only.

Usage:  python3 Scenarios/tools/generate_vgr_baseline.py [--root REPO_ROOT]
"""

import argparse
import csv
import datetime
import math
import os
import random
from fractions import Fraction

SEED = 20260330

# Horizon: budget year 2026/27 = ISO weeks 2026-W14 .. 2027-W13 (53 weeks).
HORIZON_START = (2026, 14)
PERIODS = 53

# Share of the region's referrals held by each administration (förvaltning) for the
# general specialties: an assumption from the size of each administration's catchment
# area (VGR ~1.7 million inhabitants; SU covers most of Göteborg and Mölndal).
POPULATION_SHARE = {"SU": 0.36, "SÄS": 0.16, "SkaS": 0.15, "NU": 0.16, "SV": 0.17}

PRIORITIES = ("7", "14", "30", "60", "90")
PRIORITY_DAYS = {"7": 7, "14": 14, "30": 30, "60": 60, "90": 90}
# How far a priority group's waits stretch when an administration is under pressure:
# urgent groups are protected (0.1), the 90-day group takes the full delay (1.0).
PRIORITY_STRETCH = {"7": 0.1, "14": 0.2, "30": 0.45, "60": 0.8, "90": 1.0}

# (care_type, asa) combinations used in both tables.
MIX_KEYS = {
    "out1": ("outpatient", 1), "out2": ("outpatient", 2), "out3": ("outpatient", 3),
    "in2": ("inpatient", 2), "in3": ("inpatient", 3),
}

# Per specialty:
#   factor   = yearly referrals / the region's own annual capacity (the gap when > 1)
#   pressure = typical wait of the 90-day group as a multiple of its target, for an
#              administration whose referrals equal its own capacity
#   holders  = share of referrals held per administration
#   priority = mix of new referrals over the priority groups (percent)
#   mix      = mix over (care type, ASA class) (percent)
SPECIALTIES = {
    "kir": dict(factor=1.04, pressure=1.5, holders=POPULATION_SHARE,
                priority={"7": 5, "14": 10, "30": 15, "60": 30, "90": 40},
                mix={"out1": 25, "out2": 30, "in2": 25, "in3": 20}),
    "ort": dict(factor=1.15, pressure=2.3, holders=POPULATION_SHARE,
                priority={"7": 1, "14": 2, "30": 7, "60": 30, "90": 60},
                mix={"out1": 20, "out2": 25, "in2": 35, "in3": 20}),
    "gyn": dict(factor=1.07, pressure=1.6, holders=POPULATION_SHARE,
                priority={"7": 4, "14": 8, "30": 15, "60": 28, "90": 45},
                mix={"out1": 40, "out2": 30, "in2": 20, "in3": 10}),
    "uro": dict(factor=1.08, pressure=1.7, holders=POPULATION_SHARE,
                priority={"7": 3, "14": 10, "30": 17, "60": 30, "90": 40},
                mix={"out1": 25, "out2": 30, "in2": 25, "in3": 20}),
    "onh": dict(factor=0.93, pressure=0.9,
                holders={"SU": 0.53, "SÄS": 0.16, "SkaS": 0.15, "NU": 0.16},
                priority={"7": 2, "14": 5, "30": 13, "60": 30, "90": 50},
                mix={"out1": 45, "out2": 30, "in2": 15, "in3": 10}),
    "ogon": dict(factor=1.12, pressure=2.3, holders=POPULATION_SHARE,
                 priority={"14": 1, "30": 4, "60": 25, "90": 70},
                 mix={"out1": 40, "out2": 45, "out3": 15}),
    "plast": dict(factor=0.97, pressure=2.0, holders={"SU": 1.0},
                  priority={"14": 2, "30": 8, "60": 30, "90": 60},
                  mix={"out1": 35, "out2": 30, "in2": 20, "in3": 15}),
    "hand": dict(factor=0.93, pressure=1.0, holders={"SU": 0.85, "NU": 0.15},
                 priority={"14": 3, "30": 12, "60": 35, "90": 50},
                 mix={"out1": 50, "out2": 40, "out3": 10}),
    "karl": dict(factor=0.92, pressure=0.9,
                 holders={"SU": 0.50, "SÄS": 0.15, "SkaS": 0.15, "NU": 0.20},
                 priority={"7": 5, "14": 10, "30": 25, "60": 30, "90": 30},
                 mix={"out1": 20, "out2": 20, "in2": 25, "in3": 35}),
    "thorax": dict(factor=0.95, pressure=0.8, holders={"SU": 1.0},
                   priority={"7": 8, "14": 15, "30": 30, "60": 27, "90": 20},
                   mix={"in2": 30, "in3": 70}),
}

# Backlog shape: an administration's pressure is the specialty's pressure times
# (its referrals / its own capacity) ** PRESSURE_EXPONENT, clamped to PRESSURE_RANGE.
PRESSURE_EXPONENT = 1.5
PRESSURE_RANGE = (0.5, 3.6)
# Variation between administrations of the care type/ASA mix and of cohort sizes.
MIX_JITTER = 0.15
RATE_JITTER = 0.10
# Days-waited buckets: 7 days up to 182 days, then 28 days up to 364, then 91 days.
# (All waits beyond the care guarantee fall in period 0 for the engine; the coarser
# buckets only keep the table small.)
MAX_WEEKS_WAITED = 104


def read_csv(path):
    """Rows of a model CSV as dicts (comma or semicolon, '#' comments, BOM)."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        lines = [l for l in f.read().splitlines() if l.strip() and not l.startswith("#")]
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    return list(csv.DictReader(lines, delimiter=delimiter))


def number(text):
    """An exact Fraction from a decimal field ('2.5' or '2,5')."""
    return Fraction(text.strip().replace(",", "."))


def horizon_weeks():
    """(iso_year, iso_week) of every period of the horizon."""
    monday = datetime.date.fromisocalendar(*HORIZON_START, 1)
    weeks = []
    for t in range(PERIODS):
        y, w, _ = (monday + datetime.timedelta(days=7 * t)).isocalendar()
        weeks.append((y, w))
    return weeks


def site_capacity_per_admin(model_dir, weeks):
    """Own capacity per (administration, specialty) summed over the horizon."""
    site_admin = {r["id"]: r["administration"] for r in read_csv(os.path.join(model_dir, "sites.csv"))}
    calendar = read_csv(os.path.join(model_dir, "calendar.csv"))
    capacity = {}
    for row in read_csv(os.path.join(model_dir, "site_capacity.csv")):
        site = row["site"]
        base = number(row["rooms"]) * number(row["cases_per_room_week"])
        total = 0
        for _, w in weeks:
            factor = Fraction(1)
            for c in calendar:
                scope = (c.get("scope") or "all").strip() or "all"
                if int(c["week"]) == w and scope in ("all", "sites", site):
                    factor *= number(c["factor"])
            total += math.floor(base * factor)
        key = (site_admin[site], row["specialty"])
        capacity[key] = capacity.get(key, 0) + total
    return capacity


def largest_remainder(weights, total):
    """Integers proportional to weights that add up to total (ties by position)."""
    s = sum(weights)
    if total == 0 or s == 0:
        return [0] * len(weights)
    exact = [w * total / s for w in weights]
    ints = [math.floor(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - ints[i]), i))
    for i in order[: total - sum(ints)]:
        ints[i] += 1
    return ints


def waited_buckets():
    """(days_waited written, first week, number of weeks) of every bucket."""
    buckets = []
    for w in range(26):
        buckets.append((7 * w + 3, w, 1))
    for w in range(26, 52, 4):
        buckets.append((7 * w + 14, w, 4))
    for w in range(52, MAX_WEEKS_WAITED, 13):
        buckets.append((7 * w + 45, w, 13))
    return buckets


def survival(week, flat_weeks, tail_ratio):
    """Share still waiting of the patients referred `week`..`week+1` weeks ago."""
    mid = week + 0.5
    return 1.0 if mid <= flat_weeks else tail_ratio ** (mid - flat_weeks)


def generate(root):
    model_dir = os.path.join(root, "Models", "vgr")
    out_dir = os.path.join(root, "Scenarios", "vgr-2026-baseline")
    rng = random.Random(SEED)
    weeks = horizon_weeks()
    admins = [r["id"] for r in read_csv(os.path.join(model_dir, "administrations.csv"))]
    specialty_order = [r["id"] for r in read_csv(os.path.join(model_dir, "specialties.csv"))]
    capacity = site_capacity_per_admin(model_dir, weeks)

    forecast_rows = []
    waiting_rows = []
    for s in specialty_order:
        spec = SPECIALTIES[s]
        region_capacity = sum(v for (a, sp), v in capacity.items() if sp == s)
        yearly_total = round(spec["factor"] * region_capacity)
        holders = [a for a in admins if a in spec["holders"]]
        per_admin = largest_remainder([spec["holders"][a] for a in holders], yearly_total)
        for a, yearly in zip(holders, per_admin):
            own = capacity.get((a, s), 0)
            ratio = yearly / own if own else 2.0
            pressure = spec["pressure"] * ratio ** PRESSURE_EXPONENT
            pressure = min(max(pressure, PRESSURE_RANGE[0]), PRESSURE_RANGE[1])
            mix = [(k, spec["mix"][k] * (1 + rng.uniform(-MIX_JITTER, MIX_JITTER)))
                   for k in MIX_KEYS if k in spec["mix"]]
            cohorts = [(p, k, pw * mw) for p in PRIORITIES if p in spec["priority"]
                       for pw in [spec["priority"][p]] for k, mw in mix]
            counts = largest_remainder([c[2] for c in cohorts], yearly)
            for (p, k, _), y in zip(cohorts, counts):
                care, asa = MIX_KEYS[k]
                key = (a, s, p, care, asa)
                forecast_rows.extend(spread_forecast(key, y, weeks, rng))
                rate = y / PERIODS * (1 + rng.uniform(-RATE_JITTER, RATE_JITTER))
                waiting_rows.extend(backlog(key, rate, pressure))

    order = {a: i for i, a in enumerate(admins)}
    rank = {sp: i for i, sp in enumerate(specialty_order)}
    forecast_rows.sort(key=lambda r: (order[r[0]], rank[r[1]]))  # stable: keeps the rest
    waiting_rows.sort(key=lambda r: (order[r[0]], rank[r[1]]))
    write(os.path.join(out_dir, "forecast.csv"),
          ["administration", "specialty", "priority", "care_type", "asa", "week", "count"],
          forecast_rows)
    write(os.path.join(out_dir, "waiting_list.csv"),
          ["administration", "specialty", "priority", "care_type", "asa", "days_waited", "count"],
          waiting_rows)


def spread_forecast(key, yearly, weeks, rng):
    """A steady `all` row plus single extra patients spread evenly over the year."""
    base, rest = divmod(yearly, PERIODS)
    rows = []
    if base:
        rows.append(key + ("all", base))
    offset = rng.randrange(PERIODS)
    extra = sorted((k + offset) % PERIODS for k in range(PERIODS)
                   if (k + 1) * rest // PERIODS > k * rest // PERIODS)
    for t in extra:
        y, w = weeks[t]
        rows.append(key + (f"{y}-W{w:02d}", 1))
    return rows


def backlog(key, weekly_rate, pressure):
    """Rows (days_waited buckets) of one cohort's backlog at the snapshot date."""
    p = key[2]
    target_weeks = PRIORITY_DAYS[p] / 7
    stretch = max(0.4, 1 + (pressure - 1) * PRIORITY_STRETCH[p])
    flat = target_weeks * stretch
    tail = min(0.88, 0.55 + 0.2 * pressure) ** math.sqrt(90 / PRIORITY_DAYS[p])
    buckets = waited_buckets()
    expected = [weekly_rate * sum(survival(w, flat, tail) for w in range(first, first + n))
                for _, first, n in buckets]
    counts = largest_remainder(expected, round(sum(expected)))
    return [key + (days, c) for (days, _, _), c in zip(buckets, counts) if c > 0]


def write(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(",".join(header) + "\n")
        for r in rows:
            f.write(",".join(str(x) for x in r) + "\n")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=os.path.normpath(os.path.join(here, "..", "..")),
                        help="repository root (default: two levels above this script)")
    args = parser.parse_args()
    generate(args.root)


if __name__ == "__main__":
    main()
