"""--anonymize: keyed, stable pseudonyms; no id or name of the input in any output."""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sscgap import privacy
from sscgap.errors import Finding, UsageError
from sscgap.privacy import AnonKey, anonymize, pseudonym, pseudonyms, resolve_key
from sscgap.report import Format

from conftest import EXAMPLE, EXAMPLE_ZH, FULL_MATRIX, MINI_PROFILES, MINI_ROSTER, run_cli

KEY = "correct horse battery staple 42"


def _reference(key: bytes, value: str) -> str:
    mac = hmac.new(key, b"sscgap/employee_id\x00" + value.encode(), hashlib.sha256)
    return "P-" + mac.hexdigest()[:12]


# ---------------------------------------------------------------------------------------------
# Pseudonyms
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("secret", [b"k", KEY.encode(), b"x" * 64, b"y" * 200])
def test_pseudonyms_are_hmac_sha256(secret):
    key = AnonKey(secret, "env")
    for value in ("000101", "王小明", "a" * 100, ""):
        assert pseudonym(value, key) == _reference(secret, value)
    ids = pd.Series(["000101", "000102", "000101", None], dtype="str")
    out = pseudonyms(ids, key)
    assert out.tolist()[:3] == [_reference(secret, "000101"), _reference(secret, "000102"),
                                _reference(secret, "000101")]  # fmt: skip
    assert pd.isna(out.iloc[3])


def test_same_key_same_pseudonyms_other_key_others():
    ids = pd.Series([f"{i:06d}" for i in range(1000)], dtype="str")
    a = pseudonyms(ids, AnonKey(b"key one, long enough", "env"))
    b = pseudonyms(ids, AnonKey(b"key one, long enough", "file"))
    c = pseudonyms(ids, AnonKey(b"key two, long enough", "env"))
    assert a.tolist() == b.tolist()
    assert not set(a) & set(c)
    assert a.is_unique and a.str.fullmatch(r"P-[0-9a-f]{12}").all()


def test_clashing_pseudonyms_are_lengthened(monkeypatch):
    monkeypatch.setattr(privacy, "HEX_DIGITS", 1)  # 16 possible pseudonyms: clashes certain
    ids = pd.Series([f"id{i}" for i in range(100)], dtype="str")
    out = pseudonyms(ids, AnonKey(b"k" * 16, "env"))
    assert out.is_unique  # distinct people never merge


def test_key_sources(tmp_path):
    f = tmp_path / "key"
    f.write_bytes(b"from the file\n")
    assert resolve_key(f, {"SSCGAP_ANON_KEY": "env"}) == AnonKey(b"from the file", "file")
    assert resolve_key(None, {"SSCGAP_ANON_KEY": "from env"}) == AnonKey(b"from env", "env")
    random = resolve_key(None, {})
    assert random.is_random and len(random.secret) == 32
    assert random.secret != resolve_key(None, {"SSCGAP_ANON_KEY": "  "}).secret
    assert "random" in random.warnings()[0]
    assert "short" in AnonKey(b"abc", "env").warnings()[0]
    assert AnonKey(b"a" * 16, "env").warnings() == []
    assert "secret" not in repr(AnonKey(b"secret" * 4, "env"))
    for bad in (tmp_path / "missing", tmp_path):
        with pytest.raises(UsageError):
            resolve_key(bad, {})
    (tmp_path / "empty").write_bytes(b"\n")
    with pytest.raises(UsageError, match="empty"):
        resolve_key(tmp_path / "empty", {})


def test_anonymize_roster_keeps_everything_but_ids_and_names(mini_profiles):
    from sscgap.engine import analyze
    from sscgap.roster import load_roster

    roster = load_roster(MINI_ROSTER, mini_profiles)
    roster.findings.append(Finding("warning", "x", "m", row=2, column="name", value="Ann"))
    anon = anonymize(roster, AnonKey(b"k" * 20, "env"))
    assert anon.people["employee_id"].tolist() == [
        _reference(b"k" * 20, i) for i in roster.people["employee_id"]
    ]
    assert anon.people["name"].isna().all()
    others = ["department", "site", "position", "tenure_years", "employment_type"]
    pd.testing.assert_frame_equal(anon.people[others], roster.people[others])
    np.testing.assert_array_equal(anon.levels, roster.levels)
    assert anon.findings[-1].value is None and anon.findings[-1].row == 2
    assert roster.people["name"].iloc[0] == "Ann"  # the input roster is untouched
    # the analysis is the same, person for person
    a, b = analyze(mini_profiles, roster), analyze(mini_profiles, anon)
    assert a.summary == b.summary
    np.testing.assert_array_equal(a.fit, b.fit)


