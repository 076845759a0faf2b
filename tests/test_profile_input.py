"""Hand-edited profiles: every mistake names the file, the place in it and what is wrong."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sscgap.errors import Finding, ProfileError
from sscgap.profiles import load_profiles

from conftest import MINI_PROFILES

ANALYST = """\
id: analyst
name:
  en: Analyst
  zh: 分析师
summary:
  en: Analyses.
  zh: 分析。
target:
  headcount: 2
roles:
- id: analyst_role
  name:
    en: Analyst
    zh: 分析师
  requirements:
  - competency: analysis
    level: 4
    weight: 2
    critical: true
  - competency: communication
    level: 3
"""


@pytest.fixture
def profiles(tmp_path: Path) -> Path:
    dest = tmp_path / "profiles"
    shutil.copytree(MINI_PROFILES, dest)
    return dest


def problems(directory: Path, targets: Path | None = None) -> list[Finding]:
    with pytest.raises(ProfileError) as info:
        load_profiles(directory, targets)
    found = info.value.findings
    assert found, "a ProfileError always carries its findings"
    assert all(f.severity == "error" for f in found)
    return found


def analyst(profiles: Path, text: str) -> Path:
    path = profiles / "archetypes" / "01_analyst.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_yaml_syntax_error_names_line_and_column(profiles):
    path = analyst(profiles, ANALYST.replace("  zh: 分析师\nsummary", "  zh: 分析师: x\nsummary"))
    (f,) = problems(profiles)
    assert f.file == str(path)
    assert f.place == "line 4, column 10"  # the ": " after 分析师
    assert f.message == "invalid YAML: mapping values are not allowed here"
    assert "quotes" in f.hint


def test_yaml_tab_indentation(profiles):
    analyst(profiles, ANALYST.replace("  headcount: 2", "\theadcount: 2"))
    (f,) = problems(profiles)
    assert f.place.startswith("line 9") and f.hint == "indent with spaces, not tabs"


def test_unclosed_quote(profiles):
    analyst(profiles, ANALYST.replace("en: Analyses.", 'en: "Analyses.'))
    (f,) = problems(profiles)
    assert f.message.startswith("invalid YAML") and f.place.startswith("line ")


@pytest.mark.parametrize("text", ["", "   \n# only a comment\n"])
def test_empty_file(profiles, text):
    path = analyst(profiles, text)
    (f,) = problems(profiles)
    assert (f.file, f.message) == (str(path), "the file is empty")


def test_not_a_mapping(profiles):
    analyst(profiles, "- just\n- a list\n")
    (f,) = problems(profiles)
    assert f.message == "expected a mapping of keys at the top, got list"


@pytest.mark.parametrize(
    ("old", "new", "place", "message"),
    [
        ("    level: 3\n", "    level: high\n", "roles[0].requirements[1].level (line 21)",
         "write a whole number"),
        ("    level: 3\n", "    level: 2.5\n", "roles[0].requirements[1].level (line 21)",
         "write a whole number"),
        ("    critical: true\n", "    critical: maybe\n",
         "roles[0].requirements[0].critical (line 19)", "write true or false"),
        ("  requirements:\n  - competency: analysis\n    level: 4\n    weight: 2\n"
         "    critical: true\n  - competency: communication\n    level: 3\n",
         "  requirements: analysis\n", "roles[0].requirements (line 15)",
         "write a list under `requirements:` (lines starting with '- ')"),
        ("name:\n  en: Analyst\n  zh: 分析师\nsummary", "name: 3\nsummary", "name (line 2)",
         "write a text, e.g. `name: AP lead`, or `name: {en: AP lead, zh: 应付主管}`"),
    ],
    ids=["level-text", "level-fraction", "critical-text", "list-expected", "mapping-expected"],
)  # fmt: skip
def test_wrong_type(profiles, old, new, place, message):
    assert old in ANALYST
    analyst(profiles, ANALYST.replace(old, new, 1))
    (f,) = problems(profiles)
    assert f.place == place
    assert message in f.message


def test_unknown_key_suggests_the_right_one(profiles):
    analyst(profiles, ANALYST.replace("    weight: 2", "    wieght: 2"))
    (f,) = problems(profiles)
    assert f.place == "roles[0].requirements[0].wieght (line 18)"
    assert (f.message, f.hint) == ("unknown key", "did you mean 'weight'?")


def test_unknown_competency(profiles):
    path = analyst(profiles, ANALYST.replace("competency: communication", "competency: comunication"))
    (f,) = problems(profiles)
    assert f.file == str(path)
    assert f.place == "roles[0].requirements[1].competency (line 20)"
    assert f.message == "unknown competency 'comunication' (not in catalogue.yaml)"
    assert f.hint == "did you mean 'communication'?"


def test_duplicate_archetype_id(profiles):
    (profiles / "archetypes" / "03_copy.yaml").write_text(
        ANALYST.replace("id: analyst_role", "id: other_role"), encoding="utf-8"
    )
    (f,) = problems(profiles)
    assert f.file.endswith("03_copy.yaml") and f.place == "id"
    assert f.message.startswith("duplicate archetype id 'analyst' (first in ")
    assert "01_analyst.yaml" in f.message


def test_duplicate_role_id(profiles):
    (profiles / "archetypes" / "03_copy.yaml").write_text(
        ANALYST.replace("id: analyst\n", "id: analyst_two\n"), encoding="utf-8"
    )
    (f,) = problems(profiles)
    assert f.place == "roles[0].id" and "duplicate role id 'analyst_role'" in f.message


def test_duplicate_competency_id(profiles):
    cat = profiles / "catalogue.yaml"
    text = cat.read_text(encoding="utf-8")
    block = text[text.index("- id: leadership") :]
    cat.write_text(text + block.replace("leadership", "analysis", 1), encoding="utf-8")
    found = problems(profiles)
    assert any(
        f.file == str(cat) and "duplicate competency id 'analysis'" in f.message for f in found
    )


def test_duplicate_yaml_key(profiles):
    analyst(profiles, ANALYST.replace("target:\n", "target:\n  headcount: 1\n"))
    (f,) = problems(profiles)
    assert f.message == "duplicate key 'headcount' (first at line 9)"
    assert f.place == "line 10, column 3"


@pytest.mark.parametrize("level", ["0", "6", "-1"])
def test_level_outside_1_to_5(profiles, level):
    analyst(profiles, ANALYST.replace("    level: 4", f"    level: {level}"))
    (f,) = problems(profiles)
    assert f.place == "roles[0].requirements[0].level (line 17)"
    assert f.value == level and f.hint == "a required level is a whole number from 1 to 5"


@pytest.mark.parametrize("weight", ["0", "-2", ".nan", ".inf"])
def test_weight_not_above_zero(profiles, weight):
    analyst(profiles, ANALYST.replace("    weight: 2", f"    weight: {weight}"))
    (f,) = problems(profiles)
    assert f.place == "roles[0].requirements[0].weight (line 18)"
    assert f.hint == "a weight is a number above 0 and at most 1000 (default 1)"


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("  headcount: 2\n  per_staff: 10\n", "exactly one of 'headcount: N' or 'per_staff: K'"),
        ("  reasoning: {en: x, zh: y}\n", "exactly one of 'headcount: N' or 'per_staff: K'"),
        ("  headcount: many\n", "write a whole number"),
        ("  headcount: -1\n", "must be 0 or more"),
        ("  per_staff: 0\n", "must be 1 or more"),
        ("  ratio: 0.1\n", "unknown key"),
    ],
)
def test_target_neither_headcount_nor_ratio(profiles, target, message):
    analyst(profiles, ANALYST.replace("target:\n  headcount: 2\n", "target:\n" + target))
    found = problems(profiles)
    assert any(message in f.message and f.place.startswith("target") for f in found), found


def test_python_object_tags_are_refused(profiles, tmp_path):
    marker = tmp_path / "pwned"
    analyst(
        profiles,
        ANALYST.replace(
            "  en: Analyses.", f'  en: !!python/object/apply:os.system ["touch {marker}"]'
        ),
    )
    (f,) = problems(profiles)
    assert "tags that build Python objects are not allowed" in f.message
    assert f.place == "line 6, column 7"
    assert not marker.exists()  # nothing ran
    analyst(profiles, ANALYST.replace("id: analyst\n", "id: !!python/name:os.getcwd\n"))
    (f,) = problems(profiles)
    assert "not allowed" in f.message


def test_every_file_is_reported_at_once(profiles):
    analyst(profiles, ANALYST.replace("    level: 4", "    level: 9").replace("weight: 2", "weight: 0"))
    (profiles / "archetypes" / "02_manager.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    (profiles / "settings.yaml").write_text("thresholds:\n  ready_fit: 2\n", encoding="utf-8")
    with pytest.raises(ProfileError) as info:
        load_profiles(profiles)
    files = {Path(f.file).name for f in info.value.findings}
    assert files == {"01_analyst.yaml", "02_manager.yaml", "settings.yaml"}
    assert len(info.value.findings) == 4
    message = info.value.message
    assert message.splitlines()[0] == f"{profiles}: 4 errors in the profiles"
    assert message.splitlines()[-1] == f"run `sscgap profiles check {profiles}` for the full list"


def test_missing_folder_and_catalogue(profiles, tmp_path):
    (f,) = problems(tmp_path / "nope")
    assert f.message == "profile folder not found"
    (profiles / "catalogue.yaml").unlink()
    (f,) = problems(profiles)
    assert "no catalogue.yaml" in f.message


def test_targets_file_problems(profiles, tmp_path):
    targets = tmp_path / "targets.yaml"
    targets.write_text("targets:\n  analst: {headcount: 1}\n", encoding="utf-8")
    (f,) = problems(profiles, targets)
    assert (f.place, f.hint) == ("targets.analst", "did you mean 'analyst'?")
    targets.write_text("thresholds: {ready_fit: 0.5, near_fit: 0.8}\n", encoding="utf-8")
    (f,) = problems(profiles, targets)
    assert "must not exceed" in f.message and f.place == "thresholds"
    (f,) = problems(profiles, tmp_path / "missing.yaml")
    assert f.message == "targets file not found"


def test_profile_files_are_not_modified(profiles):
    before = {p: p.read_bytes() for p in profiles.rglob("*.yaml")}
    load_profiles(profiles)
    assert {p: p.read_bytes() for p in profiles.rglob("*.yaml")} == before


def test_a_bare_number_is_a_headcount(profiles, tmp_path):
    """`leader: 5` in a targets file (and `target: 2` in a profile) is `{headcount: 5}`: how
    people write a number of people. A negative or fractional one, or true, is still refused."""
    from sscgap.profiles import Target, load_profiles

    assert Target.model_validate(5) == Target(headcount=5)
    targets = tmp_path / "targets.yaml"
    targets.write_text("targets:\n  analyst: 7\n", encoding="utf-8")
    pset = load_profiles(profiles, targets)
    assert pset.archetypes[0].target == Target(headcount=7)
    analyst(profiles, ANALYST.replace("target:\n  headcount: 2\n", "target: 2\n"))
    assert load_profiles(profiles).archetypes[0].target == Target(headcount=2)
    for bad, message in (("-3", "must be 0 or more"), ("2.5", "write a mapping"), ("true", "write a mapping")):
        targets.write_text(f"targets:\n  analyst: {bad}\n", encoding="utf-8")
        (f,) = problems(profiles, targets)
        assert message in f.message and f.place.startswith("targets.analyst"), f
