"""Redraw the README's two screenshots: python docs/img/make_screenshots.py (needs chromium).

terminal.png: `sscgap analyze examples/staff.csv` in colour, recorded by Rich as SVG, then
photographed by headless Chromium; report.png: the top of `sscgap report ... -o x.html`.
"""

from __future__ import annotations

import os
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


def shoot(url: str, png: Path, width: int, height: int) -> None:
    subprocess.run(
        [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         f"--screenshot={png}", f"--window-size={width},{height}", url],
        check=True, capture_output=True,
    )  # fmt: skip


def main() -> None:
    env = {**os.environ, "FORCE_COLOR": "1", "SOURCE_DATE_EPOCH": "1764547200"}
    env.pop("NO_COLOR", None)
    sscgap = [sys.executable, "-m", "sscgap"]
    out = subprocess.run(
        [*sscgap, "analyze", STAFF], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    # the coverage and competency-gap tables, then the closing summary line
    keep = [*out[:29], "…", out[-1]]
    with tempfile.TemporaryDirectory() as tmp, open(os.devnull, "w") as null:
        console = Console(record=True, width=104, force_terminal=True, file=null)
        console.print(Text(f"$ sscgap analyze {STAFF}", style="bold"))
        for line in keep:
            console.print(Text.from_ansi(line.rstrip()), soft_wrap=True)
        svg = Path(tmp) / "terminal.svg"
        console.save_svg(str(svg), title=f"sscgap analyze {STAFF}")
        shoot(svg.as_uri(), IMG / "terminal.png", 1287, 831)

        html = Path(tmp) / "report.html"
        subprocess.run([*sscgap, "report", STAFF, "-o", str(html)], cwd=ROOT, env=env, check=True)
        shoot(html.as_uri(), IMG / "report.png", 1440, 1800)
    for png in ("terminal.png", "report.png"):
        print(f"{IMG / png}: {(IMG / png).stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
