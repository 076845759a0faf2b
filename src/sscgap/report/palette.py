"""The report colours, defined once for the HTML report and the Excel workbook.

Status: a colour and a mark (never colour alone). Levels 0-5: a sequential, colour-blind-safe
blue scale (ColorBrewer Blues).
"""

from __future__ import annotations

from dataclasses import dataclass

# sequential, colour-blind safe (ColorBrewer Blues), one colour per level 0-5; levels 4 and 5
# darkened from the stock scale so that white text on them passes WCAG AA
LEVEL_COLOURS = ("#f7fbff", "#deebf7", "#9ecae1", "#6baed6", "#2171b5", "#08306b")
LEVEL_TEXT = ("#1f2328", "#1f2328", "#1f2328", "#1f2328", "#ffffff", "#ffffff")


@dataclass(frozen=True)
class StatusStyle:
    bg: str  # badge background (and the bar of the ready people)
    fg: str  # badge text
    ink: str  # the status as text on white (the verdict cards, critical gaps)
    row: str  # background of a row in that status (the missing one stands out)
    bar: str  # the ready part of a bar


# Blue / amber / dark red: told apart under deuteranopia, protanopia and tritanopia by hue and
# lightness, and never by colour alone (every badge carries a mark: STATUS_MARKS).
STATUS_STYLE = {
    "covered": StatusStyle("#0f5ea8", "#ffffff", "#0f5ea8", "#ffffff", "#0f5ea8"),
    "thin": StatusStyle("#f5c04a", "#1f2328", "#8a5300", "#ffffff", "#e0a526"),
    "missing": StatusStyle("#b3261e", "#ffffff", "#b3261e", "#fdecea", "#b3261e"),
    "no_target": StatusStyle("#e6e9ed", "#3d444d", "#59636e", "#ffffff", "#8c959f"),
}
STATUS_COLOURS = {k: v.bg for k, v in STATUS_STYLE.items()}  # the badges' backgrounds
# every status carries a mark as well as a colour (never colour alone)
STATUS_MARKS = {"covered": "✓", "thin": "◐", "missing": "✗", "no_target": "–"}


def _luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def text_on(background: str) -> str:
    """Black or white, whichever has the higher contrast on ``background`` (WCAG)."""
    lum = _luminance(background)
    return "#000000" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "#ffffff"
