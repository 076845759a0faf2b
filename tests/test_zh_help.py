"""--help --lang zh: the help of every command in Chinese; the English help as it was.

Every help text (a command's summary, an argument's or an option's description) is looked up in
``i18n.HELP_ZH`` by its English text: one added or reworded without its Chinese is caught here,
not left English. In-process runs (``run_cli``); the import check is in test_perf_paths."""

from __future__ import annotations

import re
import unicodedata

import pytest

from sscgap.i18n import HELP_ZH, banned_in, help_zh

from conftest import run_cli

CJK = "\u4e00-\u9fff"
COMMANDS = [[], ["analyze"], ["report"], ["validate"], ["person"], ["diff"], ["trend"], ["init"],
            ["profiles"], ["profiles", "list"], ["profiles", "show"], ["profiles", "check"]]  # fmt: skip


def _ids(paths: list[list[str]]) -> list[str]:
    return [" ".join(p) or "sscgap" for p in paths]


def _help(runner, *args: str, width: int = 78):
    """``sscgap ARGS`` in-process, its help ``width`` cells wide: a terminal's width less 2, at
    most 78, as Click's (the test runner would fix it at 80)."""
    from sscgap.cli import app

    return runner.invoke(app, list(args), catch_exceptions=False, terminal_width=width)


def _cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _commands():
    """Every command of the app with its help and its parameters (the help option too), as the
    command line builds them (with the lists of choices it adds)."""
    import typer.main

    from sscgap.cli import app

    group = typer.main.get_command(app)
    todo = [("sscgap", group)]
    while todo:
        path, command = todo.pop()
        yield path, command
        todo += [(f"{path} {name}", sub) for name, sub in getattr(command, "commands", {}).items()]


def test_every_help_text_has_its_chinese():
    from typer._click import Context

    missing = []
    for path, command in _commands():
        ctx = Context(command, info_name=path)
        texts = [command.help or ""]
        for param in command.get_params(ctx):
            record = param.get_help_record(ctx)
            texts += [record[1]] if record else []
        missing += [(path, t) for t in texts if help_zh(t) is None]
    assert not missing, "help texts without a Chinese text in i18n.HELP_ZH:\n" + "\n".join(map(str, missing))
    assert help_zh("A help text nobody translated.") is None


def test_no_chinese_help_text_is_left_over():
    """A reworded help text replaces its entry (the old one would go stale unnoticed)."""
    from typer._click import Context

    used = {"Show this message and exit."}  # the help option's, Click's own
    for path, command in _commands():
        used.add(command.help or "")
        for param in command.get_params(Context(command, info_name=path)):
            used.add(re.sub(r" One of: .+\.$", "", getattr(param, "help", None) or ""))
    assert not set(HELP_ZH) - used, sorted(set(HELP_ZH) - used)


def test_the_chinese_help_texts_use_the_glossary():
    for en, zh in HELP_ZH.items():
        assert re.search(f"[{CJK}]", zh), en
        assert not banned_in(zh), (en, zh)
        assert not re.search(f"[{CJK}][:;,(]|[)][{CJK}]", zh), zh  # full-width marks in Chinese
        assert not re.search(r"\d (?:个|人|级|行|项|条|年|名)|(?:第|共|有|码|为) \d", zh), zh
        assert zh.count("\n\n") == en.count("\n\n"), en  # the same paragraphs


@pytest.mark.parametrize("path", COMMANDS, ids=_ids(COMMANDS))
def test_help_in_chinese_has_no_english_sentence(runner, path):
    r = _help(runner, *path, "--help", "--lang", "zh")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.startswith(f"用法：sscgap {' '.join(path)}".rstrip() + " ")
    assert "选项：" in r.stdout and "Options:" not in r.stdout and "Usage:" not in r.stdout
    for line in r.stdout.splitlines()[1:]:  # after the usage line
        described = re.sub(r"^  \S.*?  +", "", line)  # the option's names and metavar stay
        assert not re.search(r"\b[A-Za-z]{2,}[ ,]+[a-z]{2,}[ ,]+[a-z]{2,}\b", described), line
        assert not re.search(f"[{CJK}][:;]|default:|required", line), line
        assert not re.search(r"\d (?:个|人|级|行|项|条|年|名)|(?:第|共|有|码|为) \d", line), line
        assert not banned_in(line), line


