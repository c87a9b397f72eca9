"""A scenario in the URL: short parameter names, untrusted input checked like `data_access.filters.parse_filters`.

| Parameter | Meaning | Example |
|---|---|---|
| `sc_m` | marketplace to migrate to; repeatable (default: every marketplace in the filters) | `sc_m=FM` |
| `sc_org` | adopting organization; repeatable (default: every one not yet live nor in flight) | `sc_org=DOJ` |
| `sc_wave` | start FY of each wave, in wave order; repeatable (default: the next two FYs) | `sc_wave=2028` |
| `sc_wave_<ORG>` | the wave (1, 2, ...) an organization joins | `sc_wave_EPA=1` |
| `sc_rate_<M>` | savings rate in marketplace M (share, or percent) | `sc_rate_FM=0.22` |
| `sc_cost_<M>` | one-time migration cost, × annual baseline | `sc_cost_FM=1.5` |
| `sc_dur_<M>` | implementation duration, months | `sc_dur_HR=24` |
| `sc_slip_<M>`, `sc_late_<M>` | share of migrations that slip; months they slip by | `sc_slip_HR=15%` |
| `sc_draws`, `sc_seed`, `sc_years` | Monte Carlo draws, its seed, fiscal years projected | `sc_draws=2000` |
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from data_access.filters import Catalog
from data_access.fiscal import fiscal_year_of
from data_access.ranges import LAST_FY
from data_access.scenarios.scenario import (
    DEFAULT_DRAWS,
    DEFAULT_HORIZON_YEARS,
    DEFAULT_SEED,
    MAX_DRAWS,
    MAX_HORIZON_YEARS,
    MAX_ORGANIZATIONS,
    MAX_SEED,
    MAX_WAVES,
    MIN_DRAWS,
    OVERRIDE_BOUNDS,
    Scenario,
)

PREFIX = "sc_"
PARAM_MARKETPLACE = "sc_m"
PARAM_ORGANIZATION = "sc_org"
PARAM_WAVE = "sc_wave"
PARAM_WAVE_OF = "sc_wave_"  # + organization code
PARAM_DRAWS = "sc_draws"
PARAM_SEED = "sc_seed"
PARAM_YEARS = "sc_years"
OVERRIDE_PARAMS = {"sc_rate_": "savings_rate", "sc_cost_": "migration_cost", "sc_dur_": "duration",
                   "sc_slip_": "slip_share", "sc_late_": "slip_months"}  # + marketplace code
PERCENT_INPUTS = ("savings_rate", "slip_share")  # may be written as 22%
MAX_KEYS = MAX_ORGANIZATIONS + 40  # wave assignments, overrides and the fixed parameters
MAX_VALUE_CHARS = 40
_INTEGER = re.compile(r"[0-9]{1,10}", re.ASCII)
_NUMBER = re.compile(r"-?[0-9]{1,6}(?:\.[0-9]{1,9})?%?", re.ASCII)
_CODE = re.compile(r"[A-Z0-9][A-Z0-9-]{0,39}", re.ASCII)


@dataclass(frozen=True)
class ScenarioChoices:
    """The valid values: organization and marketplace codes, and the FYs a wave may start in."""

    organization_codes: frozenset[str]
    marketplace_codes: frozenset[str]
    first_fy: int
    last_fy: int

    @classmethod
    def from_catalog(cls, catalog: Catalog, as_of: date) -> ScenarioChoices:
        """Codes from the filters' catalog; waves from the FY after the data-as-of FY to the last FY shown."""
        return cls(catalog.organization_codes, catalog.marketplace_codes, fiscal_year_of(as_of) + 1, LAST_FY)


def _shown(raw: str) -> str:
    return raw if len(raw) <= 20 else raw[:20] + "…"


