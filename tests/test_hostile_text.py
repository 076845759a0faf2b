"""Control characters and bidi controls in names: shown, never acted on, in every output.

The unit tests pin :mod:`sscgap.textsafe`. The end-to-end tests run the command line (in-process:
test_hostile_every_output checks that the installed command writes the same bytes) on a roster
whose names hold terminal escapes, XML-illegal characters and a right-to-left override; they need
the renderers to call textsafe (the hooks listed with the module), see HOOKS_WIRED.
"""

from __future__ import annotations

import io
import json
import os
import re
import zipfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from sscgap import textsafe
from sscgap.textsafe import clean_cell, for_cell, for_document, for_terminal, is_formula

from conftest import EXAMPLE, run_cli

HOOKS_WIRED = "textsafe" in (Path(__file__).parents[1] / "src" / "sscgap" / "cli.py").read_text(encoding="utf-8")

RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
BIDI = re.compile("[" + textsafe.BIDI_CONTROLS + "]")
EVIL = [
    "A\x1b]0;pwned\x07B",  # set the window title
    "C\x1b[2JD",  # clear the screen
    "E\x01F\x0bG",  # illegal in XML: openpyxl raised
    "H\u202eIJK",  # right-to-left override
    "L\x1b[8mhidden",  # hide the rest
    "O\x9bP",  # C1 CSI
    "=cmd|' /C calc'!A0",
]


# ---------------------------------------------------------------------------------------------
# Pure functions
# ---------------------------------------------------------------------------------------------


def test_for_terminal_makes_every_control_visible():
    assert for_terminal("a\x1b]0;x\x07b") == "a␛]0;x␇b"
    assert for_terminal("\x00\x7f\x9b\u202e\u2028") == "␀␡\\x9b\\u202e\\u2028"
    assert for_terminal("line\nnext\t") == "line␊next␉"
    assert for_terminal("line\nnext", keep="\n") == "line\nnext"
    assert for_terminal("王小明 · Müller") == "王小明 · Müller"
    everything = "".join(chr(c) for c in range(0x2100))
    assert not RAW_CONTROL.search(for_terminal(everything)) and not BIDI.search(for_terminal(everything))


def test_for_document_neutralises_bidi_and_controls_keeps_line_breaks():
    for ch in textsafe.BIDI_CONTROLS:
        out = for_document(f"x{ch}y")
        assert ch not in out and out.startswith("x\\u") and out.endswith("y")
    assert for_document("a\tb\nc\r\n") == "a\tb\nc\r\n"
    assert for_document("a\rb") == "a\u240db"  # a CR alone would move the cursor back
    assert for_document("a\x1bb\x00") == "a␛b␀"


def test_for_cell_is_xml_safe_and_formula_safe():
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    everything = "".join(chr(c) for c in range(0x20000) if not 0xD800 <= c < 0xE000) + "\ud800"
    cleaned = clean_cell(everything)
    assert not ILLEGAL_CHARACTERS_RE.search(cleaned)
    cleaned.encode("utf-8")  # no lone surrogate left
    assert clean_cell("a\tb\nc") == "a\tb\nc"  # a cell may hold them
    assert for_cell("=1+1") == "'=1+1" and for_cell(" @SUM(A1)") == "' @SUM(A1)"
    assert for_cell("＝1") == "'＝1" and for_cell("\t=x") == "'\t=x"
    assert for_cell("-5") == "-5" and for_cell("+1.5") == "+1.5" and for_cell(3) == 3
    assert for_cell("=a\x01") == "'=a␁" and for_cell(None) is None
    assert is_formula("-cmd") and not is_formula("-2") and not is_formula(5)


@pytest.mark.parametrize("dtype", [object, "string[python]", "string[pyarrow]", "category"])
def test_the_column_variants_match_the_single_value_ones(dtype):
    values = ["ok", "=x\x01", None, "a\u202eb", "-5", "\x1b[2J", "@a"]
    s = pd.Series(values, dtype=dtype)
    for column, one in (
        (textsafe.for_terminal_series, for_terminal),
        (textsafe.for_document_series, for_document),
        (textsafe.clean_cell_series, clean_cell),
        (textsafe.for_cell_series, for_cell),
    ):
        got = [None if pd.isna(v) else v for v in column(s).astype(object)]
        assert got == [None if v is None else one(v) for v in values], column.__name__
    clean = pd.Series(["a", "b"], dtype=dtype)
    assert textsafe.for_terminal_series(clean) is clean  # nothing to do: the same object


def test_the_arrow_variant():
    arr = pa.chunked_array([["a", "b\x01", None], ["c\x0b"]])
    assert textsafe.clean_cell_arrow(arr).to_pylist() == ["a", "b␁", None, "c␋"]
    ok = pa.array(["a"])
    assert textsafe.clean_cell_arrow(ok) is ok


