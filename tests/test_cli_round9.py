"""Round 9: ``--lang`` before the command (``sscgap --lang zh analyze staff.csv``) is the
command's ``--lang``; it was Click's English "No such option: --lang"."""

from __future__ import annotations

import pytest

from conftest import EXAMPLE, run_cli


@pytest.mark.parametrize("lang", [["--lang", "zh"], ["--lang=zh"]])
def test_lang_before_the_command_is_the_commands(runner, lang):
    before = run_cli(runner, *lang, "analyze", EXAMPLE)
    after = run_cli(runner, "analyze", EXAMPLE, "--lang", "zh")
    assert before.exit_code == after.exit_code == 0, before.stderr
    assert before.stdout == after.stdout
    assert "覆盖指数74.3%" in before.stdout


def test_lang_before_a_sub_group_and_with_the_groups_own_options(runner):
    shown = run_cli(runner, "--lang", "zh", "profiles", "show", "leader")
    assert shown.exit_code == 0, shown.stderr
    assert shown.stdout == run_cli(runner, "profiles", "show", "leader", "--lang", "zh").stdout
    checked = run_cli(runner, "--debug", "--lang", "zh", "validate", EXAMPLE)
    assert checked.exit_code == 0 and "未发现问题" in checked.stdout


def test_a_bad_lang_before_the_command_is_the_commands_usage_error(runner):
    result = run_cli(runner, "--lang", "fr", "analyze", EXAMPLE)
    assert result.exit_code == 2
    assert "Invalid value for '--lang': 'fr' is not one of 'en', 'zh'." in result.stderr
    assert "No such option" not in result.stderr
