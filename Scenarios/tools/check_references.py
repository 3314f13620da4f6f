#!/usr/bin/env python3
"""Check the id references of a region model and its scenarios, and print totals.

For every scenario given (default: every Scenarios/vgr-2026-* folder) this script
resolves `extends`, loads the model the scenario names, and checks that

  * every file has the documented columns (docs/scenario-format.md), no unknown ones;
  * ids are unique and every reference resolves: administration, specialty, site,
    contract provider, calendar scope, priority group, ISO week inside the horizon;
  * distances.csv names every (administration, site of another administration) pair;
  * every cohort (administration, specialty, care type, ASA class) of the waiting list
    and forecast can be treated by at least one site or contract (and, when the policy
    forbids internal transfers, by a site of its own administration: a warning);
  * no capacity product floors differently in binary floating point (a warning);

and prints per specialty: patients waiting at the snapshot (and how many of them are
past their target date / past the care guarantee), yearly referrals (the forecast
summed over the horizon, after forecast_scaling), own annual capacity
(sum over weeks of floor(rooms x cases_per_room_week x calendar x changes)), and the
contract capacity over the horizon (sum over weeks of floor(weekly_capacity x
calendar x changes), within validity, capped by the annual ceiling), split into the
home region's own contracts and other regions' contracts.

Conventions this script assumes where the format leaves a choice (see README):
  * forecast rows with the same cohort and week add up (an `all` row plus single
    extra patients in some weeks);
  * a contract serves a week when any day of the week lies in its validity
    interval, as the engine does (so a contract from Wednesday 2026-04-01 serves
    2026-W14);
  * forecast_scaling scales a cohort's running total of referrals and rounds it half
    up (so the yearly total is the rounded scaled total); several matching entries
    multiply;
  * the default horizon ends with the week that contains the first 31 March after
    the start week (53 weeks for 2026-W14).

Exit code 1 if any error was found. Python 3 standard library only.

Usage:  python3 Scenarios/tools/check_references.py [SCENARIO_DIR ...]
"""

import csv
import datetime
import glob
import math
import os
import sys
from fractions import Fraction

ERRORS = []
WARNINGS = []


def error(path, line, message):
    ERRORS.append(f"{path}:{line}: error: {message}")


def warn(path, line, message):
    WARNINGS.append(f"{path}:{line}: warning: {message}")


# ---------------------------------------------------------------- YAML (subset)

def _strip_comment(line):
    quote = None
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i].rstrip()
    return line.rstrip()


def _scalar(text):
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    return text


def _split_flow(text):
    """Split the inside of a flow collection at top-level commas."""
    parts, depth, quote, cur = [], 0, None, ""
    for ch in text:
        if quote:
            cur += ch
            if ch == quote:
                quote = None
            continue
        if ch in "\"'":
            quote = ch
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
            continue
        cur += ch
    if cur.strip():
        parts.append(cur)
    return parts


def _flow(text):
    text = text.strip()
    if text.startswith("["):
        return [_flow(p) for p in _split_flow(text[1:-1])]
    if text.startswith("{"):
        out = {}
        for p in _split_flow(text[1:-1]):
            k, _, v = p.partition(":")
            out[_scalar(k)] = _flow(v)
        return out
    return _scalar(text)


