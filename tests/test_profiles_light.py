"""Light custom profiles, plain-word errors, role targets, principles, sourcing reasoning
and the blank skeleton."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sscgap.errors import Finding, ProfileError, UsageError
from sscgap.profiles import GENERIC_SCALE, load_profiles, write_blank

from conftest import MINI_PROFILES

LIGHT_CATALOGUE = """\
competencies:
  - {id: invoice_processing, name: Invoice processing}
  - {id: vendor_care, name: {zh: 供应商服务}}
  - {id: reconciliation, name: {en: Reconciliation}, category: accounting}
  - {id: excel, name: Excel}
  - {id: english, name: {en: English, zh: 英语}}
categories:
  - {id: accounting, name: Accounting}
"""
LIGHT_ARCHETYPES = {
    "01_ap.yaml": """\
id: ap_clerk
name: AP clerk
target: {headcount: 3}
roles:
  - id: ap_clerk_role
    name: AP clerk
    requirements:
      - {competency: invoice_processing, level: 3, critical: true}
      - {competency: excel, level: 2}
""",
    "02_lead.yaml": """\
id: ap_lead
name: {zh: 应付主管}
target: {per_staff: 20}
sourcing: buy
roles:
  - id: ap_lead_role
    name: {en: AP lead}
    requirements:
      - {competency: reconciliation, level: 4}
      - {competency: vendor_care, level: 3}
      - {competency: english, level: 3}
""",
}


@pytest.fixture
def light(tmp_path: Path) -> Path:
    root = tmp_path / "light"
    (root / "archetypes").mkdir(parents=True)
    (root / "catalogue.yaml").write_text(LIGHT_CATALOGUE, encoding="utf-8")
    for name, text in LIGHT_ARCHETYPES.items():
        (root / "archetypes" / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    dest = tmp_path / "mini"
    shutil.copytree(MINI_PROFILES, dest)
    return dest


def problems(directory: Path, targets: Path | None = None) -> list[Finding]:
    with pytest.raises(ProfileError) as info:
        load_profiles(directory, targets)
    assert info.value.findings and all(f.severity == "error" for f in info.value.findings)
    return info.value.findings


def test_a_light_set_loads(light):
    pset = load_profiles(light)  # no settings.yaml, no scale, no descriptors, one language
    assert [a.id for a in pset.archetypes] == ["ap_clerk", "ap_lead"]
    clerk, lead = pset.archetypes
    assert clerk.name.en == clerk.name.zh == "AP clerk"
    assert lead.name.en == lead.name.zh == "应付主管"  # the other language falls back
    assert clerk.summary == clerk.name  # no summary: the name stands in
    assert [s.level for s in pset.catalogue.scale] == [0, 1, 2, 3, 4, 5]
    assert pset.catalogue.scale[3].label.zh == GENERIC_SCALE[3]["label"]["zh"]
    excel = pset.competency("excel")
    assert excel.category == "general" and pset.category("general").name.zh == "通用"
    assert excel.description == excel.name
    assert excel.levels[4] == pset.catalogue.scale[4].descriptor
    assert pset.competency("reconciliation").category == "accounting"
    assert pset.settings.thresholds.ready_fit == 0.9 and pset.principles == ()
    assert lead.sourcing == "buy" and lead.sourcing_reasoning is None


def test_partial_descriptors_and_own_scale(light):
    cat = light / "catalogue.yaml"
    cat.write_text(
        "scale:\n"
        + "".join(f"  - {{level: {i}, label: L{i}, descriptor: D{i}}}\n" for i in range(6))
        + LIGHT_CATALOGUE.replace(
            "{id: excel, name: Excel}", "{id: excel, name: Excel, levels: {2: Pivot tables}}"
        ),
        encoding="utf-8",
    )
    excel = load_profiles(light).competency("excel")
    assert excel.levels[2].en == "Pivot tables" and excel.levels[3].en == "D3"
    cat.write_text(LIGHT_CATALOGUE.replace("{id: excel, name: Excel}", "{id: excel, name: Excel, levels: {7: x}}"))
    (f,) = problems(light)
    assert f.place.startswith("competencies[3].levels") and "0 to 5" in f.message


@pytest.mark.parametrize(
    ("old", "new", "place", "message"),
    [
        ("name: AP clerk\ntarget", "name: 3\ntarget", "name (line 2)",
         "write a text, e.g. `name: AP lead`, or `name: {en: AP lead, zh: 应付主管}`"),
        ("name: AP clerk\ntarget", "name: {}\ntarget", "name (line 2)", "write a text"),
        ("name: AP clerk\ntarget", "name: [a]\ntarget", "name (line 2)", "write a text"),
        ("id: ap_clerk\n", "id: AP Clerk\n", "id (line 1)", "an id is lower-case letters"),
        ("level: 2}", "level: two}", "roles[0].requirements[1].level (line 9)",
         "write a whole number"),
        ("target: {headcount: 3}", "target: three", "target (line 3)",
         "write a mapping of keys under `target:`"),
        ("target: {headcount: 3}\n", "", "target (line 1)", "required key is missing"),
        ("roles:\n", "sourcing: rent\nroles:\n", "sourcing (line 4)", "write 'build', 'buy' or 'borrow'"),
    ],
)  # fmt: skip
def test_errors_in_plain_words(light, old, new, place, message):
    path = light / "archetypes" / "01_ap.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    (f,) = problems(light)
    assert f.place == place
    assert f.message.startswith(message), f.message
    assert "Input should" not in str(f) and "valid dictionary" not in str(f)


def test_all_errors_of_a_set_in_one_round(light):
    # a structure error and an unknown competency in the same file, an unknown competency in
    # another file, a broken catalogue entry: all four at once
    (light / "archetypes" / "01_ap.yaml").write_text(
        LIGHT_ARCHETYPES["01_ap.yaml"]
        .replace("level: 2}", "level: 9}")
        .replace("competency: excel", "competency: exel"),
        encoding="utf-8",
    )
    (light / "archetypes" / "02_lead.yaml").write_text(
        LIGHT_ARCHETYPES["02_lead.yaml"].replace("competency: english", "competency: englsh"),
        encoding="utf-8",
    )
    (light / "catalogue.yaml").write_text(
        LIGHT_CATALOGUE.replace("{id: excel, name: Excel}", "{id: excel, name: Excel, category: 5}"),
        encoding="utf-8",
    )
    found = problems(light)
    got = {(Path(f.file).name, f.place.split(" ")[0], f.message.split(" (")[0]) for f in found}
    assert got == {
        ("01_ap.yaml", "roles[0].requirements[1].level", "must be 5 or less"),
        ("01_ap.yaml", "roles[0].requirements[1].competency", "unknown competency 'exel'"),
        ("02_lead.yaml", "roles[0].requirements[2].competency", "unknown competency 'englsh'"),
        ("catalogue.yaml", "competencies[3].category", "write a word or a text, not a number, list or mapping"),
    }
    hints = {f.hint for f in found}
    assert "did you mean 'excel'?" in hints and "did you mean 'english'?" in hints


ROLE_TARGETS = """\
id: ap_lead
name: AP lead
roles:
  - id: ap_lead_role
    name: AP lead
    target: {headcount: 1}
    requirements: [{competency: reconciliation, level: 4}]
  - id: vendor_desk
    name: Vendor desk
    target: {per_staff: 50, reasoning: One desk per 50 staff.}
    requirements: [{competency: vendor_care, level: 3}]
