#!/usr/bin/env python3
"""Generate three HR-system exports of the example centre, each with its mapping file.

From ``examples/staff.csv`` (the normalised roster, 150 people) this writes, next to itself:

* ``workday_export.xlsx`` - a Workday-style workbook: a notes sheet first, then the sheet
  "Workers" with a title block above the header (row 4), HRIS headers (Employee ID, Worker,
  Cost Center, ...), hire dates as date cells (a few typed as text), worker types and ratings
  as texts ("3 - Proficient", "Novice", "Expert");
* ``beisen_export.csv`` - a Beisen-style GB18030 CSV: Chinese headers (工号, 所属部门, 入职日期,
  员工类型, 领导力（能力等级）...), ratings such as ``4（精通）`` or ``胜任``;
* ``skills_long.csv`` - a long skills export: one row per rating, with a rating history
  (older ratings of the same rater), raters (Manager, Self, 360) and level codes
  (``hr_skill_level_advanced``).

Hire dates are made from ``tenure_years``: the as-of date (2026-06-30, in every mapping file)
minus ``ceil(tenure x 365.25)`` days, so the tenure read back is within a day of the original
and on the same side of every minimum-tenure requirement. Each export read through its mapping
gives the same roster as ``staff.csv`` (tests/test_mapping_examples.py checks it).

Deterministic (fixed seed, fixed workbook timestamps). Run:  python examples/hris/make_hris_examples.py
"""

from __future__ import annotations

import csv
import math
import random
import re
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl
import yaml

HERE = Path(__file__).resolve().parent
STAFF = HERE.parent / "staff.csv"
CATALOGUE = HERE.parent.parent / "profiles" / "catalogue.yaml"
AS_OF = date(2026, 6, 30)
SEED = 20260630

WORKDAY_LEVELS = {
    0: "Not Yet Demonstrated", 1: "Novice", 2: "2 - Developing", 3: "3 - Proficient",
    4: "Advanced", 5: "Expert",
}
WORKDAY_TYPES = {"internal": "Employee", "contractor": "Contingent Worker", "external": "Consultant"}
BEISEN_TYPES = {"internal": "正式员工", "contractor": "劳务派遣", "external": "外部顾问"}
LONG_TYPES = {"internal": "Regular", "contractor": "Contractor", "external": "External"}
LEVEL_CODES = {
    0: "hr_skill_level_none", 1: "hr_skill_level_basic", 2: "hr_skill_level_developing",
    3: "hr_skill_level_proficient", 4: "hr_skill_level_advanced", 5: "hr_skill_level_expert",
}
DEPARTMENTS_ZH = {
    "SSC Leadership": "中心管理层", "Finance Operations": "财务运营部",
    "HR Operations": "人力资源运营部", "Procurement Operations": "采购运营部",
    "Contact Centre": "客户联络中心", "Process Excellence": "流程卓越部",
    "Data & Reporting": "数据与报表部", "IT Support": "IT支持部",
}
SITES_ZH = {"Dalian": "大连", "Chengdu": "成都", "Wuhan": "武汉"}


def load() -> tuple[list[dict[str, str]], list[dict]]:
    with STAFF.open(encoding="utf-8", newline="") as f:
        people = list(csv.DictReader(f))
    cat = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    return people, cat


def hire_date(tenure: str) -> date:
    return AS_OF - timedelta(days=math.ceil(float(tenure) * 365.25))


def grade(position: str) -> str:
    if "Director" in position:
        return "Executive"
    if "Manager" in position or "Head" in position or "Lead" in position:
        return "Manager"
    return "Individual Contributor"


def write_workday(people: list[dict[str, str]], cat: dict) -> None:
    comps = cat["competencies"]
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "Report Info"
    notes["A1"] = "Workforce Skills Inventory - report notes"
    notes["A2"] = "Ratings on the company's proficiency scale; blank = not rated."
    ws = wb.create_sheet("Workers")
    ws["A1"] = "Workforce Skills Inventory"
    ws["A2"] = f"Effective as of {AS_OF.isoformat()}"
    header = [
        "Employee ID", "Worker", "Cost Center", "Location", "Business Title", "Hire Date",
        "Worker Type", "EmployeeCount", "Management Level",
    ] + [f"{c['name']['en']} Skills" for c in comps]
    ws.append([])  # row 3 stays empty: the header is row 4
    ws.append(header)
    for i, p in enumerate(people):
        hired = hire_date(p["tenure_years"])
        hired_cell: object = hired.strftime("%Y/%m/%d") if i % 10 == 3 else datetime(
            hired.year, hired.month, hired.day
        )
        row: list[object] = [
            p["employee_id"], p["name"], p["department"], p["site"], p["position"], hired_cell,
            WORKDAY_TYPES[p["employment_type"]], 1, grade(p["position"]),
        ]
        row += [WORKDAY_LEVELS[int(p[c["id"]])] if p[c["id"]] else None for c in comps]
        ws.append(row)
        ws.cell(row=ws.max_row, column=6).number_format = "yyyy-mm-dd"
    fixed = datetime(2026, 6, 30, 8, 0, 0)
    wb.properties.created = fixed
    target = HERE / "workday_export.xlsx"
    wb.save(target)
    _fix_zip_times(target, fixed)


