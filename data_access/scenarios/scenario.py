"""What a scenario is: the value object shared by the planner, the URL codec and the page.

A `Scenario` only holds choices (which marketplaces and organizations, the waves, overridden assumptions,
the Monte Carlo draws and seed); what they mean for a database is worked out by `planner.build_plan`.
It is hashable, so it can be a cache key.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from data_access.filters import CODE_PATTERN
from data_access.ranges import FIRST_FY, LAST_FY

DEFAULT_DRAWS = 2000
DEFAULT_SEED = 7
DEFAULT_HORIZON_YEARS = 10
MIN_DRAWS, MAX_DRAWS = 100, 10_000
MAX_SEED = 2**31 - 1
MAX_HORIZON_YEARS = 10
MAX_WAVES = 5
MAX_ORGANIZATIONS = 250  # more than every organization in the demo data (196)

# The per-marketplace inputs a scenario may set, with their bounds (inclusive) in the input's own unit.
OVERRIDE_BOUNDS: dict[str, tuple[float, float]] = {
    "savings_rate": (-0.5, 0.95),  # share of the baseline saved once live
    "migration_cost": (0.0, 10.0),  # one-time cost as a multiple of the annual baseline
    "duration": (1.0, 120.0),  # months from implementing to operational
    "slip_share": (0.0, 1.0),  # share of migrations that go live late
    "slip_months": (0.0, 60.0),  # months a late migration is late by
}


class ScenarioError(ValueError):
    """A scenario value is malformed; `problems` lists each one in plain words."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = list(problems)


@dataclass(frozen=True)
class Scenario:
    """The remaining organizations migrating on a schedule.

    marketplaces: codes to migrate to (empty: every marketplace in the filters).
    organizations: the adopters (empty: every organization in the filters not yet live nor in flight there).
    wave_starts: the start FY of each wave (empty: the first two FYs of the horizon).
    wave_of: (organization, wave number from 1) pairs that move an organization out of its default wave.
    overrides: (marketplace, input, value) replacing the observed median of an input (see OVERRIDE_BOUNDS).
    draws, seed: the Monte Carlo; horizon_years: how many FYs after the data-as-of FY to project.
    Pairs are kept sorted, so equal scenarios compare equal however they were built.
    """

    marketplaces: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    wave_starts: tuple[int, ...] = ()
    wave_of: tuple[tuple[str, int], ...] = ()
    overrides: tuple[tuple[str, str, float], ...] = ()
    draws: int = DEFAULT_DRAWS
    seed: int = DEFAULT_SEED
    horizon_years: int = DEFAULT_HORIZON_YEARS

    def __post_init__(self) -> None:
        problems: list[str] = []
        for code in (*self.marketplaces, *self.organizations, *(c for c, _ in self.wave_of),
                     *(m for m, _, _ in self.overrides)):
            if not isinstance(code, str) or not CODE_PATTERN.match(code):
                problems.append(f"'{code}' is not a valid code")
        if len(set(self.marketplaces)) != len(self.marketplaces) or len(set(self.organizations)) != len(self.organizations):
            problems.append("a code is listed twice")
        if len(self.organizations) > MAX_ORGANIZATIONS:
            problems.append(f"more than {MAX_ORGANIZATIONS} organizations")
        if len(self.wave_starts) > MAX_WAVES or any(not FIRST_FY <= fy <= LAST_FY for fy in self.wave_starts):
            problems.append(f"waves must be at most {MAX_WAVES} fiscal years within FY{FIRST_FY}–FY{LAST_FY}")
        if len({c for c, _ in self.wave_of}) != len(self.wave_of) or any(not 1 <= w <= MAX_WAVES for _, w in self.wave_of):
            problems.append(f"each organization may be put in one wave, numbered 1–{MAX_WAVES}")
        for _, name, value in self.overrides:
            low, high = OVERRIDE_BOUNDS.get(name, (1.0, 0.0))
            if not low <= value <= high:  # also refuses NaN and unknown inputs
                problems.append(f"{name} = {value!r} is outside the allowed range")
        if len({(m, n) for m, n, _ in self.overrides}) != len(self.overrides):
            problems.append("an input is overridden twice for one marketplace")
        if not MIN_DRAWS <= self.draws <= MAX_DRAWS:
            problems.append(f"draws must be {MIN_DRAWS}–{MAX_DRAWS}")
        if not 0 <= self.seed <= MAX_SEED:
            problems.append(f"seed must be 0–{MAX_SEED}")
        if not 1 <= self.horizon_years <= MAX_HORIZON_YEARS:
            problems.append(f"the horizon must be 1–{MAX_HORIZON_YEARS} fiscal years")
        if problems:
            raise ScenarioError(problems)
        object.__setattr__(self, "wave_of", tuple(sorted(self.wave_of)))
        object.__setattr__(self, "overrides", tuple(sorted((m, n, float(v)) for m, n, v in self.overrides)))

    def override(self, marketplace: str, name: str) -> float | None:
        """The value this scenario sets for `name` in `marketplace`, or None to use the observed median."""
        return next((v for m, n, v in self.overrides if m == marketplace and n == name), None)

    def waves(self, first_fy: int) -> tuple[int, ...]:
        """The start FY of each wave: as chosen, or the horizon's first FY and the one after."""
        return self.wave_starts or (first_fy, first_fy + 1)
