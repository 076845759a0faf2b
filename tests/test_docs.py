"""The documentation: README and docs/ cover every command and option, links resolve, the
README stays short, and nothing in the repository points outside it."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import typer

from sscgap.cli import app

from conftest import ROOT, run_cli

README_PATH = ROOT / "README.md"
README = README_PATH.read_text(encoding="utf-8")
DOCS_DIR = ROOT / "docs"
DOC_PAGES = sorted(DOCS_DIR.rglob("*.md"))
DOCS = "\n".join(p.read_text(encoding="utf-8") for p in DOC_PAGES)
MARKDOWN = [
    README_PATH,
    *DOC_PAGES,
    *(ROOT / n for n in ("CHANGELOG.md", "CONTRIBUTING.md", "examples/README.md")),
]

# The manual's pages; performance.md and api.md are written with the code they describe.
PAGES = ["meaning", "roster", "profiles", "reports", "decisions", "ci", "privacy", "performance",
         "api", "commands", "insights"]  # fmt: skip
ARTICLE_TITLE = "今天的共享服务中心要必备以下几类人才"


def _commands():
    group = typer.main.get_command(app)
    out = []
    for name, cmd in group.commands.items():
        sub = getattr(cmd, "commands", None)
        if sub:
            out += [((name, s), c) for s, c in sub.items()]
        else:
            out.append(((name,), cmd))
    return out


COMMANDS = _commands()
IDS = [" ".join(n) for n, _ in COMMANDS]


def _mentions(text: str, opt: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(opt)}(?![\w-])", text) is not None


def _readme_command_table() -> str:
    """The rows of the README's table of commands (the section headed "Commands")."""
    section = README.split("\n## Commands\n", 1)[1].split("\n## ", 1)[0]
    return "\n".join(line for line in section.splitlines() if line.startswith("|"))


def test_all_commands_found():
    names = set(IDS)
    assert {"analyze", "report", "validate", "person", "diff", "init", "profiles list"} <= names


@pytest.mark.parametrize("names,cmd", COMMANDS, ids=IDS)
def test_command_has_help_and_is_documented(runner, names, cmd):
    result = run_cli(runner, *names, "--help")
    assert result.exit_code == 0
    assert "Usage" in result.stdout
    entry = f"sscgap {' '.join(names)}"
    assert entry in _readme_command_table(), f"README's table of commands has no `{entry}`"
    assert entry in DOCS, f"docs/ has no entry for `{entry}`"
    for param in cmd.params:
        for opt in param.opts:
            if opt.startswith("--") and opt != "--help":
                assert _mentions(DOCS, opt), f"{opt} of {entry} is not documented in docs/"


def test_global_options_documented():
    group = typer.main.get_command(app)
    for param in group.params:
        for opt in param.opts:
            if opt.startswith("--") and opt != "--help":
                assert _mentions(DOCS, opt), f"the global option {opt} is not in docs/"


