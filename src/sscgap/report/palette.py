"""The report colours for the Excel workbook: the same values as the HTML report (report/html.py).

Status: a colour and a mark (never colour alone). Levels 0-5: a sequential, colour-blind-safe
blue scale (ColorBrewer Blues).
"""

from __future__ import annotations

STATUS_COLOURS = {  # the HTML badges' backgrounds (report/html.py STATUS_STYLE)
    "covered": "#0f5ea8",
    "thin": "#f5c04a",
    "missing": "#b3261e",
    "no_target": "#e6e9ed",
}
STATUS_MARKS = {"covered": "✓", "thin": "◐", "missing": "✗", "no_target": "–"}
LEVEL_COLOURS = ("#f7fbff", "#deebf7", "#9ecae1", "#6baed6", "#2171b5", "#08306b")


def _luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def text_on(background: str) -> str:
    """Black or white, whichever has the higher contrast on ``background`` (WCAG)."""
    lum = _luminance(background)
    return "#000000" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "#ffffff"