"""


def test_role_targets(light):
    (light / "archetypes" / "02_lead.yaml").write_text(ROLE_TARGETS, encoding="utf-8")
    lead = load_profiles(light).archetype("ap_lead")
    assert lead.target is None and lead.targets_on_roles
    assert [r.target.describe() for r in lead.roles] == ["headcount 1", "1 per 50 staff"]
    assert lead.resolve_target(120) == 1 + 3
    clerk = load_profiles(light).archetype("ap_clerk")
    assert not clerk.targets_on_roles and clerk.resolve_target(120) == 3


def test_role_targets_both_or_partial_are_errors(light):
    path = light / "archetypes" / "02_lead.yaml"
    path.write_text("target: {headcount: 2}\n" + ROLE_TARGETS, encoding="utf-8")
    (f,) = problems(light)
    assert f.place == "target (line 1)" and "not both" in f.message
    path.write_text(ROLE_TARGETS.replace("    target: {headcount: 1}\n", ""), encoding="utf-8")
    (f,) = problems(light)
    assert f.place.startswith("roles") and "every role needs one; missing on ap_lead_role" in f.message


def test_role_targets_in_a_targets_file(light, tmp_path):
    (light / "archetypes" / "02_lead.yaml").write_text(ROLE_TARGETS, encoding="utf-8")
    targets = tmp_path / "t.yaml"
    targets.write_text("targets:\n  vendor_desk: {headcount: 4}\n  ap_clerk: {headcount: 9}\n")
    pset = load_profiles(light, targets)
    assert pset.archetype("ap_lead").resolve_target(100) == 1 + 4
    assert pset.archetype("ap_clerk").target.headcount == 9
    # an archetype target replaces the role targets
    targets.write_text("targets:\n  ap_lead: {headcount: 2}\n")
    lead = load_profiles(light, targets).archetype("ap_lead")
    assert lead.target.headcount == 2 and all(r.target is None for r in lead.roles)
    # both at once, or one role of an archetype whose target is on itself: errors
    targets.write_text("targets:\n  ap_lead: {headcount: 2}\n  vendor_desk: {headcount: 1}\n")
    (f,) = problems(light, targets)
    assert "a target sits on one or the other" in f.message
    targets.write_text("targets:\n  ap_clerk_role: {headcount: 2}\n")
    pset = load_profiles(light, targets)  # the only role of ap_clerk: seats per role
    assert pset.archetype("ap_clerk").targets_on_roles
    (light / "archetypes" / "03_two.yaml").write_text(
        ROLE_TARGETS.replace("ap_lead", "two").replace("vendor_desk", "two_b")
        .replace("    target: {headcount: 1}\n", "").replace("    target: {per_staff: 50, reasoning: One desk per 50 staff.}\n", "")
        .replace("roles:", "target: {headcount: 1}\nroles:"),
        encoding="utf-8",
    )  # fmt: skip
    targets.write_text("targets:\n  two_b: {headcount: 2}\n")
    (f,) = problems(light, targets)
    assert "give every role a target (missing: two_role)" in f.message


def test_principles(light):
    (light / "settings.yaml").write_text(
        "principles:\n"
        "  - id: service\n"
        "    name: {en: Customer service, zh: 以客户服务为中心}\n"
        "    description: Every contact counts.\n"
        "    competencies: [vendor_care, english]\n"
        "    level: 3\n",
        encoding="utf-8",
    )
    (p,) = load_profiles(light).principles
    assert (p.id, p.competencies, p.level, p.description.zh) == (
        "service", ["vendor_care", "english"], 3, "Every contact counts."
    )
    (light / "settings.yaml").write_text(
        "principles:\n  - {id: service, name: S, competencies: [vendor_cares, english], level: 6}\n",
        encoding="utf-8",
    )
    found = problems(light)
    assert {(f.place.split(" ")[0], f.message.split(" (")[0]) for f in found} == {
        ("principles[0].level", "must be 5 or less"),
        ("principles[0].competencies[0]", "unknown competency 'vendor_cares'"),
    }


def test_sourcing_reasoning(light):
    path = light / "archetypes" / "02_lead.yaml"
    text = LIGHT_ARCHETYPES["02_lead.yaml"]
    path.write_text(
        text.replace("sourcing: buy", "sourcing: {way: buy, reasoning: {en: Scarce., zh: 稀缺。}}")
    )
    lead = load_profiles(light).archetype("ap_lead")
    assert lead.sourcing == "buy" and lead.sourcing_reasoning.zh == "稀缺。"
    path.write_text(text.replace("sourcing: buy", "sourcing: {way: buy, why: x}"))
    (f,) = problems(light)
    assert f.place.startswith("sourcing") and "unknown key 'why'" in f.message


def test_mini_profiles_unchanged(mini):
    pset = load_profiles(mini)
    assert all(a.target is not None and not a.targets_on_roles for a in pset.archetypes)
    assert all(r.target is None for a in pset.archetypes for r in a.roles)


def test_blank_skeleton(tmp_path):
    written = write_blank(tmp_path / "blank")
    assert sorted(p.relative_to(tmp_path / "blank").as_posix() for p in written) == [
        "archetypes/01_example.yaml",
        "catalogue.yaml",
        "settings.yaml",
    ]
    pset = load_profiles(tmp_path / "blank")
    assert len(pset.archetypes) == 1 and len(pset.competency_ids) == 3
    assert all(p.read_text(encoding="utf-8").startswith("#") for p in written)  # commented
    assert [p.id for p in pset.principles] == ["customer_service"]
    before = (tmp_path / "blank" / "catalogue.yaml").read_bytes()
    with pytest.raises(UsageError, match="exists already"):
        write_blank(tmp_path / "blank")
    assert (tmp_path / "blank" / "catalogue.yaml").read_bytes() == before


def test_an_archetype_id_that_is_also_a_role_id_is_the_archetype(light, tmp_path):
    path = light / "archetypes" / "01_ap.yaml"
    path.write_text(LIGHT_ARCHETYPES["01_ap.yaml"].replace("id: ap_clerk_role", "id: ap_clerk"))
    targets = tmp_path / "t.yaml"
    targets.write_text("targets:\n  ap_clerk: {headcount: 7}\n")
    clerk = load_profiles(light, targets).archetype("ap_clerk")
    assert clerk.target.headcount == 7 and clerk.roles[0].target is None
