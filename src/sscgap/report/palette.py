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


# Group means on the heatmap (more people than are shown one by one): a shade for every tenth
# of a level on the same fixed 0-5 scale, the precision of the printed mean. Whole levels keep
# the colours of one person's levels; between them the colour is mixed in proportion. The
# scale is never stretched over the observed range: a department 0.2 levels above another is
# two shades darker wherever it sits on the scale, and 1.7 means the same in every report.
MEAN_STEPS = 10  # shades per level


def _mix(a: str, b: str, share: float) -> str:
    ca = [int(a[i : i + 2], 16) for i in (1, 3, 5)]
    cb = [int(b[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * share):02x}" for x, y in zip(ca, cb, strict=True))


def _contrast(fg: str, bg: str) -> float:
    a, b = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def _mean_text(bg: str) -> str:
    """The text colour on a mean's shade: the level scale's dark or white text where it passes
    WCAG AA (4.5:1), else black (which passes on every colour white fails on)."""
    for fg in (LEVEL_TEXT[0], "#ffffff"):
        if _contrast(fg, bg) >= 4.5:
            return fg
    return "#000000"


def _mean_shades() -> tuple[tuple[str, ...], tuple[str, ...]]:
    bgs, fgs = [], []
    for k in range(5 * MEAN_STEPS + 1):
        level, step = divmod(k, MEAN_STEPS)
        if step == 0:
            bgs.append(LEVEL_COLOURS[level])
            fgs.append(LEVEL_TEXT[level])
        else:
            bg = _mix(LEVEL_COLOURS[level], LEVEL_COLOURS[level + 1], step / MEAN_STEPS)
            bgs.append(bg)
            fgs.append(_mean_text(bg))
    return tuple(bgs), tuple(fgs)


# MEAN_COLOURS[k] / MEAN_TEXT[k]: the shade of a mean of k / 10 (k = 0..50)
MEAN_COLOURS, MEAN_TEXT = _mean_shades()


def mean_shade(value: float) -> int:
    """The index into MEAN_COLOURS of a mean level (rounded to a tenth, clipped to 0-5)."""
    return min(5 * MEAN_STEPS, max(0, round(value * MEAN_STEPS)))
