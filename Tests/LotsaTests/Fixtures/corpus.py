#!/usr/bin/env python3
"""The bad-input corpus: a tiny valid scenario (BASE, written to valid-tiny/) and
one case folder per defect, each a complete copy of BASE with exactly one
defect; and excel-accepted/, BASE as Swedish Excel saves it, which must load to
the same planning problem as valid-tiny/.

    python3 corpus.py write                 # (re)write bad-input/<case>/, valid-tiny/, excel-accepted/
    python3 corpus.py record path/to/lotsa  # run `lotsa validate .` in each case and
                                            # write its diagnostic and exit code to expected.txt

`write` never touches expected.txt. `record` is how a new case gets its
expectation; read the recorded message before committing it: it must name the
file, the line and the field, say what was expected and what was found.
BadInputCorpusTests.swift checks every case against its expected.txt.
"""
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "bad-input")

BASE = {
    "model/model.yaml": "name: tiny\nhome_region: R\ndescription: A tiny region for the bad-input corpus.\n",
    "model/administrations.csv": "id,name\nA,Admin A\nB,Admin B\n",
    "model/specialties.csv": "id,name\ns,Surgery\nt,Orthopaedics\n",
    "model/sites.csv": "id,name,administration,or_rooms,staffed_or_rooms\nSA,Site A,A,4,3\nSB,Site B,B,2,2\n",
    "model/site_capacity.csv": (
        "site,specialty,rooms,cases_per_room_week,care_types,max_asa\n"
        "SA,s,1,2.5,,\n"
        "SB,s,0.5,4,outpatient,3\n"
        "SB,t,1,3,,\n"),
    "model/contract_providers.csv": "id,name,owner_region\nP1,Clinic One,R\nP2,Neighbour Hospital,N\n",
    "model/contracts.csv": (
        "provider,specialty,weekly_capacity,annual_ceiling,price,valid_from,valid_to,care_types,max_asa\n"
        "P1,s,2,6,1500.5,2026-04-01,2027-03-31,outpatient,2\n"
        "P2,t,1.5,,2000,,,,\n"),
    "model/calendar.csv": "week,factor,scope\n15,0.5,sites\n16,0.8,all\n",
    "model/distances.csv": "administration,site,km\nA,SB,42.5\nB,SA,42.5\n",
    "scenario.yaml": (
        "name: tiny\n"
        "model: model\n"
        "horizon: {start: 2026-W14, periods: 4}\n"
        "snapshot_date: 2026-03-30\n"
        "guarantee_days: 90\n"
        "waiting_list: waiting_list.csv\n"
        "forecast: forecast.csv\n"
        "capacity_changes: [capacity_changes.csv]\n"
        "forecast_scaling:\n"
        "  - {specialty: t, factor: 1.5}\n"
        "policy:\n"
        "  tiers: [overdue, other_region_volume, region_contract_volume, internal_transfers, cost, waiting]\n"
        "  internal_transfers: allowed\n"
        "expectations:\n"
        "  - {kpi: kpis.beyond_guarantee_end, max: 100}\n"),
    "waiting_list.csv": (
        "administration,specialty,priority,care_type,asa,count,days_waited,target_date,guarantee_date\n"
        "A,s,7,,,6,7,,\n"
        "A,s,30,inpatient,2,2,10,,\n"
        "B,t,90,,,3,,2026-05-04,2026-06-29\n"),
    "forecast.csv": "administration,specialty,priority,week,count\nA,s,14,2026-W15,2\nB,t,90,all,1\n",
    "capacity_changes.csv": (
        "provider,specialty,first_week,last_week,factor,rooms_delta,cases_delta\n"
        "SA,s,2026-W15,2026-W16,,-0.5,\n"
        "P1,,2026-W17,2026-W17,0.5,,1\n"),
}


# Defects: each returns the files of the case, given a copy of BASE.
def sub(path, old, new):
    def apply(files):
        assert old in files[path], (path, old)
        files[path] = files[path].replace(old, new, 1)
    return apply

def put(path, content):
    def apply(files):
        files[path] = content
    return apply