def test_readme_is_short_and_has_the_quick_start():
    assert len(README.splitlines()) <= 300
    quick = README.split("## Quick start", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    commands = [line for line in quick.strip().splitlines() if line.strip()]
    assert len(commands) == 2
    assert "sscgap analyze examples/staff.csv" in commands[0]
    assert "pytest" in commands[1]


def test_manual_pages_and_project_files_exist():
    missing = [f"docs/{p}.md" for p in PAGES if not (DOCS_DIR / f"{p}.md").is_file()]
    missing += [
        n for n in ("CHANGELOG.md", "CONTRIBUTING.md", "LICENSE") if not (ROOT / n).is_file()
    ]
    assert not missing, f"missing: {missing}"
    for page in PAGES:
        assert f"(docs/{page}.md)" in README, f"README does not link docs/{page}.md"


def test_screenshots_are_small_pngs():
    for name in ("terminal.png", "report.png"):
        png = DOCS_DIR / "img" / name
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert png.stat().st_size < 300_000, f"{png} is larger than 300 KB"
        assert f"(docs/img/{name})" in README


def test_source_article_named_by_title():
    assert ARTICLE_TITLE in README
    assert ARTICLE_TITLE in (DOCS_DIR / "profiles.md").read_text(encoding="utf-8")


# --- links -------------------------------------------------------------------------------------

FENCE = re.compile(r"^\s*(```|~~~)")
CODE_SPAN = re.compile(r"``.+?``|`[^`\n]*`")
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")


def _prose(text: str) -> list[str]:
    """Lines outside fenced code blocks."""
    out, fenced = [], False
    for line in text.splitlines():
        if FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            out.append(line)
    return out


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, markup and punctuation dropped, spaces -> -."""
    text = heading.strip().lower().replace("`", "").replace("*", "")
    kept = "".join(ch for ch in text if ch in " -_" or unicodedata.category(ch)[0] in "LN")
    return kept.replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    seen: dict[str, int] = {}
    anchors = set()
    for line in _prose(path.read_text(encoding="utf-8")):
        m = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
        if not m:
            continue
        slug = _slug(m.group(1))
        n = seen.get(slug, 0)
        seen[slug] = n + 1
        anchors.add(slug if n == 0 else f"{slug}-{n}")
    return anchors


def _links(path: Path) -> list[str]:
    out = []
    for line in _prose(path.read_text(encoding="utf-8")):
        out += LINK.findall(CODE_SPAN.sub("", line))
    return out


def test_slug_matches_github():
    assert _slug("One person: `sscgap person STAFF EMPLOYEE_ID`") == (
        "one-person-sscgap-person-staff-employee_id"
    )
    assert (
        _slug("Allocation-aware coverage: `--exclusive`") == "allocation-aware-coverage---exclusive"
    )
    assert _slug("Recommendations: build, buy or borrow") == "recommendations-build-buy-or-borrow"


@pytest.mark.parametrize("page", MARKDOWN, ids=[str(p.relative_to(ROOT)) for p in MARKDOWN])
def test_relative_links_resolve(page):
    broken = []
    for target in _links(page):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):  # https:, mailto:, …
            continue
        file_part, _, anchor = target.partition("#")
        dest = (page.parent / file_part).resolve() if file_part else page
        if not dest.exists():
            broken.append(f"{target}: no such file")
            continue
        if not dest.is_relative_to(ROOT):
            broken.append(f"{target}: outside the repository")
        elif anchor and dest.suffix == ".md" and anchor not in _anchors(dest):
            broken.append(f"{target}: no heading #{anchor} in {dest.relative_to(ROOT)}")
    assert not broken, f"{page.relative_to(ROOT)}: " + "; ".join(broken)


# --- nothing points outside the repository -----------------------------------------------------

# Paths and documents that exist only where the project was built, never in the repository.
OUTSIDE = re.compile(
    r"shared/seed|\.\./shared|\bshared/\w|PRODUCT\.md|STYLE\.md|/work/|\bissues? #?\d+\b"
    r"|\bthe brief\b",
    re.IGNORECASE,
)
SKIP_DIRS = {".git", ".venv", "venv", "build", "dist", "__pycache__", "node_modules",
             ".mypy_cache", ".ruff_cache", ".pytest_cache", ".hypothesis", ".import_linter_cache"}  # fmt: skip
TEXT_SUFFIXES = {".py", ".md", ".yaml", ".yml", ".toml", ".txt", ".cfg", ".ini", ".json", ".html",
                 ".j2", ".jinja", ".sh", ""}  # fmt: skip


def _repository_texts():
    for path in sorted(ROOT.rglob("*")):
        rel = path.relative_to(ROOT)
        if any(part in SKIP_DIRS or part.endswith(".egg-info") for part in rel.parts):
            continue
        if not path.is_file() or path.suffix not in TEXT_SUFFIXES or path == Path(__file__):
            continue
        if path.stat().st_size > 2_000_000:
            continue
        try:
            yield rel, path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue


def test_nothing_names_a_path_or_document_outside_the_repository():
    found = []
    for rel, text in _repository_texts():
        for number, line in enumerate(text.splitlines(), 1):
            if m := OUTSIDE.search(line):
                found.append(f"{rel}:{number}: {m.group(0)!r}")
    assert not found, "names outside the repository:\n" + "\n".join(found)