HELP_80 = {
    ("analyze",): [
        "用法：sscgap analyze [OPTIONS] STAFF",
        "  分析花名册对人才模型中各人才类型的覆盖率：谁已就绪、谁接近就绪，缺口在哪里。",
        "参数：",
        "  STAFF  员工花名册：CSV（UTF-8、GB18030、Big5 等编码）或 .xlsx 文件。（必填）",
        "选项：",
        "  -p, --profiles DIR              人才模型文件夹（默认：随附的共享服务中心十类",
        "                                  人才；用 init --blank 新建自己的人才模型）。",
        "  --lang en|zh                    输出、提示信息和本帮助的语言。（默认：en）",
        "  --top N                         限定行数的部分显示多少行：能力项缺口、每个人",
        "                                  才类型列出的人员。（默认：10；最小为1）",
        "  --job-summary / --no-job-summary",
        "                                  （默认：--job-summary）",
        "  -h, --help                      显示本帮助后退出。",
    ],
    (): [
        "用法：sscgap [OPTIONS] COMMAND [ARGS]...",
        "选项：",
        "  --version   显示版本号后退出。",
        "命令：",
        "  validate  检查花名册和人才模型，列出所有问题（文件、行、列、值、提示）。",
        "  profiles  列出、查看和检查人才模型。",
    ],
    ("report",): [  # a suffix list: `.md .html` would hold together (no line starts with ".")
        "  -o, --output FILE               报告文件，格式由文件名后缀决定：md、html、",
        "                                  json、csv 或 xlsx（“-”表示标准输出）。",
    ],
    ("validate",): [
        "  没有错误时退出码为0（有警告也可以），有错误时退出码为2。",
        "  -f, --format table|json  table 供人阅读，json 供脚本使用。（默认：table）",
    ],
    ("init",): [
        "  加 --blank：在 DIRECTORY 中生成一套待你填写的小型人才模型。",
        "  DIRECTORY  要创建（或补齐文件）的文件夹。（默认：sscgap-start）",
    ],
}


@pytest.mark.parametrize("path", list(HELP_80), ids=_ids([list(p) for p in HELP_80]))
def test_exact_lines_at_80_columns(runner, path):
    lines = _help(runner, *path, "--help", "--lang", "zh").stdout.splitlines()
    for want in HELP_80[path]:
        assert want in lines, (want, lines)


ORDERS = [
    (["analyze", "--help", "--lang", "zh"], ["analyze", "--lang", "zh", "--help"]),
    (["analyze", "--help", "--lang", "zh"], ["analyze", "-h", "--lang=zh"]),
    (["analyze", "--help", "--lang", "zh"], ["analyze", "--lang=zh", "-h"]),
    (["analyze", "--help", "--lang", "zh"], ["--lang", "zh", "analyze", "--help"]),
    (["--help", "--lang", "zh"], ["--lang", "zh", "--help"]),
    (["--help", "--lang", "zh"], ["-h", "--lang=zh"]),
    (["--help", "--lang", "zh"], ["--lang", "zh"]),  # as `sscgap` alone shows the help
    (["profiles", "--help", "--lang", "zh"], ["profiles", "--lang", "zh"]),
    (["profiles", "list", "--help", "--lang", "zh"], ["profiles", "list", "--lang", "zh", "-h"]),
    (["init", "--help", "--lang", "zh"], ["init", "--lang", "zh", "--help"]),
]


@pytest.mark.parametrize(("same", "args"), ORDERS, ids=[" ".join(a) for _, a in ORDERS])
def test_lang_before_or_after_help(runner, same, args):
    want = run_cli(runner, *same).stdout
    assert want.startswith("用法：")
    r = run_cli(runner, *args)
    assert (r.stdout or r.stderr).rstrip("\n") == want.rstrip("\n")  # no arguments: help on stderr


@pytest.mark.parametrize("width", [58, 78])  # a terminal of 60 columns; of 80 or more
@pytest.mark.parametrize("path", COMMANDS, ids=_ids(COMMANDS))
def test_chinese_help_fits_and_aligns(runner, width, path):
    """Measured in terminal cells (a Chinese character is two): within the help's width, no
    line ending in spaces, and each section's descriptions in one column."""
    text = _help(runner, *path, "--help", "--lang", "zh", width=width).stdout
    for line in text.splitlines():
        assert _cells(line) <= width, line
        assert line == line.rstrip(), line
    for section in re.split(r"\n(?=\S)", text):
        if not section.startswith(("参数：", "选项：", "命令：")):
            continue
        starts = set()
        for line in section.splitlines()[1:]:
            m = re.match(r"(  \S.*?  +)\S", line) or re.match(r"( {3,})\S", line)
            if m and not line.startswith("  --job-summary / --no-job-summary"):
                starts.add(_cells(m.group(1)))
        assert len(starts) == 1, (section, starts)


ENGLISH = {  # the English help, unchanged by the Chinese one
    (): ["Usage: sscgap [OPTIONS] COMMAND [ARGS]...", "Options:", "  --version   Show the version and exit.",
         "Commands:", "  profiles  List, show and check archetype profiles."],
    ("analyze",): [
        "Usage: sscgap analyze [OPTIONS] STAFF", "Arguments:",
        "  STAFF  Staff roster: CSV (UTF-8, GB18030, Big5, ...) or .xlsx.  [required]",
        "  --lang en|zh                    Language of the output, the messages and",
        "  -h, --help                      Show this message and exit.",
    ],
    ("profiles", "show"): ["  ID  An archetype or competency id.  [required]"],
}


@pytest.mark.parametrize("path", list(ENGLISH), ids=_ids([list(p) for p in ENGLISH]))
def test_english_help_unchanged(runner, path):
    text = _help(runner, *path, "--help").stdout
    lines = text.splitlines()
    for want in ENGLISH[path]:
        assert want in lines, (want, lines)
    assert not re.search(f"[{CJK}]", text)
    for lang in (["--lang", "en"], ["--lang=en"]):
        assert _help(runner, *path, "--help", *lang).stdout == text
