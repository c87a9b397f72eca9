"""The filters value object, its validation, and the one place filters become SQL.

A `Filters` is hashable (it is a cache key) and only holds validated codes. Codes reach SQL as bound
parameters, never as text; selecting a department includes all of its components.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, or_, select

from data_access.models import PROVIDER_TYPES
from data_access.tables import marketplace, organization, provider, solution

CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,39}$")
MIN_FY, MAX_FY = 2015, 2035  # structural bounds; the catalog narrows them to the data's range

# URL query parameters (documented in the README)
PARAM_AGENCY = "agency"
PARAM_MARKETPLACE = "marketplace"
PARAM_FY_FROM = "fy_from"
PARAM_FY_TO = "fy_to"
PARAM_PROVIDER = "provider"
FILTER_PARAMS = (PARAM_AGENCY, PARAM_MARKETPLACE, PARAM_FY_FROM, PARAM_FY_TO, PARAM_PROVIDER)


class FilterError(ValueError):
    """A filter value is unknown or malformed; `problems` lists each one in plain words."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = list(problems)


@dataclass(frozen=True)
class Filters:
    """What to include: organizations (codes; departments roll up their components), marketplaces,
    an inclusive fiscal-year range whose end is the "selected" FY, and a provider type."""

    fy_from: int
    fy_to: int
    organizations: tuple[str, ...] = field(default=())
    marketplaces: tuple[str, ...] = field(default=())
    provider_type: str | None = None
    solutions: tuple[str, ...] = field(default=())  # page-level narrowing (catalog detail), not in global URL

    def __post_init__(self) -> None:
        problems = []
        for code in (*self.organizations, *self.marketplaces, *self.solutions):
            if not isinstance(code, str) or not CODE_PATTERN.match(code):
                problems.append(f"'{code}' is not a valid code")
        if not (MIN_FY <= self.fy_from <= self.fy_to <= MAX_FY):
            problems.append(f"fiscal-year range FY{self.fy_from}-FY{self.fy_to} is not valid")
        if self.provider_type is not None and self.provider_type not in PROVIDER_TYPES:
            problems.append(f"provider type '{self.provider_type}' is not one of {', '.join(PROVIDER_TYPES)}")
        if problems:
            raise FilterError(problems)

    @property
    def selected_fy(self) -> int:
        return self.fy_to

    def fiscal_years(self) -> list[int]:
        return list(range(self.fy_from, self.fy_to + 1))

    # ---- SQL --------------------------------------------------------------------------------
    def organization_clause(self, org_id_column: ColumnElement[Any]) -> ColumnElement[bool] | None:
        """`org_id_column IN (chosen organizations and their components)`, or None for all."""
        if not self.organizations:
            return None
        chosen = select(organization.c.id).where(organization.c.code.in_(self.organizations))
        # One IN over the chosen organizations and their components, so the column's index is used.
        members = select(organization.c.id).where(or_(organization.c.code.in_(self.organizations),
                                                      organization.c.parent_id.in_(chosen)))
        return org_id_column.in_(members)

    def solution_clauses(self) -> list[ColumnElement[bool]]:
        """Clauses on solution (marketplace) and provider (type); the query must join both."""
        clauses: list[ColumnElement[bool]] = []
        if self.marketplaces:
            clauses.append(solution.c.marketplace_id.in_(
                select(marketplace.c.id).where(marketplace.c.code.in_(self.marketplaces))))
        if self.provider_type:
            clauses.append(provider.c.provider_type == self.provider_type)
        if self.solutions:
            clauses.append(solution.c.code.in_(self.solutions))
        return clauses

    def clauses(self, org_id_column: ColumnElement[Any]) -> list[ColumnElement[bool]]:
        """All scope clauses except the fiscal-year range (each query applies that to its own column)."""
        org = self.organization_clause(org_id_column)
        return ([org] if org is not None else []) + self.solution_clauses()


@dataclass(frozen=True)
class Catalog:
    """The valid values filters are checked against (loaded from the database)."""

    organization_codes: frozenset[str]
    marketplace_codes: frozenset[str]
    fy_min: int
    fy_max: int
    default_fy_to: int


