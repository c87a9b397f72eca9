"""The one rule for text that came from a URL or the database: it is shown as text, never as markup.

Streamlit renders markdown (links, images, bare URLs, `:color[...]` and `:icon:` directives, LaTeX between
`$`) in titles, captions, warnings, metric and widget labels, even with HTML switched off. `md` escapes a
value so markdown shows it literally; `plain` removes the markdown a sentence of ours uses, for PDF and
PowerPoint. Chart titles, tables and Vega tooltips are already text and need neither.
"""

from __future__ import annotations

import re
import string
import unicodedata

_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
_INVISIBLE = {"Cc", "Cf", "Co", "Cs", "Zl", "Zp"}  # controls, format (bidi, zero-width), private, separators


def clean(value: object, *, limit: int = 200) -> str:
    """`value` as one line of visible text: control, bidi and zero-width characters dropped, whitespace folded,
    cut to `limit` characters with an ellipsis."""
    text = "".join(" " if ch in "\t\r\n" else ch for ch in str(value)
                   if ch in "\t\r\n" or unicodedata.category(ch) not in _INVISIBLE)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def md(value: object, *, limit: int = 200) -> str:
    """`value` escaped for Streamlit markdown: every ASCII punctuation character is backslash-escaped, so no
    link, image, autolink, emphasis, directive or formula can form."""
    return _PUNCTUATION.sub(r"\\\1", clean(value, limit=limit))


def plain(markdown: str) -> str:
    """One of our markdown sentences as plain text: bold markers and escapes removed."""
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", markdown)
    return re.sub(r"\\([" + re.escape(string.punctuation) + "])", r"\1", text)
