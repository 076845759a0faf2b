"""Every command has --help and a README entry; every option is documented in the README."""

from __future__ import annotations

import re

import pytest
import typer

from sscgap.cli import app

from conftest import ROOT, run_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")


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


def test_all_commands_found():
    names = {" ".join(n) for n, _ in COMMANDS}
    assert {"analyze", "report", "validate", "person", "diff", "init", "profiles list"} <= names


@pytest.mark.parametrize("names,cmd", COMMANDS, ids=[" ".join(n) for n, _ in COMMANDS])
def test_command_has_help_and_readme_entry(runner, names, cmd):
    result = run_cli(runner, *names, "--help")
    assert result.exit_code == 0
    assert "Usage" in result.stdout
    assert f"sscgap {' '.join(names)}" in README, f"README has no entry for `sscgap {' '.join(names)}`"
    for param in cmd.params:
        for opt in param.opts:
            if opt.startswith("--") and opt != "--help":
                documented = re.search(rf"(?<![\w-]){re.escape(opt)}(?![\w-])", README)
                assert documented, f"{opt} of {' '.join(names)} is not in the README"