def append(path, line):
    def apply(files):
        files[path] += line
    return apply

def remove(path):
    def apply(files):
        del files[path]
    return apply

def both(*defects):
    def apply(files):
        for defect in defects:
            defect(files)
    return apply

CR = lambda text: text.replace("\n", "\r\n")

CASES = {
    # model.yaml
    "model-yaml-empty": put("model/model.yaml", ""),
    "model-yaml-missing-home-region": sub("model/model.yaml", "home_region: R\n", ""),
    "model-yaml-unknown-key": sub("model/model.yaml", "home_region:", "home_regoin:"),
    "model-yaml-syntax-error": sub("model/model.yaml", "name: tiny", "name: [tiny"),
    "model-yaml-not-a-mapping": put("model/model.yaml", "- tiny\n- R\n"),
    "model-missing-sites-file": remove("model/sites.csv"),
    # administrations.csv
    "administrations-empty-file": put("model/administrations.csv", ""),
    "administrations-header-only": put("model/administrations.csv", "id,name\n"),
    "administrations-duplicate-id": append("model/administrations.csv", "A,Admin A again\n"),
    "administrations-missing-column": put("model/administrations.csv", "id\nA\nB\n"),
    "administrations-extra-column": put("model/administrations.csv", "id,name,region\nA,Admin A,R\nB,Admin B,R\n"),
    "administrations-utf16": put("model/administrations.csv", b"\xff\xfe" + "id,name\nA,Admin A\nB,Admin B\n".encode("utf-16-le")),
    # Windows-1252 is read (Excel's "CSV (semikolonavgränsad)"); an id that decodes to
    # a name the model does not have still gets the file:line:field error.
    "sites-windows1252-unknown-administration": put(
        "model/sites.csv", b"id,name,administration,or_rooms,staffed_or_rooms\nSA,Site A,A,4,3\nSB,Site B,Sk\xf6vde,2,2\n"),
    # specialties.csv
    "specialties-header-only": put("model/specialties.csv", "id,name\n"),
    "specialties-duplicate-id": append("model/specialties.csv", "s,Surgery again\n"),
    "specialties-tab-separated": put("model/specialties.csv", "id\tname\ns\tSurgery\nt\tOrthopaedics\n"),
    # sites.csv
    "sites-header-only": put("model/sites.csv", "id,name,administration,or_rooms,staffed_or_rooms\n"),
    "sites-unknown-administration": sub("model/sites.csv", "SB,Site B,B,", "SB,Site B,C,"),
    "sites-negative-rooms": sub("model/sites.csv", "SB,Site B,B,2,2", "SB,Site B,B,-2,2"),
    "sites-non-numeric-rooms": sub("model/sites.csv", "SB,Site B,B,2,2", "SB,Site B,B,two,2"),
    "sites-mixed-delimiters": sub("model/sites.csv", "SB,Site B,B,2,2", "SB;Site B;B;2;2"),
    # site_capacity.csv
    "site-capacity-unknown-site": sub("model/site_capacity.csv", "SB,t,", "SC,t,"),
    "site-capacity-unknown-specialty": sub("model/site_capacity.csv", "SB,t,", "SB,u,"),
    "site-capacity-duplicate-row": append("model/site_capacity.csv", "SA,s,2,2,,\n"),
    "site-capacity-decimal-comma": sub("model/site_capacity.csv", "SA,s,1,2.5,,", "SA,s,1,2,5,,"),
    "site-capacity-huge-number": sub("model/site_capacity.csv", "SB,t,1,3,,", "SB,t,1,1e400,,"),
    "site-capacity-not-a-number": sub("model/site_capacity.csv", "SB,t,1,3,,", "SB,t,NaN,3,,"),
    "site-capacity-unknown-care-type": sub("model/site_capacity.csv", "SB,s,0.5,4,outpatient,3", "SB,s,0.5,4,outpatient|daycare,3"),
    "site-capacity-max-asa-out-of-range": sub("model/site_capacity.csv", "SB,s,0.5,4,outpatient,3", "SB,s,0.5,4,outpatient,7"),
    # contract_providers.csv
    "contract-providers-duplicate-id": append("model/contract_providers.csv", "P1,Clinic One again,R\n"),
    "contract-providers-id-of-a-site": append("model/contract_providers.csv", "SA,Clinic SA,R\n"),
    "contract-providers-empty-owner": sub("model/contract_providers.csv", "P2,Neighbour Hospital,N", "P2,Neighbour Hospital,"),
    # contracts.csv
    "contracts-unknown-provider": sub("model/contracts.csv", "P2,t,", "P3,t,"),
    "contracts-date-wrong-format": sub("model/contracts.csv", "2026-04-01,2027-03-31", "01/04/2026,2027-03-31"),
    "contracts-no-such-date": sub("model/contracts.csv", "2026-04-01,2027-03-31", "2026-02-30,2027-03-31"),
    "contracts-ends-before-start": sub("model/contracts.csv", "2026-04-01,2027-03-31", "2026-04-01,2025-03-31"),
    "contracts-negative-price": sub("model/contracts.csv", "P2,t,1.5,,2000,", "P2,t,1.5,,-2000,"),
    "contracts-non-numeric-capacity": sub("model/contracts.csv", "P2,t,1.5,", "P2,t,ten,"),
    "contracts-thousands-separator": sub("model/contracts.csv", "P2,t,1.5,,2000,", "P2,t,1.5,,\"2 000\","),
    "contracts-huge-ceiling": sub("model/contracts.csv", "P1,s,2,6,", "P1,s,2,99999999999999999999,"),
    "contracts-unterminated-quote": sub("model/contracts.csv", "P2,t,1.5,,2000,", "P2,\"t,1.5,,2000,"),
    # calendar.csv
    "calendar-week-out-of-range": sub("model/calendar.csv", "16,0.8,all", "54,0.8,all"),
    "calendar-week-as-iso-week": sub("model/calendar.csv", "16,0.8,all", "2026-W16,0.8,all"),
    "calendar-unknown-scope": sub("model/calendar.csv", "15,0.5,sites", "15,0.5,hospitals"),
    "calendar-factor-not-a-number": sub("model/calendar.csv", "16,0.8,all", "16,half,all"),
    "calendar-factors-multiply-too-far": append("model/calendar.csv", "".join("15,10,all\n" for _ in range(20))),
    # distances.csv
    "distances-header-only": put("model/distances.csv", "administration,site,km\n"),
    "distances-negative-km": sub("model/distances.csv", "B,SA,42.5", "B,SA,-42.5"),
    "distances-unknown-site": sub("model/distances.csv", "B,SA,42.5", "B,SX,42.5"),
    "distances-duplicate-row": append("model/distances.csv", "A,SB,40\n"),
    # scenario.yaml
    "scenario-empty": put("scenario.yaml", ""),
    "scenario-syntax-error": sub("scenario.yaml", "  internal_transfers: allowed\n", " internal_transfers: allowed\n"),
    "scenario-duplicate-key": append("scenario.yaml", "guarantee_days: 60\n"),
    "scenario-unknown-key": sub("scenario.yaml", "guarantee_days:", "guarante_days:"),
    "scenario-missing-model": sub("scenario.yaml", "model: model\n", ""),
    "scenario-model-folder-missing": sub("scenario.yaml", "model: model\n", "model: ../models/tiny\n"),
    "scenario-extends-itself": append("scenario.yaml", "extends: .\n"),
    "scenario-extends-cycle": both(append("scenario.yaml", "extends: variant\n"),
                                   put("variant/scenario.yaml", "name: variant\nextends: ..\nguarantee_days: 60\n")),
    "scenario-extends-missing": append("scenario.yaml", "extends: ../baseline\n"),
    "scenario-horizon-not-a-week": sub("scenario.yaml", "start: 2026-W14", "start: 2026-14"),
    "scenario-horizon-no-such-week": sub("scenario.yaml", "start: 2026-W14", "start: 2025-W53"),
    "scenario-periods-not-a-number": sub("scenario.yaml", "periods: 4", "periods: four"),
    "scenario-periods-huge": sub("scenario.yaml", "periods: 4", "periods: 1000000000000000000000"),
    "scenario-snapshot-date-wrong-format": sub("scenario.yaml", "snapshot_date: 2026-03-30", "snapshot_date: 30.3.2026"),
    "scenario-guarantee-days-negative": sub("scenario.yaml", "guarantee_days: 90", "guarantee_days: -90"),
    "scenario-waiting-list-missing-file": sub("scenario.yaml", "waiting_list: waiting_list.csv", "waiting_list: waitinglist.csv"),
    "scenario-waiting-list-is-a-folder": sub("scenario.yaml", "waiting_list: waiting_list.csv", "waiting_list: model"),
    "scenario-unknown-tier": sub("scenario.yaml", "internal_transfers, cost", "internal_transfer, cost"),
    "scenario-forecast-scaling-unknown-specialty": sub("scenario.yaml", "{specialty: t, factor: 1.5}", "{specialty: u, factor: 1.5}"),
    "scenario-forecast-scaling-multiplies-too-far": sub("scenario.yaml", "  - {specialty: t, factor: 1.5}\n",
                                                         "".join("  - {specialty: t, factor: 100}\n" for _ in range(12))),
    # waiting_list.csv
    "waiting-list-unknown-administration": sub("waiting_list.csv", "B,t,90,", "C,t,90,"),
    "waiting-list-unknown-priority": sub("waiting_list.csv", "A,s,30,", "A,s,45,"),
    "waiting-list-negative-count": sub("waiting_list.csv", "A,s,30,inpatient,2,2,", "A,s,30,inpatient,2,-2,"),
    "waiting-list-huge-count": sub("waiting_list.csv", "A,s,30,inpatient,2,2,", "A,s,30,inpatient,2,20000000,"),
    "waiting-list-non-numeric-count": sub("waiting_list.csv", "A,s,30,inpatient,2,2,", "A,s,30,inpatient,2,two,"),
    "waiting-list-count-with-decimals": sub("waiting_list.csv", "A,s,30,inpatient,2,2,", "A,s,30,inpatient,2,2.0,"),
    "waiting-list-date-wrong-format": sub("waiting_list.csv", "2026-05-04,2026-06-29", "04/05/2026,2026-06-29"),
    "waiting-list-time-of-day": sub("waiting_list.csv", "2026-05-04,2026-06-29", "2026-05-04 08:30,2026-06-29"),
    "waiting-list-both-dates": sub("waiting_list.csv", "A,s,7,,,6,7,,", "A,s,7,,,6,7,2026-04-06,"),
    "waiting-list-no-date-column": put("waiting_list.csv", "administration,specialty,priority,count\nA,s,7,6\n"),
    "waiting-list-crlf-line-number": put("waiting_list.csv", CR(BASE["waiting_list.csv"] + "A,s,7,,,x,7,,\n")),
    "waiting-list-quoted-line-break": put("waiting_list.csv",
        "administration,specialty,priority,care_type,asa,count,days_waited,target_date,guarantee_date\n"
        "\"A\",s,7,,,6,7,,\n# a comment line\n\n\"A\n\",s,30,inpatient,2,2,10,,\n"),
    "waiting-list-excel-decimal-count": put("waiting_list.csv", "\ufeff" + CR(
        "administration;specialty;priority;count;days_waited\nA;s;7;6;7\nA;s;30;2,5;10\n")),
    "waiting-list-nul-byte": put("waiting_list.csv", BASE["waiting_list.csv"].replace("A,s,30", "A,s,3\x000")),
    "waiting-list-empty-file": put("waiting_list.csv", ""),
    # forecast.csv
    "forecast-week-outside-horizon": sub("forecast.csv", "2026-W15", "2026-W30"),
    "forecast-week-wrong-format": sub("forecast.csv", "2026-W15", "v15"),
    "forecast-unknown-specialty": sub("forecast.csv", "B,t,90", "B,u,90"),
    "forecast-missing-column": put("forecast.csv", "administration,specialty,week,count\nA,s,2026-W15,2\n"),
    "forecast-extra-column": put("forecast.csv", "administration,specialty,priority,week,count,comment\nA,s,14,2026-W15,2,x\n"),
    "forecast-extra-field": sub("forecast.csv", "B,t,90,all,1", "B,t,90,all,1,"),
    "forecast-negative-count": sub("forecast.csv", "B,t,90,all,1", "B,t,90,all,-1"),
    # capacity_changes.csv
    "capacity-changes-unknown-provider": sub("capacity_changes.csv", "P1,,", "P9,,"),
    "capacity-changes-week-outside-horizon": sub("capacity_changes.csv", "SA,s,2026-W15,2026-W16", "SA,s,2026-W15,2026-W19"),
    "capacity-changes-ends-before-start": sub("capacity_changes.csv", "SA,s,2026-W15,2026-W16", "SA,s,2026-W16,2026-W15"),
    "capacity-changes-changes-nothing": sub("capacity_changes.csv", "SA,s,2026-W15,2026-W16,,-0.5,", "SA,s,2026-W15,2026-W16,,,"),
    "capacity-changes-rooms-delta-for-contract": sub("capacity_changes.csv", "P1,,2026-W17,2026-W17,0.5,,1", "P1,,2026-W17,2026-W17,,1,"),
    "capacity-changes-factor-too-large": sub("capacity_changes.csv", "0.5,,1", "1000,,1"),
    "capacity-changes-factors-multiply-too-far": append("capacity_changes.csv",
        "".join("SB,t,2026-W14,2026-W17,100,,\n" for _ in range(12))),
    "capacity-changes-specialty-not-offered": sub("capacity_changes.csv", "SA,s,", "SA,t,"),
}


