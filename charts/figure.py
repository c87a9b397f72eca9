"""A figure: a chart together with the table it draws, its takeaway title and its alt text.

Figure builders in the page modules of `charts/` are pure (query frames in, Figure out); pages render them
with `ui.components.figure`, and the executive brief puts the same figures on its pages and slides.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import altair as alt
import pandas as pd


@dataclass(frozen=True)
class Figure:
    """`chart` draws `table`; `title` states the takeaway; `alt_text` describes the chart for screen readers.

    `subtitle` says how to read the chart (shown under the title); `hidden` names table columns the chart needs
    but a person does not (codes, sort keys); `pick` names the table column a click on the chart selects (empty
    when the chart is not clickable).
    """

    key: str
    title: str
    chart: alt.TopLevelMixin
    table: pd.DataFrame
    alt_text: str
    hidden: tuple[str, ...] = field(default=())
    pick: str = ""
    subtitle: str = ""

    @property
    def shown_table(self) -> pd.DataFrame:
        """The table as a person sees it (hidden columns dropped)."""
        return self.table.drop(columns=[c for c in self.hidden if c in self.table.columns])