def _one(params: Mapping[str, Sequence[str]], key: str) -> str | None:
    values = [v for v in params.get(key, ()) if v != ""]
    return values[-1] if values else None


def parse_filters(params: Mapping[str, Sequence[str]], catalog: Catalog) -> tuple[Filters, list[str]]:
    """Build Filters from untrusted URL parameters (each key -> list of values).

    Unknown or malformed values are dropped, each with a plain-language problem message; the
    result is always a valid Filters.
    """
    problems: list[str] = []

    def codes(key: str, valid: frozenset[str], noun: str) -> tuple[str, ...]:
        kept: list[str] = []
        for raw in params.get(key, ()):
            code = raw.strip().upper()
            if code in valid and code not in kept:
                kept.append(code)
            elif code not in kept:
                shown = raw if len(raw) <= 40 else raw[:40] + "..."
                problems.append(f"Unknown {noun} code “{shown}” in the link was ignored.")
        return tuple(kept)

    def year(key: str, default: int) -> int:
        raw = _one(params, key)
        if raw is None:
            return default
        text = raw.strip().upper().removeprefix("FY")
        if text.isdigit() and catalog.fy_min <= int(text) <= catalog.fy_max:
            return int(text)
        shown = raw if len(raw) <= 20 else raw[:20] + "..."
        problems.append(
            f"Fiscal year “{shown}” ({key}) is outside FY{catalog.fy_min}-FY{catalog.fy_max}; "
            f"FY{default} was used.")
        return default

    orgs = codes(PARAM_AGENCY, catalog.organization_codes, "agency")
    markets = codes(PARAM_MARKETPLACE, catalog.marketplace_codes, "marketplace")
    fy_to = year(PARAM_FY_TO, catalog.default_fy_to)
    fy_from = year(PARAM_FY_FROM, catalog.fy_min)
    if fy_from > fy_to:
        problems.append(f"The fiscal-year range started after it ended; showing FY{fy_to} alone.")
        fy_from = fy_to
    provider = _one(params, PARAM_PROVIDER)
    if provider is not None and provider.lower() not in PROVIDER_TYPES:
        problems.append(f"Provider type “{provider[:20]}” was ignored (use federal or commercial).")
        provider = None
    return Filters(fy_from=fy_from, fy_to=fy_to, organizations=orgs, marketplaces=markets,
                   provider_type=provider.lower() if provider else None), problems


def to_params(filters: Filters, catalog: Catalog) -> dict[str, list[str]]:
    """The URL parameters that reproduce `filters` (defaults are left out to keep links short)."""
    params: dict[str, list[str]] = {}
    if filters.organizations:
        params[PARAM_AGENCY] = list(filters.organizations)
    if filters.marketplaces:
        params[PARAM_MARKETPLACE] = list(filters.marketplaces)
    if filters.fy_from != catalog.fy_min:
        params[PARAM_FY_FROM] = [str(filters.fy_from)]
    if filters.fy_to != catalog.default_fy_to:
        params[PARAM_FY_TO] = [str(filters.fy_to)]
    if filters.provider_type:
        params[PARAM_PROVIDER] = [filters.provider_type]
    return params


def parse_codes(values: Sequence[str], known: Mapping[str, str], param: str, *, noun: str = "solution",
                limit: int = 4) -> tuple[list[str], list[str]]:
    """Validate untrusted codes from the URL parameter `param` against `known` (code -> name): the known codes in
    order without repeats (at most `limit`), and a plain-language problem for each value dropped."""
    good: list[str] = []
    problems: list[str] = []
    for raw in values:
        code = raw.strip().upper()
        if code in good:
            continue
        if code in known and len(good) < limit:
            good.append(code)
            continue
        shown = raw if len(raw) <= 40 else raw[:40] + "..."
        if code in known:
            problems.append(f"“{shown}” ({param}) was ignored: at most {limit} values are used.")
        elif CODE_PATTERN.match(code):
            problems.append(f"“{shown}” ({param}) is not a {noun} in the catalog for these filters; it was ignored.")
        else:
            problems.append(f"“{shown}” ({param}) is not a valid code; it was ignored.")
    return good, problems
