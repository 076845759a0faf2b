"""The Python API: sscgap.analyze(...) -> Result, equal to the CLI, hygienic, documented."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from conftest import EXAMPLE, MINI_PROFILES, MINI_ROSTER, ROOT, run_cli


def test_to_dict_equals_the_cli_json(runner):
    import sscgap

    cli = json.loads(run_cli(runner, "analyze", EXAMPLE, "--format", "json").stdout)
    api = sscgap.analyze(EXAMPLE).to_dict()
    assert api["archetypes"] == cli["archetypes"]
    assert api["summary"] == cli["summary"]
    assert api == cli  # the whole document, not only the two parts the contract names


def test_to_dict_equals_the_cli_json_with_options(runner):
    import sscgap

    args = ("analyze", MINI_ROSTER, "-p", MINI_PROFILES, "--by", "department", "--exclusive",
            "--people", "--top", "3", "--format", "json")  # fmt: skip
    cli = json.loads(run_cli(runner, *args).stdout)
    result = sscgap.analyze(MINI_ROSTER, MINI_PROFILES, by="department", exclusive=True)
    assert result.to_dict(top=3, people=True) == cli
    assert json.loads(result.to_json(top=3, people=True)) == cli


def test_a_loaded_profile_set_is_used_as_given():
    import sscgap

    pset = sscgap.load_profiles(MINI_PROFILES)
    a = sscgap.analyze(MINI_ROSTER, pset)
    assert a.profiles is pset
    assert a.coverage_index == sscgap.analyze(MINI_ROSTER, MINI_PROFILES).coverage_index == 0.75


def test_targets_need_profiles_to_load():
    import sscgap
    from sscgap.errors import SscgapError

    with pytest.raises(SscgapError, match="targets"):
        sscgap.analyze(MINI_ROSTER, sscgap.load_profiles(MINI_PROFILES), targets="t.yaml")


def test_every_format_renders(tmp_path, runner):
    import sscgap
    from sscgap.report import Format

    result = sscgap.analyze(MINI_ROSTER, MINI_PROFILES)
    for fmt in Format:
        out = result.render(fmt)
        assert isinstance(out, bytes if fmt.binary or fmt is Format.csv else str), fmt
    md = result.to_markdown(generated="2026-01-31")
    cli = tmp_path / "r.md"
    env_date = {"SOURCE_DATE_EPOCH": "1769817600"}  # 2026-01-31
    run = runner.invoke(
        __import__("sscgap.cli", fromlist=["app"]).app,
        ["report", str(MINI_ROSTER), "-p", str(MINI_PROFILES), "-o", str(cli)],
        env=env_date,
    )
    assert run.exit_code == 0, run.output
    assert md == cli.read_text(encoding="utf-8")
    assert "Coverage index 75.0%" in result.to_text()


def test_errors_are_raised_not_printed(tmp_path, capsys):
    import sscgap
    from sscgap.errors import SscgapError

    with pytest.raises(SscgapError):
        sscgap.analyze(tmp_path / "missing.csv", MINI_PROFILES)
    assert capsys.readouterr() == ("", "")


def test_a_dataframe_roster_equals_the_file(runner):
    import pandas as pd

    import sscgap

    cli = json.loads(run_cli(runner, "analyze", EXAMPLE, "--format", "json").stdout)
    df = pd.read_csv(EXAMPLE, dtype={"employee_id": str})
    api = sscgap.analyze(df).to_dict()
    assert api["archetypes"] == cli["archetypes"]
    assert api["summary"] == cli["summary"]


def _python(code: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SSCGAP")}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_import_is_light():
    out = _python(
        "import sys, sscgap\n"
        "assert sscgap.__version__\n"
        "print(sorted(m for m in ('pandas', 'numpy', 'pyarrow', 'rich', 'typer') if m in sys.modules))"
    )
    assert out.strip() == "[]"


def test_the_interpreter_is_left_as_it_was():
    out = _python(
        "import gc, os, sys, threading, types\n"
        "env = dict(os.environ)\n"
        "import sscgap\n"
        "r = sscgap.analyze('examples/staff.csv')\n"
        "r.to_dict(); r.to_markdown(); r.to_text(); r.to_csv()\n"
        "assert gc.isenabled()\n"
        "assert dict(os.environ) == env\n"
        "for name in ('pandas', 'numpy', 'pyarrow'):\n"
        "    m = sys.modules[name]\n"
        "    assert type(m) is types.ModuleType, (name, type(m))\n"
        "    assert m.__spec__ is not None and not type(m.__spec__.loader).__name__.startswith('Lazy'), name\n"
        "print('ok')"
    )
    assert out.strip() == "ok"


def test_py_typed_is_shipped():
    assert (ROOT / "src" / "sscgap" / "py.typed").is_file()


# ---------------------------------------------------------------------------------------------
# docs/api.md: every ```python block runs as written
# ---------------------------------------------------------------------------------------------

API_DOC = ROOT / "docs" / "api.md"


def _examples() -> list:
    blocks = re.findall(r"```python\n(.*?)```", API_DOC.read_text(encoding="utf-8"), re.S)
    return [
        pytest.param(b, id=f"block{i}")
        for i, b in enumerate(blocks)
    ]


@pytest.mark.parametrize("code", _examples())
def test_api_doc_examples_run(code, monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    exec(compile(code, str(API_DOC), "exec"), {"__name__": "__api_doc__"})


def test_api_doc_names_every_public_name():
    import sscgap

    text = API_DOC.read_text(encoding="utf-8")
    for name in sscgap.__all__:
        if name != "__version__":
            assert name in text, name
    for method in ("to_dict", "to_json", "to_markdown", "to_html", "to_text", "to_csv", "to_xlsx"):
        assert f"{method}(" in text, method


def test_a_wrong_argument_is_named():
    """A library caller's slip is told in terms of the call: not a path error from deep inside,
    and not an English report quietly made for lang="fr"."""
    import sscgap

    with pytest.raises(TypeError, match="roster: a file path, a pandas DataFrame or a Roster, not NoneType"):
        sscgap.analyze(None)
    result = sscgap.analyze(EXAMPLE)
    with pytest.raises(ValueError, match="lang 'fr': use 'en' or 'zh'"):
        result.to_markdown(lang="fr")
    with pytest.raises(ValueError, match="top 0: a whole number, 1 or more"):
        result.to_dict(top=0)