def excel(path, text):
    """The file as Swedish Excel saves it ("CSV UTF-8", Windows): a byte-order mark,
    CRLF, ';' between the columns, decimal commas and midnight date-times."""
    if path.endswith(".csv"):
        lines = []
        for line in text.splitlines():
            fields = line.split(",")
            fields = [f.replace(".", ",") if re.fullmatch(r"-?\d+\.\d+", f) else f for f in fields]
            fields = [f + " 00:00" if re.fullmatch(r"\d{4}-\d\d-\d\d", f) else f for f in fields]
            lines.append(";".join(fields))
        # A row Excel leaves behind when a row's cells are cleared.
        lines.append(";" * (len(fields) - 1))
        text = "\n".join(lines) + "\n"
    return "\ufeff" + text.replace("\n", "\r\n")


def write_folder(folder, files):
    if os.path.isdir(folder):
        for name in os.listdir(folder):
            if name != "expected.txt":
                path = os.path.join(folder, name)
                shutil.rmtree(path) if os.path.isdir(path) else os.remove(path)
    for path, content in sorted(files.items()):
        full = os.path.join(folder, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "wb") as f:
            f.write(content if isinstance(content, bytes) else content.encode("utf-8"))


def write():
    write_folder(os.path.join(HERE, "valid-tiny"), BASE)
    write_folder(os.path.join(HERE, "excel-accepted"), {path: excel(path, text) for path, text in BASE.items()})
    wanted = set(CASES)
    if os.path.isdir(CORPUS):
        for name in os.listdir(CORPUS):
            if name not in wanted and os.path.isdir(os.path.join(CORPUS, name)):
                shutil.rmtree(os.path.join(CORPUS, name))
    for name, defect in CASES.items():
        files = dict(BASE)
        defect(files)
        write_folder(os.path.join(CORPUS, name), files)


def record(binary):
    binary = os.path.abspath(binary)
    for name in sorted(CASES):
        folder = os.path.join(CORPUS, name)
        run = subprocess.run([binary, "validate", "."], cwd=folder, capture_output=True, text=True)
        with open(os.path.join(folder, "expected.txt"), "w") as f:
            f.write(run.stderr.rstrip("\n") + "\n" + f"exit: {run.returncode}\n")
        print(f"{name}: exit {run.returncode}: {run.stderr.splitlines()[0] if run.stderr else run.stdout.strip()}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["write"]:
        write()
    elif sys.argv[1:2] == ["record"] and len(sys.argv) == 3:
        record(sys.argv[2])
    else:
        sys.exit(__doc__)
