#!/usr/bin/env python3
"""Writes the input CSVs of the DisImpact comparison (inputs/sample*.csv).

    pathlight generate --scale small --seed 7 --out /tmp/gen
    python3 tests/equity/disimpact/make_inputs.py /tmp/gen tests/equity/disimpact/inputs

The sample joins student_years with students and organizations, keeps a
deterministic random sample of rows, and injects missing group values,
missing outcomes and fractional weights. inputs/edge.csv is written by hand.
"""
import csv
import random
import sys
from collections import defaultdict

gen, out = sys.argv[1], sys.argv[2]
rng = random.Random(20240611)

students = {r["student_key"]: r for r in csv.DictReader(open(f"{gen}/students.csv", newline=""))}
orgs = {r["org_id"]: r for r in csv.DictReader(open(f"{gen}/organizations.csv", newline=""))}
years = list(csv.DictReader(open(f"{gen}/student_years.csv", newline="")))
rows = rng.sample(years, 4000)


def yn(value):
    return {"Y": "1", "N": "0"}.get(value, "")


flat = []
for sy in rows:
    st = students[sy["student_key"]]
    org = orgs.get(sy["org_id"], {})
    race = st["race_ethnicity"] if rng.random() > 0.02 else ""
    gender = st["gender"] if rng.random() > 0.02 else ""
    first_gen = st["first_generation"]
    completer = "1" if sy["cte_status"] == "completer" else "0"
    if rng.random() < 0.03:
        completer = ""
    flat.append({
        "school_year": sy["school_year"],
        "org_type": org.get("org_type", ""),
        "sed": st["socioeconomically_disadvantaged"],
        "race_ethnicity": race,
        "gender": gender,
        "first_generation": first_gen,
        "completer": completer,
        "completer_all": "1" if sy["cte_status"] == "completer" else "0",
        "credential": yn(sy["industry_credential"]),
        "employed": yn(sy["employed"]),
        "wbl": "1" if sy["wbl_type"] else "0",
        # Fractional weights whose sums are not exact in binary.
        "w": f"{rng.choice([0.1, 0.3, 0.7, 1, 1.1, 1.5, 2.25, 3.3])}",
    })

fields = list(flat[0].keys())
with open(f"{out}/sample.csv", "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
    w.writeheader()
    w.writerows(flat)

# Pre-aggregated counts: successes and group size per year x race x gender
# (the way the analytics engine hands data over).
agg = defaultdict(lambda: [0, 0])
for r in flat:
    key = (r["school_year"], r["race_ethnicity"], r["gender"])
    agg[key][0] += int(r["completer_all"])
    agg[key][1] += 1
with open(f"{out}/sample_counts.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["school_year", "race_ethnicity", "gender", "completers", "students"])
    for key in sorted(agg):
        w.writerow([*key, *agg[key]])
print(f"{len(flat)} sample rows, {len(agg)} count rows")
