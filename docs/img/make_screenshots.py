"""Redraw the README's two screenshots: python docs/img/make_screenshots.py (needs chromium).

terminal.png: `sscgap analyze examples/staff.csv` in colour at 110 columns (its coverage table
with the seats of each role, and the closing line), recorded by Rich as SVG, then photographed
by headless Chromium at the SVG's size; report.png: `sscgap report ... -o x.html` at 1440 px,
from the top (contents, verdict, actions) down to the coverage chart, at 3/4 scale. Look at
both afterwards.
"""

from __future__ import annotations

import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from rich.console import Console
from rich.text import Text

ROOT = Path(__file__).resolve().parents[2]
IMG = Path(__file__).resolve().parent
STAFF = "examples/staff.csv"


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    sys.exit("no chromium on PATH")


def shoot(url: str, png: Path, width: int, height: int, scale: float = 1.0) -> None:
    subprocess.run(
        [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         f"--screenshot={png}", f"--window-size={width},{height}",
         f"--force-device-scale-factor={scale}", url],
        check=True, capture_output=True,
    )  # fmt: skip


def _plain(line: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", line)


def _svg_size(svg: Path) -> tuple[int, int]:
    """The size Rich drew the terminal at (its viewBox), so the photograph holds all of it."""
    box = re.search(r'viewBox="0 0 ([0-9.]+) ([0-9.]+)"', svg.read_text(encoding="utf-8"))
    assert box, "no viewBox in Rich's SVG"
    return math.ceil(float(box.group(1))), math.ceil(float(box.group(2)))


def main() -> None:
    # 110 columns: every archetype and role name on one line
    env = {**os.environ, "FORCE_COLOR": "1", "COLUMNS": "110", "SOURCE_DATE_EPOCH": "1764547200"}
    env.pop("NO_COLOR", None)
    sscgap = [sys.executable, "-m", "sscgap"]
    out = subprocess.run(
        [*sscgap, "analyze", STAFF], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    # the coverage table (with its role seats), to the blank line after it; the closing line
    end = next(i for i, line in enumerate(out) if i > 3 and not _plain(line).strip())
    keep = [*out[:end], "…", out[-1]]
    with tempfile.TemporaryDirectory() as tmp, open(os.devnull, "w") as null:
        console = Console(record=True, width=112, force_terminal=True, file=null)
        console.print(Text(f"$ sscgap analyze {STAFF}", style="bold"))
        for line in keep:
            console.print(Text.from_ansi(line.rstrip()), soft_wrap=True)
        svg = Path(tmp) / "terminal.svg"
        console.save_svg(str(svg), title=f"sscgap analyze {STAFF}")
        width, height = _svg_size(svg)
        shoot(svg.as_uri(), IMG / "terminal.png", width, height)

        html = Path(tmp) / "report.html"
        subprocess.run([*sscgap, "report", STAFF, "-o", str(html)], cwd=ROOT, env=env, check=True)
        # a 1440 px page down to the coverage chart, drawn at 3/4 scale (1080 px wide) so the
        # PNG stays under 300 KB (tests/test_docs.py)
        shoot(html.as_uri(), IMG / "report.png", 1440, 2150, scale=0.75)
    for png in ("terminal.png", "report.png"):
        size = (IMG / png).stat().st_size
        print(f"{IMG / png}: {size // 1024} KB" + ("  (over 300 KB: draw less)" if size >= 300_000 else ""))


if __name__ == "__main__":
    main()