# ---------------------------------------------------------------------------------------------
# Through the command line
# ---------------------------------------------------------------------------------------------

needs_hooks = pytest.mark.skipif(not HOOKS_WIRED, reason="the textsafe hooks are not wired into the renderers yet")


@pytest.fixture
def evil_roster(tmp_path: Path) -> Path:
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    name = header.index("name")
    out = [lines[0]]
    for i, line in enumerate(lines[1:]):
        cells = line.split(",")
        if i < len(EVIL):
            cells[name] = '"' + EVIL[i].replace('"', '""') + '"'
        out.append(",".join(cells))
    path = tmp_path / "evil.csv"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


class _Ran:
    def __init__(self, stdout: bytes) -> None:
        self.stdout = stdout


def _run(*args: str, cwd: Path) -> _Ran:
    """The command run by the Typer app (an exception fails the test), in ``cwd``."""
    from typer.testing import CliRunner

    here = Path.cwd()
    os.chdir(cwd)
    try:
        r = run_cli(CliRunner(), *args)
    finally:
        os.chdir(here)
    assert r.exit_code == 0, r.stderr
    return _Ran(r.stdout_bytes)


@needs_hooks
def test_no_raw_control_in_the_terminal(evil_roster, tmp_path):
    pid = evil_roster.read_text(encoding="utf-8").splitlines()[1].split(",")[0]
    for args in (
        ["analyze", str(evil_roster), "--by", "name", "--people"],
        ["person", str(evil_roster), pid],
        ["validate", str(evil_roster)],
    ):
        out = _run(*args, cwd=tmp_path).stdout.decode("utf-8")
        assert not RAW_CONTROL.search(out.replace("\n", "")) and not BIDI.search(out), args
    assert "␛]0;pwned␇" in _run("analyze", str(evil_roster), "--by", "name", cwd=tmp_path).stdout.decode()


@needs_hooks
@pytest.mark.parametrize("fmt", ["markdown", "html", "csv", "xlsx"])
def test_no_raw_control_in_any_document(evil_roster, tmp_path, fmt):
    out = tmp_path / f"report.{fmt}"
    _run("analyze", str(evil_roster), "-f", fmt, "--people", "--by", "name", "-o", str(out),
         "--title", "=cmd|' /C calc'!A0\x1b", cwd=tmp_path)  # fmt: skip
    if fmt == "xlsx":
        with zipfile.ZipFile(io.BytesIO(out.read_bytes())) as z:
            for member in z.namelist():
                xml = z.read(member).decode("utf-8")
                assert not RAW_CONTROL.search(xml.replace("\n", "").replace("\r", "").replace("\t", "")), member
                assert "<f>" not in xml, member
        import openpyxl

        wb = openpyxl.load_workbook(out)
        a1 = wb.worksheets[0]["A1"]
        assert a1.data_type == "s" and a1.value.startswith("=cmd") and a1.quotePrefix
        return
    text = out.read_text(encoding="utf-8")
    assert not RAW_CONTROL.search(text.replace("\n", "").replace("\r", "").replace("\t", ""))
    if fmt in ("markdown", "html"):
        assert not BIDI.search(text)


def test_for_json_is_lossless():
    value = {"name": "a\x1b\x9b\u202e\u2028b", "n": 1}
    text = textsafe.for_json(json.dumps(value, ensure_ascii=False))
    assert json.loads(text) == value and not RAW_CONTROL.search(text) and not BIDI.search(text)


@needs_hooks
def test_json_keeps_values_exactly_but_escaped(evil_roster, tmp_path):
    """JSON is data for scripts: names as they are, control characters as JSON escapes."""
    r = _run("analyze", str(evil_roster), "-f", "json", "--people", cwd=tmp_path)
    assert not RAW_CONTROL.search(r.stdout.decode("utf-8").replace("\n", ""))
    names = {p.get("name") for p in json.loads(r.stdout).get("people", [])}
    assert "C\x1b[2JD" in names or not names


def test_the_progress_line_shows_a_file_name_as_plain_visible_text():
    """The spinner on an interactive stderr names the file: no escape reaches the terminal, no
    Rich markup in the name is interpreted (``[bold red]`` stays text)."""
    from sscgap.progress import Stages

    label = "reading evil\x1b]0;pwned\x07\u202e[bold red]x[/].csv"
    stages = Stages(show=True)
    try:
        with stages.stage("read", label):
            text = stages._status.get_renderable().text
            assert text.plain == for_terminal(label)
            assert not RAW_CONTROL.search(text.plain) and not BIDI.search(text.plain)
            assert "[bold red]x[/]" in text.plain and not text.spans
    finally:
        stages.close()
