"""The brief's typefaces and their metrics, so the writers can measure text before they place it.

The deck names **Calibri** (what PowerPoint recipients have); Carlito, shipped here, is metric-compatible with
it and is what LibreOffice substitutes for it, so one set of advance widths holds for both. The PDF embeds
Carlito itself. DejaVu Sans covers the symbols Carlito lacks (✓ ▲ ✗ ▼ ◆): renderers fall back to a font with
the glyph, and we measure such characters with DejaVu's widths. Font files: Debian fonts-crosextra-carlito and
fonts-dejavu-core (licences beside them).

Widths ignore kerning, which only ever narrows text, so a line measured to fit does fit.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont

logging.getLogger("fontTools.ttLib.tables._h_e_a_d").setLevel(logging.ERROR)  # Carlito's 1970 'created' date

FONT_DIR = Path(__file__).resolve().parent
CARLITO = FONT_DIR / "Carlito-Regular.ttf"
CARLITO_BOLD = FONT_DIR / "Carlito-Bold.ttf"
DEJAVU = FONT_DIR / "DejaVuSans.ttf"
DECK_TYPEFACE = "Calibri"  # metric-compatible with Carlito; LibreOffice renders it with Carlito


@cache
def _advances(path: Path) -> tuple[dict[int, float], float]:
    """Advance width of every mapped code point in em, and the font's natural line height in em."""
    font = TTFont(path, lazy=True)
    upm = font["head"].unitsPerEm
    hmtx = font["hmtx"]
    widths = {cp: hmtx[name][0] / upm for cp, name in font.getBestCmap().items()}
    os2 = font["OS/2"]
    return widths, (os2.usWinAscent + os2.usWinDescent) / upm


def _char_width(ch: str, bold: bool) -> float:
    primary, _ = _advances(CARLITO_BOLD if bold else CARLITO)
    cp = ord(ch)
    if cp in primary:
        return primary[cp]
    fallback, _ = _advances(DEJAVU)
    return fallback.get(cp, 1.0)  # a character no font has: assume a full em


def natural_line_height(bold: bool = False) -> float:
    """Carlito's single line spacing in em (ascent + descent, as Office computes it)."""
    return _advances(CARLITO_BOLD if bold else CARLITO)[1]


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of `text` on one line at `size` points, in points."""
    return sum(_char_width(ch, bold) for ch in text) * size


def _break_word(word: str, size: float, width: float, bold: bool) -> list[str]:
    pieces, piece = [], ""
    for ch in word:
        if piece and text_width(piece + ch, size, bold) > width:
            pieces.append(piece)
            piece = ""
        piece += ch
    return [*pieces, piece] if piece else pieces


def wrap(text: str, size: float, width: float, bold: bool = False) -> list[str]:
    """`text` broken into lines no wider than `width` points at `size` points: greedy at spaces (renderers also
    break after hyphens, so they never need more lines), a word longer than a line broken between characters.
    Line breaks in `text` are kept. Always at least one line."""
    lines: list[str] = []
    for hard_line in text.split("\n"):
        line = ""
        for word in filter(None, hard_line.split(" ")):  # only spaces break: a no-break space holds words together
            candidate = f"{line} {word}" if line else word
            if text_width(candidate, size, bold) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            pieces = _break_word(word, size, width, bold) if text_width(word, size, bold) > width else [word]
            lines.extend(pieces[:-1])
            line = pieces[-1]
        lines.append(line)
    return lines or [""]
