#!/usr/bin/env python3
"""Derive the second example snapshot, ``staff_q2.csv``, from ``staff.csv``: the same centre
one quarter later, for trying ``sscgap diff`` (and the tests of it).

What happened in the quarter (a story, every person fictional):

* **left** (11): the two external SSC consultants (their engagement ended), the contact-centre
  manager who was the only person ready as product/CX talent, most of the data & reporting
  team (its lead, a data analyst, two reporting analysts, a data analyst and the data
  governance specialist: the bench for that archetype is now too thin) and two service agents;
* **joined** (6): a reporting analyst, a key account manager, three service agents and a junior
  accountant (new ids from 000251);
* **developed**: near people closed the gaps that held them back (technology application,
  business expertise, leadership, strategic thinking, change management, call-centre
  operations);
* **reassessed**: one senior accountant's business expertise was rated one level lower.

Standard library only and deterministic: the same ``staff.csv`` always gives the same file.
Run:  python examples/make_snapshot_q2.py
"""

from __future__ import annotations

import csv
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "staff.csv"
TARGET = HERE / "staff_q2.csv"

LEAVERS = [
    "000249",  # Zhang Bin, SSC operating-model adviser (external): engagement ended
    "000239",  # Liu Zihao, transformation consultant (external): engagement ended
    "000116",  # Yuan Yunfei, contact centre manager: the only ready product/CX person
    "000120",  # Peng Siqi, data & reporting lead
    "000240",  # Gao Haiyan, data analyst
    "000194",  # reporting analyst
    "000218",  # data analyst
    "000184",  # reporting analyst
    "000213",  # data governance specialist
    "000133",  # service agent
    "000147",  # service agent
]

# (employee_id, competency, change in levels): development, and one reassessment
CHANGES = [
    ("000164", "technology_application", +1),
    ("000193", "technology_application", +1),
    ("000180", "business_expertise", +1),
    ("000176", "leadership", +1),
    ("000117", "strategic_thinking", +1),
    ("000159", "change_management", +1),
    ("000119", "call_centre_operations", +1),
    ("000114", "business_expertise", -1),  # reassessed
]

# (new id, name, template id, position, tenure, employment type): a joiner has the levels of
# the template person (someone in a similar role), so the new hires are plausible
JOINERS = [
    ("000251", "Qin Yue", "000173", "Reporting Analyst", 0.2, "internal"),
    ("000252", "Tang Hao", "000131", "Key Account Manager", 0.1, "internal"),
    ("000253", "Bai Xue", "000155", "Service Agent", 0.2, "internal"),
    ("000254", "Shi Lei", "000163", "Service Agent", 0.1, "internal"),
    ("000255", "Kong Jia", "000158", "Service Agent", 0.1, "internal"),
    ("000256", "Wei Ning", "000114", "Accountant", 0.3, "internal"),
]
TENURE_GAIN = 0.25  # a quarter of a year for everyone who stayed


def _level(text: str, delta: int) -> str:
    if text.strip() == "":
        return text  # not assessed stays not assessed
    return str(max(0, min(5, int(float(text)) + delta)))


def main() -> None:
    with SOURCE.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header = list(reader.fieldnames or [])
        rows = list(reader)
    by_id = {r["employee_id"]: r for r in rows}
    for pid in LEAVERS + [c[0] for c in CHANGES] + [j[2] for j in JOINERS]:
        if pid not in by_id:
            raise SystemExit(f"{SOURCE}: no employee_id {pid}; update {Path(__file__).name}")

    out = []
    for r in rows:
        if r["employee_id"] in LEAVERS:
            continue
        r = dict(r)
        if r["tenure_years"]:
            r["tenure_years"] = f"{float(r['tenure_years']) + TENURE_GAIN:.1f}"
        out.append(r)
    index = {r["employee_id"]: r for r in out}
    for pid, comp, delta in CHANGES:
        index[pid][comp] = _level(index[pid][comp], delta)
    for pid, name, template, position, tenure, employment in JOINERS:
        r = dict(by_id[template])
        r.update(
            employee_id=pid,
            name=name,
            position=position,
            tenure_years=f"{tenure:.1f}",
            employment_type=employment,
        )
        out.append(r)

    with TARGET.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(out)
    print(f"wrote {TARGET.name}: {len(out)} people ({len(LEAVERS)} left, {len(JOINERS)} joined)")


if __name__ == "__main__":
    main()
