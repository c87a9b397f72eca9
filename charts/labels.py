"""The dashboard's display vocabulary: every label map for stored codes, and the one provenance sentence.

Stored values (stage codes, savings types, statuses, provider types) are codes; what a person reads comes
from here, so a word means the same thing on every page, in the brief and on the slides.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from data_access.catalog import DataProvenance
from data_access.fiscal import as_of_label, fy_end, fy_label
from data_access.models import STAGES

STAGE_LABELS: Mapping[str, str] = {
    "discovery": "Discovery",
    "agreement": "Agreement signed",
    "implementing": "Implementing",
    "operational": "Operational",
    "at_risk": "At risk / paused",
    "cancelled": "Cancelled",
}
STAGE_ORDER = [STAGE_LABELS[s] for s in STAGES]
# One-character symbols drawn in matrix cells, so a stage is never told by colour alone.
STAGE_SYMBOLS: Mapping[str, str] = {"discovery": "D", "agreement": "A", "implementing": "I", "operational": "✓",
                                    "at_risk": "!", "cancelled": "×"}
SAVINGS_TYPE_LABELS: Mapping[str, str] = {"hard": "Hard savings", "avoidance": "Cost avoidance"}
STATUS_LABELS: Mapping[str, str] = {"meets": "✓ Meets target", "near": "▲ Near target", "misses": "✗ Misses target"}
PROVIDER_TYPE_LABELS: Mapping[str, str] = {"federal": "Federal", "commercial": "Commercial"}
DIRECTION_LABELS: Mapping[bool, str] = {True: "higher is better", False: "lower is better"}
PROJECTED, REALIZED = "Projected", "Realized"


def snapshot_label(fiscal_year: int, as_of: date) -> str:
    """When a count taken on a year's evaluation date was taken: 'in FY2025' for a year closed by the data-as-of
    date, 'as of 30 Sep 2026' for an open or future year (stages and flags are never projected)."""
    return f"in {fy_label(fiscal_year)}" if fy_end(fiscal_year) <= as_of else f"as of {as_of:%d %b %Y}"


def status_of_year(projected: bool) -> str:
    """'Projected' or 'Realized'."""
    return PROJECTED if projected else REALIZED


def provenance_label(prov: DataProvenance) -> str:
    """What the data is, in words: the one provenance wording (banner, methodology, data page and brief alike).

    `prov.source` is demo, mixed (demo data with imported additions) or imported.
    """
    if prov.source == "demo":
        return "Illustrative demo data — generated and calibrated to public sources, not official figures"
    if prov.source == "mixed":
        return ("Illustrative demo data with imported additions — the generated demo data is still included, so these "
                "are not official figures")
    return f"Imported data, last loaded {prov.loaded_at:%d %b %Y %H:%M} UTC"


def provenance_sentence(prov: DataProvenance) -> str:
    """`provenance_label` and the data-as-of date, as one sentence."""
    return f"{provenance_label(prov)}. Data as of {as_of_label(prov.as_of)}."