def _fix_zip_times(path: Path, when: datetime) -> None:
    """openpyxl stamps the save time into the workbook: fix it, so the file is reproducible."""
    with zipfile.ZipFile(path) as z:
        parts = [(info, z.read(info)) for info in z.infolist()]
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in parts:
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, data)
            fixed = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(fixed, data)


def write_beisen(people: list[dict[str, str]], cat: dict) -> None:
    comps = cat["competencies"]
    zh_label = {s["level"]: s["label"]["zh"] for s in cat["scale"]}
    zh_label[3] = "胜任"  # an HRIS scale's own word for level 3 (sscgap's own scale says 熟练)
    header = ["工号", "姓名", "所属部门", "工作地点", "职位", "入职日期", "员工类型", "职级"]
    header += [f"{c['name']['zh']}（能力等级）" for c in comps]
    with (HERE / "beisen_export.csv").open("w", encoding="gb18030", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(header)
        for p in people:
            row = [
                p["employee_id"], p["name"], DEPARTMENTS_ZH[p["department"]], SITES_ZH[p["site"]],
                p["position"], hire_date(p["tenure_years"]).strftime("%Y/%m/%d"),
                BEISEN_TYPES[p["employment_type"]], {"Executive": "M3", "Manager": "M1"}.get(
                    grade(p["position"]), "P2"
                ),
            ]
            for j, c in enumerate(comps):
                v = p[c["id"]]
                if not v:
                    row.append("")
                elif j % 2 == 0:
                    row.append(f"{v}（{zh_label[int(v)]}）")
                else:
                    row.append(zh_label[int(v)])
            w.writerow(row)


def write_long(people: list[dict[str, str]], cat: dict) -> None:
    rng = random.Random(SEED)
    comps = cat["competencies"]
    header = [
        "Person Number", "Full Name", "Org Unit", "Work Location", "Job Profile",
        "Years of Service", "Employment Type", "Skill", "Proficiency Level",
        "Assessment Date", "Rater",
    ]

    def day(days_ago: int) -> str:
        return (AS_OF - timedelta(days=days_ago)).isoformat()

    with (HERE / "skills_long.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for p in people:
            person = [
                p["employee_id"], p["name"], p["department"], p["site"], p["position"],
                p["tenure_years"], LONG_TYPES[p["employment_type"]],
            ]
            for j, c in enumerate(comps):
                if not p[c["id"]]:
                    continue
                lv = int(p[c["id"]])
                skill = c["name"]["en"] if j % 3 else c["id"]
                # the manager's latest rating counts; 1 in 20 is older than two years (stale)
                recent = rng.randint(800, 1000) if rng.random() < 0.05 else rng.randint(30, 400)
                w.writerow([*person, skill, LEVEL_CODES[lv], day(recent), "Manager"])
                if rng.random() < 0.3:  # an earlier rating by the manager: history
                    w.writerow([*person, skill, LEVEL_CODES[max(lv - 1, 0)], day(recent + rng.randint(300, 700)), "Manager"])
                if rng.random() < 0.5:  # people rate themselves a little higher
                    own = min(lv + (1 if rng.random() < 0.4 else 0), 5)
                    w.writerow([*person, skill, LEVEL_CODES[own], day(rng.randint(10, 300)), "Self"])
                if rng.random() < 0.15:
                    w.writerow([*person, skill, LEVEL_CODES[lv], day(rng.randint(10, 300)), "360"])


def main() -> None:
    people, cat = load()
    write_workday(people, cat)
    write_beisen(people, cat)
    write_long(people, cat)
    print(f"wrote workday_export.xlsx, beisen_export.csv and skills_long.csv ({len(people)} people)")


if __name__ == "__main__":
    main()
