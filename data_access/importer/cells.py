"""One cell at a time: the rules every imported value obeys before it is typed, and safe echoing of values.

Text is shown to every viewer, so names and descriptions refuse what could act instead of read: spreadsheet
formula prefixes, HTML, links, control characters and invisible or direction-changing characters. Numbers
are written with the ASCII digits 0-9 (no superscripts, circled or full-width digits, no `nan`/`inf`) and
are finite; dates are ISO `YYYY-MM-DD`. Nothing is normalised silently: a value is accepted as written or
refused with a message that says what to change.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date

FORMULA_PREFIXES = ("=", "+", "-", "@")
HTML_RE = re.compile(r"<\s*[a-zA-Z!/?]")
# Markdown links and images ([text](url), ![alt](url), [text][ref], [ref]: url), bare web addresses, <scheme:...> autolinks
# and scripting schemes: anything a Markdown renderer could turn into a link.
LINK_RE = re.compile(r"!?\[[^\]]*\][(\[:]|[a-z][a-z0-9+.-]*://|www\.|<[a-z][a-z0-9+.-]*:"
                     r"|\b(?:javascript|vbscript|data|mailto|file):(?!\s)", re.IGNORECASE)
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Default-ignorable characters that are not in category Cf but still draw nothing.
INVISIBLE = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180f\u3164\uffa0"
                      + "".join(chr(c) for c in range(0xFE00, 0xFE10)))
INVISIBLE_CATEGORIES = frozenset({"Cf", "Zl", "Zp", "Co", "Cs", "Cn"})
MULTILINE_ALLOWED = frozenset("\t\n")
NUMBER_RE = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
MAX_NUMBER_CHARS = 40  # 1e12 dollars with cents and separators fits many times over
DATE_RE = re.compile(r"\d{4}-\d{2}(?:-\d{2})?", re.ASCII)


CONTROL_NAMES = {0x00: "NULL", 0x07: "BELL", 0x08: "BACKSPACE", 0x09: "CHARACTER TABULATION", 0x0A: "LINE FEED",
                 0x0B: "LINE TABULATION", 0x0C: "FORM FEED", 0x0D: "CARRIAGE RETURN", 0x1B: "ESCAPE", 0x7F: "DELETE",
                 0x85: "NEXT LINE", 0x9B: "CONTROL SEQUENCE INTRODUCER"}  # unicodedata has no names for controls


def describe_char(ch: str) -> str:
    """A character as a person can look it up, e.g. 'U+202E RIGHT-TO-LEFT OVERRIDE'."""
    name = unicodedata.name(ch, "") or CONTROL_NAMES.get(ord(ch), "")
    if not name:
        name = "control character" if unicodedata.category(ch) == "Cc" else "unnamed character"
    return f"U+{ord(ch):04X} {name}"


def printable(text: object) -> str:
    """`text` with every control, invisible and direction-changing character written as an escape (`\\x1b`,
    `\\u202e`), so that echoing an untrusted value to a terminal or a log can never act on it."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in str(text))


def unsafe_characters(text: str, *, multiline: bool = False) -> str | None:
    """What makes `text` unsafe to show (a control, invisible or direction-changing character), e.g. 'contains
    the control character U+001B ESCAPE at character 4', or None. `multiline` allows tab and newline."""
    for position, ch in enumerate(text, start=1):
        category = unicodedata.category(ch)
        if category == "Cc" and not (multiline and ch in MULTILINE_ALLOWED):
            return f"contains the control character {describe_char(ch)} at character {position}"
        if ch in BIDI_CONTROLS:
            return (f"contains the direction-changing character {describe_char(ch)} at character {position}, which "
                    f"can make text display in a misleading order")
        if category in INVISIBLE_CATEGORIES or ch in INVISIBLE:
            return f"contains the invisible character {describe_char(ch)} at character {position}"
    return None


def text_problem(text: str, *, multiline: bool = False) -> str | None:
    """Why `text` may not be stored as a name (or, with `multiline`, a description), or None when it may."""
    if text.startswith(FORMULA_PREFIXES):
        return "must not start with =, +, - or @ (spreadsheet formulas are not accepted)"
    unsafe = unsafe_characters(text, multiline=multiline)
    if unsafe:
        return f"{unsafe}; remove it"
    link = LINK_RE.search(text)
    if link:
        return (f"must not contain links or web addresses (found '{printable(link.group())[:40]}'); remove the link "
                f"and keep the plain text")
    if HTML_RE.search(text):
        return "must not contain HTML or script tags; remove the <...> markup"
    return None


def parse_number(text: str) -> float:
    """A finite number written with ASCII digits (thousands separators and a leading $ allowed). Raises
    ValueError with what to change."""
    raw = text.strip()
    if len(raw) > MAX_NUMBER_CHARS:
        raise ValueError(f"has {len(raw):,} characters; a number has at most {MAX_NUMBER_CHARS}")
    odd = next((ch for ch in raw if not ch.isascii()), None)
    if odd is not None:
        raise ValueError(f"must be a number written with the digits 0-9 (found {describe_char(odd)})")
    cleaned = raw.replace(",", "").replace("$", "", 1)
    if not NUMBER_RE.fullmatch(cleaned):
        raise ValueError("must be a number written with the digits 0-9, e.g. 1250.50")
    value = float(cleaned)
    if not math.isfinite(value):
        raise ValueError("is too large to be a number")
    return value


def parse_whole(text: str) -> int:
    """A whole number (written like any number: 2026, 2026.0 and 2.026e3 are the same). Raises ValueError."""
    value = parse_number(text)
    if not value.is_integer():
        raise ValueError("must be a whole number")
    return int(value)


def parse_date(text: str) -> date:
    """A date written YYYY-MM-DD, or a month written YYYY-MM (its first day). Raises ValueError."""
    raw = text.strip()
    if not DATE_RE.fullmatch(raw):
        raise ValueError("must be a date written YYYY-MM-DD with the digits 0-9")
    try:
        return date.fromisoformat(raw if len(raw) == 10 else raw + "-01")
    except ValueError as exc:
        raise ValueError("must be a real date written YYYY-MM-DD") from exc