def parse_yaml(path):
    """The block/flow subset of YAML used by model.yaml and scenario.yaml."""
    with open(path, encoding="utf-8-sig") as f:
        raw = f.read().splitlines()
    lines = []
    i = 0
    while i < len(raw):
        text = _strip_comment(raw[i])
        if text.strip():
            indent = len(text) - len(text.lstrip())
            body = text.strip()
            # block scalar (> or |): gather the more-indented lines that follow
            if body.endswith((": >-", ": >", ": |", ": |-")):
                key = body.split(":")[0]
                folded = ">" in body.split(":", 1)[1]
                block = []
                i += 1
                while i < len(raw) and (not raw[i].strip() or
                                        len(raw[i]) - len(raw[i].lstrip()) > indent):
                    block.append(raw[i].strip())
                    i += 1
                lines.append((indent, f"{key}: \"{(' ' if folded else chr(10)).join(block).strip()}\""))
                continue
            lines.append((indent, body))
        i += 1

    def block(pos, indent):
        if pos < len(lines) and lines[pos][1].startswith("- "):
            seq = []
            while pos < len(lines) and lines[pos][0] == indent and lines[pos][1].startswith("- "):
                seq.append(_flow(lines[pos][1][2:]))
                pos += 1
            return seq, pos
        mapping = {}
        while pos < len(lines) and lines[pos][0] == indent:
            key, _, value = lines[pos][1].partition(":")
            pos += 1
            if value.strip():
                mapping[_scalar(key)] = _flow(value)
            elif pos < len(lines) and lines[pos][0] > indent:
                mapping[_scalar(key)], pos = block(pos, lines[pos][0])
            elif pos < len(lines) and lines[pos][0] == indent and lines[pos][1].startswith("- "):
                mapping[_scalar(key)], pos = block(pos, indent)
            else:
                mapping[_scalar(key)] = None
        return mapping, pos

    if not lines:
        return {}
    result, _ = block(0, lines[0][0])
    return result


# ---------------------------------------------------------------- CSV