# ---------------------------------------------------------------------------------------------
# No id or name in any output
# ---------------------------------------------------------------------------------------------


def _identifiable_roster(tmp_path: Path, source: Path, encoding: str) -> tuple[Path, set[str]]:
    """The example with ids that cannot occur by chance; returns it and its ids and names."""
    df = pd.read_csv(source, dtype=str, encoding=encoding, keep_default_na=False)
    id_col, name_col = df.columns[0], df.columns[1]
    df[id_col] = "ZQ" + df[id_col] + "X"
    path = tmp_path / source.name
    df.to_csv(path, index=False, encoding="utf-8")
    secrets = set(df[id_col]) | {n for n in df[name_col] if n}
    return path, secrets


def _text_of(data: bytes) -> str:
    """An output as searchable text; a workbook (zip) is unpacked."""
    if data[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    return data.decode("utf-8", "replace")


def _leaks(text: str, secrets: set[str]) -> list[str]:
    return sorted(s for s in secrets if s in text)


def _commands(fmt: str) -> list[str]:
    """The commands that render a whole roster (with --anonymize) in ``fmt``. ``report -f X``
    and ``analyze -f X`` are one path (cli ``_emit``) and write the same bytes, but for CSV,
    where report's default table is the coverage and analyze's the people; the terminal table
    is analyze's alone."""
    return ["analyze", "report"] if fmt == "csv" else ["analyze"]


# every format with each sample roster; by default each format with one of them, in turn
_SOURCES = [(EXAMPLE, "utf-8", "en"), (EXAMPLE_ZH, "gb18030", "zh")]


@pytest.mark.parametrize(
    ("fmt", "source", "encoding", "lang"),
    [
        pytest.param(f.value, *src, marks=() if (i + j) % 2 == 0 else FULL_MATRIX)
        for j, src in enumerate(_SOURCES)
        for i, f in enumerate(Format)
    ],
)
def test_no_output_contains_an_id_or_a_name(runner, tmp_path, monkeypatch, fmt, source, encoding,
                                            lang):  # fmt: skip
    monkeypatch.setenv("SSCGAP_ANON_KEY", KEY)
    roster, secrets = _identifiable_roster(tmp_path, source, encoding)
    assert len(secrets) > 250  # 150 ids and their names
    listed_people = False
    for command in _commands(fmt):
        for extra in ([], ["--by", "department", "--people"], ["--exclusive"]):
            out = tmp_path / f"out.{fmt}"
            args = [command, roster, "--anonymize", "-f", fmt, "--lang", lang, "-o", out, *extra]
            result = run_cli(runner, *args)
            assert result.exit_code in (0, 1), result.output
            text = _text_of(out.read_bytes())
            assert _leaks(text, secrets) == [], (command, extra)
            assert _leaks(result.stdout + result.stderr, secrets) == []
            if "P-" in text:
                listed_people = True
                # the control: without --anonymize the same output names the same people
                plain = run_cli(runner, *[a for a in args if a != "--anonymize"])
                assert plain.exit_code in (0, 1)
                assert _leaks(_text_of(out.read_bytes()), secrets)
    if fmt != "table":
        assert listed_people, f"{fmt} never lists people: the test would prove nothing"


def test_ci_job_summary_is_anonymised_too(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("SSCGAP_ANON_KEY", KEY)
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    roster, secrets = _identifiable_roster(tmp_path, EXAMPLE, "utf-8")
    result = run_cli(runner, "analyze", roster, "--anonymize", "-f", "json", "--fail-under", "99")
    assert result.exit_code == 1
    text = summary.read_text(encoding="utf-8")
    assert "P-" in text and _leaks(text, secrets) == []


def test_pseudonyms_are_stable_across_runs_and_snapshots(runner, tmp_path, monkeypatch):
    roster, _ = _identifiable_roster(tmp_path, EXAMPLE, "utf-8")
    key_file = tmp_path / "anon.key"
    key_file.write_text("a long and random key for the tests\n")
    args = ["analyze", roster, "--anonymize", "--anon-key-file", key_file, "-f", "json"]
    first = run_cli(runner, *args)
    second = run_cli(runner, *args)
    assert first.exit_code == 0 and first.stdout == second.stdout
    assert first.stderr == ""  # a good key: nothing to warn about
    monkeypatch.setenv("SSCGAP_ANON_KEY", "a long and random key for the tests")
    assert run_cli(runner, "analyze", roster, "--anonymize", "-f", "json").stdout == first.stdout


def test_without_a_key_it_says_so_and_runs(runner, monkeypatch):
    monkeypatch.delenv("SSCGAP_ANON_KEY", raising=False)
    result = run_cli(runner, "analyze", MINI_ROSTER, "-p", MINI_PROFILES, "--anonymize")
    assert result.exit_code == 0
    assert "random for this run" in result.stderr


def test_key_file_errors(runner, tmp_path):
    result = run_cli(runner, "analyze", MINI_ROSTER, "-p", MINI_PROFILES, "--anonymize",
                     "--anon-key-file", tmp_path / "nope")  # fmt: skip
    assert result.exit_code == 2 and "--anon-key-file not found" in result.stderr
    result = run_cli(runner, "analyze", MINI_ROSTER, "-p", MINI_PROFILES,
                     "--anon-key-file", tmp_path / "nope")  # fmt: skip
    assert result.exit_code == 2 and "only applies with --anonymize" in result.stderr
    key = tmp_path / "k"
    key.write_text("0123456789abcdef0123\n")
    result = run_cli(runner, "analyze", MINI_ROSTER, "-p", MINI_PROFILES, "--anonymize",
                     "--anon-key-file", key, "-o", key)  # fmt: skip
    assert result.exit_code == 2 and "input file" in result.stderr
    assert key.read_text() == "0123456789abcdef0123\n"


def test_json_lists_people_only_by_pseudonym(runner, monkeypatch):
    monkeypatch.setenv("SSCGAP_ANON_KEY", KEY)
    data = json.loads(run_cli(runner, "analyze", EXAMPLE, "--anonymize", "-f", "json").stdout)
    text = json.dumps(data, ensure_ascii=False)
    assert "000101" not in text and "Zhu Meiling" not in text


# ---------------------------------------------------------------------------------------------
# person and diff
# ---------------------------------------------------------------------------------------------


def _needs_anonymize(runner, command: str) -> None:
    result = run_cli(runner, command, "--help")
    if result.exit_code != 0 or "--anonymize" not in result.stdout:
        pytest.skip(f"no `{command} --anonymize` on this branch")


def _view_formats(runner, command: str) -> list[str]:
    text = run_cli(runner, command, "--help").stdout
    return [f for f in ("table", "markdown", "json", "html", "csv") if f in text]


def test_person_shows_only_the_pseudonym(runner, tmp_path, monkeypatch):
    _needs_anonymize(runner, "person")
    monkeypatch.setenv("SSCGAP_ANON_KEY", KEY)
    roster, secrets = _identifiable_roster(tmp_path, EXAMPLE, "utf-8")
    real = "ZQ000101X"
    expected = _reference(KEY.encode(), real)
    for fmt in _view_formats(runner, "person"):
        for who in (real, expected, f" {real} "):  # the real id, or the pseudonym itself
            result = run_cli(runner, "person", roster, who, "--anonymize", "-f", fmt)
            assert result.exit_code == 0, result.output
            assert expected in result.stdout
            assert _leaks(result.stdout + result.stderr, secrets) == []
    missing = run_cli(runner, "person", roster, "ZQ000102Y", "--anonymize")
    assert missing.exit_code == 2 and "no employee_id 'ZQ000102Y'" in missing.stderr
    assert "did you mean" not in missing.stderr  # no other person's id or pseudonym


def test_diff_shows_only_pseudonyms_and_they_match_analyze(runner, tmp_path, monkeypatch):
    _needs_anonymize(runner, "diff")
    monkeypatch.setenv("SSCGAP_ANON_KEY", KEY)
    old, secrets_old = _identifiable_roster(tmp_path, EXAMPLE, "utf-8")
    q2 = EXAMPLE.with_name("staff_q2.csv")
    (tmp_path / "q2").mkdir()
    new, secrets_new = _identifiable_roster(tmp_path / "q2", q2, "utf-8")
    secrets = secrets_old | secrets_new
    for fmt in _view_formats(runner, "diff"):
        result = run_cli(runner, "diff", old, new, "--anonymize", "-f", fmt, "--top", "50")
        assert result.exit_code in (0, 1), result.output
        assert "P-" in result.stdout
        assert _leaks(result.stdout + result.stderr, secrets) == []
    # the same key, the same person: a leaver's pseudonym is the one analyze gave them
    leavers = set(pd.read_csv(old, dtype=str)["employee_id"]) - set(
        pd.read_csv(new, dtype=str)["employee_id"]
    )
    shown = run_cli(runner, "diff", old, new, "--anonymize", "--top", "50").stdout
    assert any(_reference(KEY.encode(), pid) in shown for pid in leavers)
