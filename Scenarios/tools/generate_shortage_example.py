#!/usr/bin/env python3
"""Writes the bundled capacity-shortage example (Scenarios/vgr-shortage-2026-10-05):
the daily operating-room report of Monday 5 October 2026 and a waiting list with
target dates at day precision. Deterministic: run it again and the files are the same.

The report is the operating-room rows of the region's daily report template
on a day when a special event has taken 7 of Skövde's 15 staffed rooms (kir 7 -> 4,
ort 4 -> 2, gyn 4 -> 2). The waiting list puts, per administration and specialty,
`per_day` patients on every target date of the next 60 days plus `overdue` patients
whose target date has already passed (2026-10-02), so that with the template's rooms
each administration manages its own patients, except SkaS after the loss of Skövde's
rooms, and gynaecology is short in the whole region within 30 days.
"""
import datetime
import os

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "vgr-shortage-2026-10-05")

REPORT = [
    # contact, administration, site, or_rooms, staffed, kir, ort, gyn, available
    ("0510-85699", "SkaS", "Lidköping", 6, 5, 1, 3, 1, ""),
    ("0500-432020", "SkaS", "Skövde", 15, 8, 4, 2, 2, ""),
    ("", "SkaS", "Falköping", "", "", "", "", "", ""),
    ("033-6163107", "SÄS", "Borås", 11, 11, 6, 3, 2, ""),
    ("", "SÄS", "Skene", "", "", "", "", "", ""),
    ("010-4351433", "NU", "NÄL", 14, 14, 6, 4, 4, ""),
    ("", "NU", "Uddevalla", "", "", "", "", "", ""),
    ("0303-98428", "SV", "Kungälv", 7, 7, 3, 2, 2, ""),
    ("0322-226303", "SV", "Alingsås", 6, 5, 3, 2, 0, ""),
    ("", "SV", "Angered", "", "", "", "", "", ""),
    ("", "SV", "Frölunda", "", "", "", "", "", ""),
    ("031-3430885", "SU", "Östra", 10, 7, 4, 0, 3, 3),
    ("", "SU", "DSBUS", "", "", "", "", "", ""),
    ("031-3430885", "SU", "Mölndal", 15, 13, 6, 7, "", 2),
    ("031-3428152", "SU", "Sahlgrenska", 31, 28, 20, 0, 8, 2),
    ("031-3428172", "SU", "Thorax", 10, 8, "", "", "", ""),
    ("", "SU", "ÖNH", "", "", "", "", "", ""),
    ("0340-481000", "Region Halland", "Hallands sjukhus", "", "", "", "", "", ""),
]

# Patients per target date (days 1..60) and already overdue, per administration and specialty.
LOAD = {
    ("SkaS", "kir"): (5, 4), ("SkaS", "ort"): (5, 4), ("SkaS", "gyn"): (2, 1),
    ("SÄS", "kir"): (5, 2), ("SÄS", "ort"): (2, 1), ("SÄS", "gyn"): (2, 1),
    ("NU", "kir"): (5, 2), ("NU", "ort"): (3, 1), ("NU", "gyn"): (5, 2),
    ("SV", "kir"): (5, 2), ("SV", "ort"): (2, 1), ("SV", "gyn"): (2, 1),
    ("SU", "kir"): (25, 6), ("SU", "ort"): (5, 2), ("SU", "gyn"): (16, 4),
}
PRIORITIES = [7, 14, 30, 60, 90]


# The same morning if Sahlgrenska had also lost half its gynaecology rooms (8 -> 4,
# staffed 28 -> 24): the region as a whole is short and the prioritisation list appears.
GYN_DOWN = [r if r[2] != "Sahlgrenska" else r[:4] + (24, 20, 0, 4, r[8]) for r in REPORT]


def write_report(name, rows):
    with open(os.path.join(HERE, name), "w", encoding="utf-8-sig", newline="") as f:
        f.write("contact;administration;site;or_rooms;staffed_or_rooms;kir;ort;gyn;available_rooms;date\r\n")
        for row in rows:
            f.write(";".join(str(x) for x in row) + ";2026-10-05\r\n")


def main():
    write_report("daily_report.csv", REPORT)
    write_report("daily_report_gyn_down.csv", GYN_DOWN)
    rows = []
    for (admin, spec), (per_day, overdue) in LOAD.items():
        counts = {}
        for j in range(overdue):
            p = PRIORITIES[j % 3]
            counts[(p, "outpatient" if j % 4 else "inpatient", "2026-10-02")] = \
                counts.get((p, "outpatient" if j % 4 else "inpatient", "2026-10-02"), 0) + 1
        for d in range(1, 61):
            date = day(d)
            eligible = [p for p in PRIORITIES if p >= d]
            for j in range(per_day):
                p = eligible[(j + d) % len(eligible)]
                care = "inpatient" if (j + d) % 4 == 0 else "outpatient"
                counts[(p, care, date)] = counts.get((p, care, date), 0) + 1
        for (p, care, date), n in sorted(counts.items(), key=lambda kv: (kv[0][2], kv[0][0], kv[0][1])):
            rows.append((admin, spec, p, care, date, n))
    with open(os.path.join(HERE, "waiting_list.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("administration,specialty,priority,care_type,target_date,count\n")
        for r in rows:
            f.write(",".join(str(x) for x in r) + "\n")


def day(d):
    """The date of day d of the horizon (day 1 = 2026-10-05)."""
    return (datetime.date(2026, 10, 5) + datetime.timedelta(days=d - 1)).isoformat()


if __name__ == "__main__":
    main()