def parse_params(params: Mapping[str, Sequence[str]], choices: ScenarioChoices) -> tuple[Scenario, list[str]]:
    """A Scenario from untrusted URL parameters (each key -> its values); parameters not starting `sc_` are not
    looked at. A bad value is dropped with a plain-language message and the default is used; never raises."""
    problems: list[str] = []
    keys = [k for k in params if isinstance(k, str) and k.startswith(PREFIX)]
    if len(keys) > MAX_KEYS:
        problems.append(f"The link has {len(keys)} scenario parameters; only the first {MAX_KEYS} were read.")
        keys = keys[:MAX_KEYS]

    def values(key: str, limit: int) -> list[str]:
        raw = [v for v in params.get(key, ()) if isinstance(v, str) and v.strip() != ""]
        if len(raw) > limit:
            first = "only the first was used" if limit == 1 else f"only the first {limit} were used"
            problems.append(f"{key} was given {len(raw)} times; {first}.")
        return raw[:limit]

    def number(key: str, raw: str, low: float, high: float, *, integer: bool = False, percent: bool = False,
               noun: str = "") -> float | None:
        text = raw.strip()
        pattern = _INTEGER if integer else _NUMBER
        if len(text) > MAX_VALUE_CHARS or not pattern.fullmatch(text) or (text.endswith("%") and not percent):
            problems.append(f"{noun or key} “{_shown(raw)}” is not a plain number; the default was used.")
            return None
        value = float(text.removesuffix("%")) / (100 if text.endswith("%") else 1)
        if not low <= value <= high:
            problems.append(f"{noun or key} “{_shown(raw)}” is outside {low:g}–{high:g}; the default was used.")
            return None
        return value

    def codes(key: str, valid: frozenset[str], noun: str, limit: int) -> tuple[str, ...]:
        kept: list[str] = []
        for raw in values(key, limit):
            code = raw.strip().upper()
            if len(code) <= MAX_VALUE_CHARS and _CODE.fullmatch(code) and code in valid:
                if code not in kept:
                    kept.append(code)
            else:
                problems.append(f"Unknown {noun} code “{_shown(raw)}” in the scenario was ignored.")
        return tuple(kept)

    markets = codes(PARAM_MARKETPLACE, choices.marketplace_codes, "marketplace", len(choices.marketplace_codes) or 1)
    orgs = codes(PARAM_ORGANIZATION, choices.organization_codes, "agency", MAX_ORGANIZATIONS)
    waves: list[int] = []
    for raw in values(PARAM_WAVE, MAX_WAVES):
        fy = number(PARAM_WAVE, raw.strip().upper().removeprefix("FY"), choices.first_fy, choices.last_fy,
                    integer=True, noun="Wave start year")
        if fy is not None:
            waves.append(int(fy))

    def one(key: str, low: int, high: int, default: int) -> int:
        got = values(key, 1)
        value = number(key, got[0], low, high, integer=True) if got else None
        return default if value is None else int(value)

    draws = one(PARAM_DRAWS, MIN_DRAWS, MAX_DRAWS, DEFAULT_DRAWS)
    seed = one(PARAM_SEED, 0, MAX_SEED, DEFAULT_SEED)
    years = one(PARAM_YEARS, 1, MAX_HORIZON_YEARS, DEFAULT_HORIZON_YEARS)

    wave_of: list[tuple[str, int]] = []
    overrides: list[tuple[str, str, float]] = []
    for key in keys:
        if key in (PARAM_MARKETPLACE, PARAM_ORGANIZATION, PARAM_WAVE, PARAM_DRAWS, PARAM_SEED, PARAM_YEARS):
            continue
        got = values(key, 1)
        if key.startswith(PARAM_WAVE_OF):
            code = key.removeprefix(PARAM_WAVE_OF).upper()
            if code not in choices.organization_codes:
                problems.append(f"Unknown agency code “{_shown(code)}” in {_shown(key)} was ignored.")
            elif got:
                wave = number(key, got[0], 1, MAX_WAVES, integer=True, noun=f"The wave of {code}")
                if wave is not None:
                    wave_of.append((code, int(wave)))
            continue
        prefix = next((p for p in OVERRIDE_PARAMS if key.startswith(p)), None)
        if prefix is None:
            problems.append(f"Unknown scenario parameter “{_shown(key)}” was ignored.")
            continue
        market, name = key.removeprefix(prefix).upper(), OVERRIDE_PARAMS[prefix]
        if market not in choices.marketplace_codes:
            problems.append(f"Unknown marketplace code “{_shown(market)}” in {_shown(key)} was ignored.")
        elif got:
            low, high = OVERRIDE_BOUNDS[name]
            value = number(key, got[0], low, high, percent=name in PERCENT_INPUTS)
            if value is not None:
                overrides.append((market, name, value))
    return Scenario(marketplaces=markets, organizations=orgs, wave_starts=tuple(waves), wave_of=tuple(wave_of),
                    overrides=tuple(overrides), draws=draws, seed=seed, horizon_years=years), problems


def to_params(scenario: Scenario) -> dict[str, list[str]]:
    """The URL parameters that reproduce `scenario` (defaults are left out to keep links short)."""
    params: dict[str, list[str]] = {}
    if scenario.marketplaces:
        params[PARAM_MARKETPLACE] = list(scenario.marketplaces)
    if scenario.organizations:
        params[PARAM_ORGANIZATION] = list(scenario.organizations)
    if scenario.wave_starts:
        params[PARAM_WAVE] = [str(fy) for fy in scenario.wave_starts]
    for code, wave in scenario.wave_of:
        params[PARAM_WAVE_OF + code] = [str(wave)]
    names = {name: prefix for prefix, name in OVERRIDE_PARAMS.items()}
    for market, name, value in scenario.overrides:
        params[names[name] + market] = [f"{value:.9f}".rstrip("0").rstrip(".") or "0"]
    for key, value, default in ((PARAM_DRAWS, scenario.draws, DEFAULT_DRAWS), (PARAM_SEED, scenario.seed, DEFAULT_SEED),
                                (PARAM_YEARS, scenario.horizon_years, DEFAULT_HORIZON_YEARS)):
        if value != default:
            params[key] = [str(value)]
    return params
