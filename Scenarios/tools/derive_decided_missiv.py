#!/usr/bin/env python3
"""Derive the bundled decided-volume file of the baseline from what `lotsa plan` proposes.

Reads the missiv.csv that `lotsa plan Scenarios/vgr-2026-baseline` writes, keeps the
external lines only (region and other-region contracts, and internal transfers to a
site of another administration; not an administration's own sites), rounds each
volume to the tens as a production chiefs' decision would (half up; lines that round
to 0 are left out) and raises the decision for one line beyond what its contract can
deliver, so that `lotsa periodise` has unresolved volume (outlösta volymer) to report.

Usage (the default algorithm's plan, not --algorithm simplex, whose missiv differs):
  lotsa plan Scenarios/vgr-2026-baseline --out /tmp/baseline
  python3 Scenarios/tools/derive_decided_missiv.py /tmp/baseline/missiv.csv \
      > Scenarios/vgr-2026-baseline/decided_missiv.csv

Python 3 standard library only.
"""
import csv
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SITES = os.path.join(HERE, "..", "..", "Models", "vgr", "sites.csv")

# The decision that asks for more than the provider can take: Exempelplastik Väst's
# plastic-surgery contract has an annual ceiling of 150 and starts on 2026-09-01.
OVER_CAPACITY = {("SU", "exempelplastik", "plast"): 200}


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    with open(SITES, newline="", encoding="utf-8") as f:
        site_admin = {r["id"]: r["administration"] for r in csv.DictReader(f)}
    with open(sys.argv[1], newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    out = csv.writer(sys.stdout, lineterminator="\n")
    print("# Decided annual volumes 2026/27 (illustrative): the external lines of the baseline's")
    print("# proposed missiv rounded to tens; SU -> exempelplastik plast is decided beyond the")
    print("# contract's ceiling (150). Made by Scenarios/tools/derive_decided_missiv.py.")
    out.writerow(["administration", "provider", "specialty", "volume"])
    for r in rows:
        key = (r["administration"], r["provider"], r["specialty"])
        if site_admin.get(r["provider"]) == r["administration"]:
            continue  # the administration's own production
        volume = (int(r["volume"]) + 5) // 10 * 10
        volume = OVER_CAPACITY.get(key, volume)
        if volume > 0:
            out.writerow([*key, volume])


if __name__ == "__main__":
    main()