def read_table(path, required, optional=()):
    """(line number, row dict) of a CSV file; checks the header."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        raw = f.read().splitlines()
    numbered = [(n + 1, l) for n, l in enumerate(raw) if l.strip() and not l.startswith("#")]
    if not numbered:
        error(path, 1, "empty file")
        return []
    header_line = numbered[0][1]
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.reader([l for _, l in numbered], delimiter=delimiter)
    header = next(reader)
    for col in header:
        if col not in required and col not in optional:
            error(path, numbered[0][0], f"unknown column '{col}'")
    for col in required:
        if col not in header:
            error(path, numbered[0][0], f"missing column '{col}'")
    rows = []
    for (n, _), values in zip(numbered[1:], reader):
        if len(values) != len(header):
            error(path, n, f"expected {len(header)} fields, found {len(values)}")
            continue
        row = {k: v.strip() for k, v in zip(header, values)}
        row["_delim"] = delimiter
        rows.append((n, row))
    return rows


def num(row, key, path, n, default=None):
    text = row.get(key, "")
    if text == "":
        return default
    if row["_delim"] == ";":
        text = text.replace(",", ".")
    try:
        return Fraction(text)
    except ValueError:
        error(path, n, f"{key}: expected a number, found '{row[key]}'")
        return default


def whole(row, key, path, n, default=None):
    value = num(row, key, path, n, default)
    if value is not None and (value.denominator != 1 or value < 0):
        error(path, n, f"{key}: expected a non-negative whole number, found '{row[key]}'")
        return default
    return None if value is None else int(value)


def iso_week(text):
    try:
        y, w = text.split("-W")
        return datetime.date.fromisocalendar(int(y), int(w), 1)
    except (ValueError, TypeError):
        return None


def parse_date(text):
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


# ---------------------------------------------------------------- model

class Model:
    def __init__(self, folder):
        self.folder = folder
        p = lambda name: os.path.join(folder, name)
        meta = parse_yaml(p("model.yaml"))
        for key in ("name", "home_region", "description"):
            if not meta.get(key):
                error(p("model.yaml"), 1, f"missing '{key}'")
        self.home_region = meta.get("home_region")

        self.admins = self._ids(p("administrations.csv"), ["id", "name"])
        self.specialties = self._ids(p("specialties.csv"), ["id", "name"])

        self.sites = {}
        for n, r in read_table(p("sites.csv"), ["id", "name", "administration", "or_rooms", "staffed_or_rooms"]):
            self._unique(self.sites, r["id"], p("sites.csv"), n)
            self._ref(r["administration"], self.admins, "administration", p("sites.csv"), n)
            rooms, staffed = whole(r, "or_rooms", p("sites.csv"), n, 0), whole(r, "staffed_or_rooms", p("sites.csv"), n, 0)
            if staffed > rooms:
                error(p("sites.csv"), n, "staffed_or_rooms > or_rooms")
            self.sites[r["id"]] = dict(admin=r["administration"], staffed=staffed, name=r["name"])

        path = p("site_capacity.csv")
        self.site_capacity = {}
        used_rooms = {}
        for n, r in read_table(path, ["site", "specialty", "rooms", "cases_per_room_week"], ["care_types", "max_asa"]):
            self._ref(r["site"], self.sites, "site", path, n)
            self._ref(r["specialty"], self.specialties, "specialty", path, n)
            key = (r["site"], r["specialty"])
            if key in self.site_capacity:
                error(path, n, f"duplicate row for site {key[0]}, specialty {key[1]}")
            rooms = num(r, "rooms", path, n, Fraction(0))
            self.site_capacity[key] = dict(
                rooms=rooms, cases=num(r, "cases_per_room_week", path, n, Fraction(0)),
                care=self._care(r, path, n), asa=self._asa(r, path, n), n=n)
            used_rooms[r["site"]] = used_rooms.get(r["site"], 0) + rooms
        for site, rooms in used_rooms.items():
            if site in self.sites and rooms > self.sites[site]["staffed"]:
                warn(path, 0, f"site {site}: {float(rooms)} rooms in site_capacity > "
                              f"{self.sites[site]['staffed']} staffed rooms")

        path = p("contract_providers.csv")
        self.providers = {}
        for n, r in read_table(path, ["id", "name", "owner_region"]):
            self._unique(self.providers, r["id"], path, n)
            if r["id"] in self.sites:
                error(path, n, f"provider id '{r['id']}' is also a site id")
            if not r["owner_region"]:
                error(path, n, "empty owner_region")
            self.providers[r["id"]] = dict(owner=r["owner_region"], name=r["name"])

        path = p("contracts.csv")
        self.contracts = {}
        for n, r in read_table(path, ["provider", "specialty", "weekly_capacity", "annual_ceiling", "price",
                                      "valid_from", "valid_to", "care_types", "max_asa"]):
            self._ref(r["provider"], self.providers, "provider", path, n)
            self._ref(r["specialty"], self.specialties, "specialty", path, n)
            key = (r["provider"], r["specialty"])
            if key in self.contracts:
                error(path, n, f"duplicate row for provider {key[0]}, specialty {key[1]}")
            vf = parse_date(r["valid_from"]) if r["valid_from"] else datetime.date.min
            vt = parse_date(r["valid_to"]) if r["valid_to"] else datetime.date.max
            if vf is None or vt is None:
                error(path, n, "valid_from/valid_to: expected an ISO date")
            elif vf > vt:
                error(path, n, "valid_from after valid_to")
            self.contracts[key] = dict(
                weekly=num(r, "weekly_capacity", path, n, Fraction(0)),
                ceiling=whole(r, "annual_ceiling", path, n, None),
                price=num(r, "price", path, n, Fraction(0)), valid=(vf, vt),
                care=self._care(r, path, n), asa=self._asa(r, path, n), n=n)

        path = p("calendar.csv")
        self.calendar = []
        for n, r in read_table(path, ["week", "factor"], ["scope"]):
            week = whole(r, "week", path, n, 0)
            if not 1 <= week <= 53:
                error(path, n, f"week: expected 1-53, found '{r['week']}'")
            scope = r.get("scope") or "all"
            if scope not in ("all", "sites", "contracts") and scope not in self.sites and scope not in self.providers:
                error(path, n, f"scope: unknown '{scope}'")
            self.calendar.append((week, num(r, "factor", path, n, Fraction(1)), scope))

        path = p("distances.csv")
        if os.path.exists(path):
            seen = set()
            for n, r in read_table(path, ["administration", "site", "km"]):
                self._ref(r["administration"], self.admins, "administration", path, n)
                self._ref(r["site"], self.sites, "site", path, n)
                num(r, "km", path, n)
                if r["site"] in self.sites and self.sites[r["site"]]["admin"] == r["administration"]:
                    error(path, n, f"site {r['site']} belongs to {r['administration']} itself")
                if (r["administration"], r["site"]) in seen:
                    error(path, n, "duplicate pair")
                seen.add((r["administration"], r["site"]))
            for a in self.admins:
                for s, site in self.sites.items():
                    if site["admin"] != a and (a, s) not in seen:
                        error(path, 0, f"missing pair ({a}, {s})")

    def _ids(self, path, columns):
        ids = {}
        for n, r in read_table(path, columns):
            self._unique(ids, r["id"], path, n)
            ids[r["id"]] = r["name"]
        return ids

    @staticmethod
    def _unique(table, key, path, n):
        if not key:
            error(path, n, "empty id")
        elif key in table:
            error(path, n, f"duplicate id '{key}'")

    @staticmethod
    def _ref(value, table, what, path, n):
        if value not in table:
            error(path, n, f"{what}: unknown id '{value}'")

    @staticmethod
    def _care(r, path, n):
        text = r.get("care_types", "")
        types = set(text.split("|")) if text else {"outpatient", "inpatient"}
        for t in types - {"outpatient", "inpatient"}:
            error(path, n, f"care_types: unknown '{t}'")
        return types

    @staticmethod
    def _asa(r, path, n):
        asa = whole(r, "max_asa", path, n, 5)
        if not 1 <= asa <= 5:
            error(path, n, f"max_asa: expected 1-5, found '{r['max_asa']}'")
        return asa

    def calendar_factor(self, week_number, provider, is_site):
        factor = Fraction(1)
        for week, f, scope in self.calendar:
            if week == week_number and (scope == "all" or scope == provider or
                                        scope == ("sites" if is_site else "contracts")):
                factor *= f
        return factor


# ---------------------------------------------------------------- scenario

def load_scenario(folder, chain=()):
    path = os.path.join(folder, "scenario.yaml")
    real = os.path.realpath(folder)
    if real in chain:
        error(path, 1, "cycle of extends")
        return {}
    doc = parse_yaml(path)
    base = {}
    if doc.get("extends"):
        base = load_scenario(os.path.normpath(os.path.join(folder, doc["extends"])), chain + (real,))
    merged = dict(base)
    for key, value in doc.items():
        if key in ("waiting_list", "forecast", "model"):
            merged[key] = os.path.normpath(os.path.join(folder, value))
        elif key == "capacity_changes":
            merged[key] = base.get(key, []) + [os.path.normpath(os.path.join(folder, v)) for v in value]
        elif key == "forecast_scaling":
            merged[key] = base.get(key, []) + list(value)
        elif key == "policy":
            merged[key] = dict(base.get("policy", {}), **value)
        else:
            merged[key] = value
    merged["name"] = doc.get("name") or os.path.basename(folder)
    return merged


def horizon(scenario, path):
    h = scenario.get("horizon") or {}
    if h.get("start"):
        first = iso_week(h["start"])
        if first is None:
            error(path, 0, f"horizon.start: expected an ISO week, found '{h['start']}'")
            return []
    else:
        year = int(h.get("budget_year", 0))
        first = datetime.date(year, 4, 1) - datetime.timedelta(days=datetime.date(year, 4, 1).weekday())
    if h.get("periods"):
        periods = int(h["periods"])
    else:
        end_year = first.year + 1 if first + datetime.timedelta(days=6) >= datetime.date(first.year, 3, 31) else first.year
        last = datetime.date(end_year, 3, 31)
        periods = (last - last.weekday() * datetime.timedelta(days=1) - first).days // 7 + 1
    return [first + datetime.timedelta(days=7 * t) for t in range(periods)]


def week_label(monday):
    y, w, _ = monday.isocalendar()
    return f"{y}-W{w:02d}"


def floor_capacity(factors, path, n, what):
    """floor of the product of factors, exactly; warns where the same product in
    binary floating point (multiplied left to right) would floor differently."""
    exact = Fraction(1)
    as_float = 1.0
    for f in factors:
        exact *= f
        as_float *= float(f)
    if math.floor(exact) != math.floor(as_float):
        warn(path, n, f"{what}: exact {float(exact)} floors to {math.floor(exact)}, "
                      f"in floating point to {math.floor(as_float)}")
    return math.floor(exact)


def check(folder):
    scenario_path = os.path.join(folder, "scenario.yaml")
    sc = load_scenario(folder)
    if not sc.get("model"):
        error(scenario_path, 1, "no model")
        return None
    model = Model(sc["model"])
    weeks = horizon(sc, scenario_path)
    labels = {week_label(m): t for t, m in enumerate(weeks)}
    policy = sc.get("policy") or {}
    priorities = {p["group"]: int(p["days"]) for p in policy.get("priorities") or []} or \
        {"7": 7, "14": 14, "30": 30, "60": 60, "90": 90}
    guarantee = int(sc.get("guarantee_days") or 90)
    default_care = policy.get("default_care_type", "outpatient")
    default_asa = int(policy.get("default_asa", 1))

    def check_cohort(path, n, r):
        for col, table, what in (("administration", model.admins, "administration"),
                                 ("specialty", model.specialties, "specialty"),
                                 ("priority", priorities, "priority group")):
            if r[col] not in table:
                error(path, n, f"{what}: unknown id '{r[col]}'")
        care = r.get("care_type") or default_care
        if care not in ("outpatient", "inpatient"):
            error(path, n, f"care_type: unknown '{care}'")
        asa = whole(r, "asa", path, n, default_asa)
        if not 1 <= asa <= 5:
            error(path, n, f"asa: expected 1-5, found '{r['asa']}'")
        return (r["administration"], r["specialty"], care, asa)

    cohorts = set()
    waiting = {}
    past_target = {}
    past_guarantee = {}
    path = sc.get("waiting_list")
    for n, r in read_table(path, ["administration", "specialty", "priority"],
                           ["care_type", "asa", "count", "days_waited", "target_date", "guarantee_date"]):
        cohorts.add(check_cohort(path, n, r))
        count = whole(r, "count", path, n, 1)
        if r.get("days_waited", "") == "" and r.get("target_date", "") == "":
            error(path, n, "neither days_waited nor target_date")
            continue
        days = whole(r, "days_waited", path, n, 0)
        s = r["specialty"]
        waiting[s] = waiting.get(s, 0) + count
        if days > priorities.get(r["priority"], 90):
            past_target[s] = past_target.get(s, 0) + count
        if days > guarantee:
            past_guarantee[s] = past_guarantee.get(s, 0) + count

    scaling = sc.get("forecast_scaling") or []
    for entry in scaling:
        if entry.get("specialty") and entry["specialty"] not in model.specialties:
            error(scenario_path, 0, f"forecast_scaling: unknown specialty '{entry['specialty']}'")
        if entry.get("administration") and entry["administration"] not in model.admins:
            error(scenario_path, 0, f"forecast_scaling: unknown administration '{entry['administration']}'")
        if entry.get("priority") and entry["priority"] not in priorities:
            error(scenario_path, 0, f"forecast_scaling: unknown priority '{entry['priority']}'")

    referrals = {}
    referrals_unscaled = {}
    cohort_totals = {}  # (cohort, factor) -> unscaled total over the horizon
    path = sc.get("forecast")
    for n, r in read_table(path, ["administration", "specialty", "priority", "week", "count"], ["care_type", "asa"]):
        cohorts.add(check_cohort(path, n, r))
        count = whole(r, "count", path, n, 0)
        if r["week"] != "all" and r["week"] not in labels:
            error(path, n, f"week: '{r['week']}' is not 'all' nor an ISO week of the horizon")
            continue
        factor = Fraction(1)
        for entry in scaling:
            if all(not entry.get(k) or str(entry[k]) == r[k] for k in ("specialty", "administration", "priority")):
                factor *= Fraction(str(entry["factor"]))
        times = len(weeks) if r["week"] == "all" else 1
        s = r["specialty"]
        key = (r["administration"], s, r["priority"], r.get("care_type") or "", r.get("asa") or "", factor)
        cohort_totals[key] = cohort_totals.get(key, 0) + count * times
        referrals_unscaled[s] = referrals_unscaled.get(s, 0) + count * times
    for key, total in cohort_totals.items():
        referrals[key[1]] = referrals.get(key[1], 0) + math.floor(total * key[5] + Fraction(1, 2))

    changes = []
    for path in sc.get("capacity_changes") or []:
        for n, r in read_table(path, ["provider", "specialty", "first_week", "last_week"],
                               ["factor", "rooms_delta", "cases_delta"]):
            prov = r["provider"]
            if prov not in model.sites and prov not in model.providers:
                error(path, n, f"provider: unknown id '{prov}'")
            if r["specialty"] and r["specialty"] not in model.specialties:
                error(path, n, f"specialty: unknown id '{r['specialty']}'")
            for col in ("first_week", "last_week"):
                if r[col] not in labels:
                    error(path, n, f"{col}: '{r[col]}' is not an ISO week of the horizon")
            if not any(r.get(c) for c in ("factor", "rooms_delta", "cases_delta")):
                error(path, n, "none of factor, rooms_delta, cases_delta")
            if r.get("rooms_delta") and prov not in model.sites:
                error(path, n, "rooms_delta is for sites only")
            changes.append(dict(provider=prov, specialty=r["specialty"],
                                first=labels.get(r["first_week"], 0), last=labels.get(r["last_week"], -1),
                                factor=num(r, "factor", path, n, Fraction(1)),
                                rooms=num(r, "rooms_delta", path, n, Fraction(0)),
                                cases=whole_or_int(r, "cases_delta", path, n)))

    def change(provider, specialty, t):
        f, rooms, cases = Fraction(1), Fraction(0), 0
        for c in changes:
            if c["provider"] == provider and c["specialty"] in ("", specialty) and c["first"] <= t <= c["last"]:
                f *= c["factor"]
                rooms += c["rooms"]
                cases += c["cases"]
        return f, rooms, cases

    own = {}
    own_admin = {}
    for (site, s), cap in model.site_capacity.items():
        total = 0
        for t, monday in enumerate(weeks):
            f, rooms, cases = change(site, s, t)
            cal = model.calendar_factor(monday.isocalendar()[1], site, True)
            value = [cap["rooms"] + rooms, cap["cases"], cal, f]
            total += max(0, floor_capacity(value, "site_capacity.csv", cap["n"], f"{site}/{s} week {week_label(monday)}") + cases)
        own[s] = own.get(s, 0) + total
        a = model.sites[site]["admin"]
        own_admin[(a, s)] = own_admin.get((a, s), 0) + total

    region_contracts = {}
    other_contracts = {}
    for (prov, s), c in model.contracts.items():
        total = 0
        for t, monday in enumerate(weeks):
            if not (c["valid"][0] <= monday + datetime.timedelta(days=6) and monday <= c["valid"][1]):
                continue  # a contract serves the weeks that have a day in its validity
            f, _, cases = change(prov, s, t)
            cal = model.calendar_factor(monday.isocalendar()[1], prov, False)
            total += max(0, floor_capacity([c["weekly"], cal, f], "contracts.csv", c["n"], f"{prov}/{s} week {week_label(monday)}") + cases)
        if c["ceiling"] is not None:
            total = min(total, c["ceiling"])
        owner = model.providers.get(prov, {}).get("owner")
        target = region_contracts if owner == model.home_region else other_contracts
        target[s] = target.get(s, 0) + total

    for a, s, care, asa in sorted(cohorts):
        ok = any(sp == s and care in c["care"] and asa <= c["asa"] for (_, sp), c in model.site_capacity.items()) or \
            any(sp == s and care in c["care"] and asa <= c["asa"] for (_, sp), c in model.contracts.items())
        if not ok:
            error(folder, 0, f"cohort ({a}, {s}, {care}, ASA {asa}) has no site or contract that accepts it")
        elif policy.get("internal_transfers") == "forbidden" and not any(
                sp == s and care in c["care"] and asa <= c["asa"] and model.sites[site]["admin"] == a
                for (site, sp), c in model.site_capacity.items()):
            warn(folder, 0, f"cohort ({a}, {s}, {care}, ASA {asa}): transfers forbidden and no own site accepts it")

    return dict(name=sc["name"], model=model, weeks=weeks, waiting=waiting, past_target=past_target,
                past_guarantee=past_guarantee, referrals=referrals, referrals_unscaled=referrals_unscaled,
                own=own, own_admin=own_admin, region=region_contracts, other=other_contracts,
                scaling=scaling, changes=changes)


def whole_or_int(r, key, path, n):
    text = r.get(key, "")
    if text == "":
        return 0
    try:
        return int(text)
    except ValueError:
        error(path, n, f"{key}: expected a whole number, found '{text}'")
        return 0


def report(result):
    m = result["model"]
    weeks = result["weeks"]
    print(f"== {result['name']}  ({week_label(weeks[0])} .. {week_label(weeks[-1])}, {len(weeks)} weeks)")
    cols = ["specialty", "waiting", "past_target", "past_90d", "referrals/yr", "own_cap/yr",
            "referrals-own", "VGR_contracts", "other_regions"]
    rows = []
    totals = [0] * (len(cols) - 1)
    for s in m.specialties:
        values = [result["waiting"].get(s, 0), result["past_target"].get(s, 0), result["past_guarantee"].get(s, 0),
                  result["referrals"].get(s, 0), result["own"].get(s, 0),
                  result["referrals"].get(s, 0) - result["own"].get(s, 0),
                  result["region"].get(s, 0), result["other"].get(s, 0)]
        totals = [a + b for a, b in zip(totals, values)]
        rows.append([s] + values)
    rows.append(["total"] + totals)
    widths = [max(len(str(x)) for x in col) for col in zip(cols, *rows)]
    for r in [cols] + rows:
        print("  ".join(str(x).rjust(w) if i else str(x).ljust(w) for i, (x, w) in enumerate(zip(r, widths))))
    if result["scaling"]:
        for s in m.specialties:
            before, after = result["referrals_unscaled"].get(s, 0), result["referrals"].get(s, 0)
            if before != after:
                print(f"forecast_scaling: {s} referrals {before} -> {after} ({(after / before - 1) * 100:+.1f} %)")
    print()
    print("referrals / own capacity per administration (yearly; '-' = none)")
    admins = list(m.admins)
    print("  ".join(["specialty".ljust(9)] + [a.rjust(13) for a in admins]))
    refs_admin = result.get("referrals_admin", {})
    for s in m.specialties:
        cells = []
        for a in admins:
            r, c = refs_admin.get((a, s), 0), result["own_admin"].get((a, s), 0)
            cells.append(("-" if not r and not c else f"{r}/{c}").rjust(13))
        print("  ".join([s.ljust(9)] + cells))
    print()


def referrals_per_admin(folder, result):
    """Yearly referrals per (administration, specialty), after scaling."""
    sc = load_scenario(folder)
    out = {}
    n_weeks = len(result["weeks"])
    for _, r in read_table(sc["forecast"], ["administration", "specialty", "priority", "week", "count"], ["care_type", "asa"]):
        factor = Fraction(1)
        for entry in result["scaling"]:
            if all(not entry.get(k) or str(entry[k]) == r[k] for k in ("specialty", "administration", "priority")):
                factor *= Fraction(str(entry["factor"]))
        scaled = math.floor(int(r["count"]) * factor + Fraction(1, 2))
        key = (r["administration"], r["specialty"])
        out[key] = out.get(key, 0) + scaled * (n_weeks if r["week"] == "all" else 1)
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    folders = sys.argv[1:] or sorted(glob.glob(os.path.join(here, "..", "vgr-2026-*")))
    for folder in folders:
        folder = os.path.normpath(folder)
        before = len(ERRORS)
        result = check(folder)
        if result and len(ERRORS) == before:
            result["referrals_admin"] = referrals_per_admin(folder, result)
            report(result)
    for w in sorted(set(WARNINGS)):
        print(w)
    errors = list(dict.fromkeys(ERRORS))  # a model shared by several scenarios reports once
    for e in errors:
        print(e)
    print(f"{len(folders)} scenario(s) checked: {len(errors)} error(s), {len(set(WARNINGS))} warning(s)")
    sys.exit(1 if ERRORS else 0)


if __name__ == "__main__":
    main()
