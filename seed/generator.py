"""Deterministic demo-data generator calibrated to seed.anchors.

Everything flows from one `random.Random(seed)` and the fixed `AS_OF` date; ids are assigned here so
that two runs with the same seed write identical rows. Rows are bulk-inserted with SQLAlchemy Core.

Stage dates never lie after `AS_OF` and the stored stage is the stage those dates give on it. One-time
migration cost falls only in fiscal years overlapping the implementation period: realized rows from
`implementing_on` to go-live or cancellation; projected rows of work in flight over its planned period,
which starts after `AS_OF` when implementation has not started.
"""

from __future__ import annotations

import math
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from statistics import NormalDist

from sqlalchemy import Engine, insert, text
from sqlmodel import SQLModel
from tqdm import tqdm

from data_access.fiscal import fiscal_quarter_of, fiscal_year_of, fy_end, fy_start
from data_access.summary import refresh_measurement_summary
from seed import reference_data as ref
from seed.anchors import (
    AS_OF,
    CORE_IMPLEMENTATION_MONTHS,
    CUSTOMER_GROWTH,
    CUSTOMER_TARGETS,
    FIRST_COST_FY,
    FIRST_MEASURE_MONTH,
    FM_FY2024_AGENCIES,
    FM_MARKETPLACE_SPEND,
    FM_SPEND_BAND,
    FM_SPEND_BAND_YEARS,
    GAO_COUNT_DATE,
    LAST_PROJECTED_FY,
    LATE_OR_AT_RISK_SHARE,
    LATE_THRESHOLD,
    OPM_ESC_IMPLEMENTATION_MONTHS,
    PAYROLL_ACCURACY_ACTUALS,
    SATISFACTION_DOD,
    SATISFACTION_GOVERNMENT_WIDE,
    SATISFACTION_SCORES,
    SAVINGS_RATE,
    TIME_TO_HIRE_FY2023,
)

GENERATED_AT = datetime(2026, 10, 1, 6, 0, 0, tzinfo=UTC)
AS_OF_FY = fiscal_year_of(AS_OF)
DAY = timedelta(days=1)
MONTH_DAYS = 30.4375  # an average month
Z90 = NormalDist().inv_cdf(0.9)
STRATA = 20  # duration draws come in shuffled blocks that cover the distribution evenly

# Months in each stage as (median, 10th, 90th percentile), by kind of solution (reference §5):
# discovery, agreement, implementing.
DURATIONS = {
    "saas": ((1.0, 0.5, 3.0), (1.0, 0.5, 2.0), (1.5, 0.5, 4.0)),
    "core": ((4.0, 2.0, 9.0), (4.0, 2.0, 8.0), CORE_IMPLEMENTATION_MONTHS),
    "grants": ((3.0, 2.0, 6.0), (3.0, 2.0, 6.0), (12.0, 6.0, 20.0)),
    "point": ((2.0, 1.0, 4.0), (2.0, 1.0, 4.0), (3.0, 1.0, 6.0)),
}
SOLUTION_KIND = {
    "CYBER": "saas", "FM": "core", "GRANTS": "grants", "ACQ": "point",
}
POINT_SOLUTIONS = {"USA-HIRE", "USA-STAFFING", "RDI", "UKG-WSLM", "NSSC-FM", "AAS"}
MIGRATION_MARKETS = ("FM", "HR")  # where "late or at risk" is calibrated

# Go-live windows per solution (earliest, latest)
GO_LIVE_WINDOW = {
    "PDNS": (date(2022, 9, 1), date(2026, 8, 31)),
    "VDP": (date(2021, 9, 1), date(2026, 8, 31)),
    "MAV": (date(2021, 7, 1), date(2026, 8, 31)),
    "CDM-SSP": (date(2018, 3, 1), date(2026, 6, 30)),
    "CYHY": (date(2016, 1, 1), date(2026, 8, 31)),
    "SOCAAS": (date(2022, 1, 1), date(2026, 8, 31)),
    "GH-FM": (date(2025, 3, 1), date(2026, 8, 31)),
    "SAP-FM": (date(2025, 3, 1), date(2026, 8, 31)),
    "CGI-MOM": (date(2019, 1, 1), date(2026, 8, 31)),
    "HR20-CORE": (date(2026, 6, 1), date(2026, 8, 31)),
    "RDI": (date(2022, 3, 1), date(2026, 8, 31)),
    "AAS": (date(2026, 4, 1), date(2026, 9, 15)),
    "ACQ-CWS": (date(2026, 5, 1), date(2026, 9, 15)),
}
DEFAULT_WINDOW = (date(2012, 1, 1), date(2026, 8, 31))

# Annual baseline cost ranges in dollars (log-uniform), by solution service area [E]
BASELINE_RANGE = {
    "CYBER": (300_000, 2_500_000),
    "FM": (4_000_000, 30_000_000),
    "GRANTS": (1_000_000, 8_000_000),
    "ACQ": (2_000_000, 10_000_000),
    "HR": (1_000_000, 12_000_000),
}
# In-flight pipeline counts per marketplace: discovery, agreement, implementing, at risk, cancelled
PIPELINE = {
    "CYBER": (18, 10, 9, 3, 4),
    "FM": (24, 14, 10, 5, 5),
    "HR": (12, 6, 8, 2, 3),
    "GRANTS": (14, 9, 7, 3, 3),
    "ACQ": (10, 6, 4, 0, 0),
}
SATISFACTION_BASE = {  # provider code -> mean score on the 7-point scale before calibration [E]
    "CISA-SVC": 6.0, "ARC": 5.9, "ESC": 5.6, "IBC": 5.8, "NFC": 5.4, "NSSC": 5.7, "PSC": 5.9,
    "DFAS": 5.1, "OPM-HRS": 5.3, "GSA-PSB": 5.5, "GSA-AAS": 5.6, "ACF-GS": 5.8, "NIH-ERA": 6.0,
    "GUIDEHOUSE": 5.9, "SAP": 5.7, "CGI": 5.5, "INFOR": 5.6, "UKG": 5.9, "GRANTTHORNTON": 5.8,
}
DOD_SATISFACTION = 4.12  # centre of DoD customers' scores; bounded below by the 4.0 floor
DIGITS = {"%": 3, "days": 1, "business days": 2}  # decimals stored per measure unit
SHIFT_ROOM = 0.1  # non-DoD scores are drawn this far inside the range, so the FY calibration stays in it


class CalibrationError(RuntimeError):
    """The drawn data cannot meet an anchor (possible only for some seeds other than the default)."""


@dataclass
class Plan:
    """Everything to insert, as lists of row dicts keyed by table."""

    rows: dict[str, list[dict]] = field(default_factory=dict)

    def add(self, table: str, row: dict) -> dict:
        rows = self.rows.setdefault(table, [])
        row.setdefault("id", len(rows) + 1)
        rows.append(row)
        return row


def _add_months(day: date, months: float) -> date:
    return day + timedelta(days=round(months * MONTH_DAYS))


def _month_start(day: date) -> date:
    return date(day.year, day.month, 1)


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _months(first: date, last: date) -> Iterator[date]:
    month = _month_start(first)
    while month <= last:
        yield month
        month = _next_month(month)


def _months_between(first: date, last: date) -> int:
    return (last.year - first.year) * 12 + last.month - first.month


def _duration(z: float, spec: tuple[float, float, float]) -> float:
    """Months for a standard normal draw `z`, from a log-normal split at the median so that 10 % fall below
    `spec[1]` and 10 % above `spec[2]`."""
    median, p10, p90 = spec
    spread = p90 / median if z > 0 else median / p10
    return median * spread ** (z / Z90)


def _reflect(value: float, low: float, high: float) -> float:
    """Fold a draw that overshoots a bound back inside it (no pile-up on the bound, unlike clipping)."""
    if value < low:
        value = 2 * low - value
    if value > high:
        value = 2 * high - value
    return min(high, max(low, value))


def _between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _is_late(e: dict) -> bool:
    """True when the actual or forecast go-live is after the planned one by more than LATE_THRESHOLD of the
    planned implementation (the definition tests/test_seed.py checks)."""
    go_live = e["operational_on"] or e["forecast_go_live"]
    if not e["implementing_on"] or not go_live:
        return False
    planned = (e["planned_go_live"] - e["implementing_on"]).days
    return (go_live - e["planned_go_live"]).days > LATE_THRESHOLD * max(planned, 1)


class Generator:
    """Builds the demo dataset in memory (reference rows, engagements, costs, satisfaction) and streams the
    measurements."""

    def __init__(self, seed: int, scale: int = 1) -> None:
        if scale < 1:
            raise ValueError("scale must be a whole number >= 1")
        self.rng = random.Random(seed)
        self.seed = seed
        self.scale = scale
        self.plan = Plan()
        self.ids: dict[tuple[str, str], int] = {}
        self.solution_rows: dict[str, dict] = {}
        self.market_of: dict[str, str] = {}
        self.provider_type_of: dict[str, str] = {}
        self.provider_of: dict[str, str] = {}
        self.org_rows: dict[str, dict] = {}
        self.used_pairs: set[tuple[str, str]] = set()
        self.engagements: list[dict] = []
        self.z_pools: dict[tuple[str, int], list[float]] = {}

    # ---- reference data -------------------------------------------------------------------
    def reference(self) -> None:
        for code, name, short, lead, designated, desc in ref.MARKETPLACES:
            row = self.plan.add("marketplace", dict(code=code, name=name, short_name=short,
                                                    lead_agency=lead, designated_on=designated,
                                                    description=desc))
            self.ids["marketplace", code] = row["id"]
        for code, effective, lead, event in ref.MARKETPLACE_HISTORY:
            self.plan.add("marketplace_history", dict(marketplace_id=self.ids["marketplace", code],
                                                      effective_on=effective, lead_agency=lead, event=event))
        for code, name in ref.DEPARTMENTS:
            self._org(code, name, "department", None, True)
            for ccode, cname in ref.COMPONENTS.get(code, []):
                self._org(ccode, cname, "component", code, True)
        for code, name in ref.INDEPENDENT_AGENCIES:
            self._org(code, name, "independent", None, False)
        for code, name, ptype, home in ref.PROVIDERS:
            row = self.plan.add("provider", dict(code=code, name=name, provider_type=ptype, home_agency=home))
            self.ids["provider", code] = row["id"]
            self.provider_type_of[code] = ptype
        for code, name, market, provider, area, unit, price, desc in ref.SOLUTIONS:
            row = self.plan.add("solution", dict(
                code=code, name=name, marketplace_id=self.ids["marketplace", market],
                provider_id=self.ids["provider", provider], service_area=area, pricing_unit=unit,
                unit_price=price, description=desc))
            self.ids["solution", code] = row["id"]
            self.solution_rows[code] = row
            self.market_of[code] = market
            self.provider_of[code] = provider
        for code, market, name, unit, higher, target, margin, source in ref.MEASURES:
            row = self.plan.add("service_measure", dict(
                code=code, marketplace_id=self.ids["marketplace", market], name=name, unit=unit,
                higher_is_better=higher, target=target, near_margin=margin, source=source))
            self.ids["measure", code] = row["id"]
        self.measure_rows = {r["code"]: r for r in self.plan.rows["service_measure"]}
        for solution, measures in ref.SOLUTION_MEASURES.items():
            for measure in measures:
                self.plan.rows.setdefault("solution_measure", []).append(dict(
                    solution_id=self.ids["solution", solution], measure_id=self.ids["measure", measure]))

    def _org(self, code: str, name: str, kind: str, parent: str | None, cfo: bool) -> None:
        row = self.plan.add("organization", dict(
            code=code, name=name, kind=kind,
            parent_id=self.ids["organization", parent] if parent else None, is_cfo_act=cfo))
        self.ids["organization", code] = row["id"]
        # Relative size drives baseline costs: departments' headquarters and big bureaus cost more.
        size = {"department": 1.0, "component": 0.8, "independent": 0.25}[kind]
        row["_size"] = size * math.exp(self.rng.gauss(0, 0.5))
        row["_department"] = parent or (code if kind == "department" else None)
        self.org_rows[code] = row

    # ---- engagements ----------------------------------------------------------------------
    def _group(self, solution: str) -> tuple[str, str]:
        return self.market_of[solution], self.provider_type_of[self.provider_of[solution]]

    def _solutions(self, market: str, ptype: str) -> list[str]:
        return [s for s in self.market_of if self._group(s) == (market, ptype) and s != "HR20-CORE"]

    def _kind(self, solution: str) -> str:
        if solution in POINT_SOLUTIONS:
            return "point"
        if self.market_of[solution] == "HR":
            return "core"
        return SOLUTION_KIND[self.market_of[solution]]

    def _go_live(self, solution: str, earliest: date | None = None, latest: date | None = None) -> date:
        first, last = GO_LIVE_WINDOW.get(solution, DEFAULT_WINDOW)
        first, last = max(first, earliest or first), min(last, latest or last)
        # Skew towards recent years: adoption has accelerated since the QSMO designations.
        u = self.rng.random() ** 0.6
        return first + timedelta(days=int(u * (last - first).days))

    def _new(self, org: str, solution: str, stage: str) -> dict | None:
        """An engagement row with its stage durations drawn (months), or None when the pair exists."""
        if (org, solution) in self.used_pairs:
            return None
        self.used_pairs.add((org, solution))
        row = dict(organization_id=self.ids["organization", org], solution_id=self.ids["solution", solution],
                   stage=stage, via_marketplace=False, discovery_on=None, agreement_on=None, implementing_on=None,
                   operational_on=None, at_risk_on=None, cancelled_on=None, planned_go_live=None,
                   forecast_go_live=None)
        row["_org"], row["_solution"] = org, solution
        kind = self._kind(solution)
        row["_durations"] = tuple(_duration(self._z((kind, i)), spec) for i, spec in enumerate(DURATIONS[kind]))
        return row

    def _z(self, key: tuple[str, int]) -> float:
        """A standard normal draw, stratified per `key`: each block of STRATA draws has one in each
        1/STRATA quantile band, so that the durations' median and percentiles hold in any sample size."""
        pool = self.z_pools.setdefault(key, [])
        if not pool:
            pool.extend(NormalDist().inv_cdf((i + self.rng.random()) / STRATA) for i in range(STRATA))
            self.rng.shuffle(pool)
        return pool.pop()

    def _add(self, row: dict) -> dict:
        row = self.plan.add("engagement", row)
        self.engagements.append(row)
        return row

    def _back_fill(self, row: dict, implementing_on: date) -> None:
        d_disc, d_agree, _ = row["_durations"]
        row["implementing_on"] = implementing_on
        row["agreement_on"] = _add_months(implementing_on, -d_agree)
        row["discovery_on"] = _add_months(row["agreement_on"], -d_disc)

    def operational(self, org: str, solution: str, go_live: date, *, implementation_months: float | None = None,
                    fixed: bool = False) -> dict | None:
        """A live engagement; its planned go-live is within LATE_THRESHOLD of the actual one (lateness is
        added afterwards by `_calibrate_lateness`, except for `fixed` sourced engagements)."""
        row = self._new(org, solution, "operational")
        if row is None:
            return None
        d_impl = implementation_months or row["_durations"][2]
        row["operational_on"] = go_live
        self._back_fill(row, _add_months(go_live, -d_impl))
        row["planned_go_live"] = _add_months(go_live, -self.rng.uniform(-0.1, 0.15) * d_impl)
        row["_fixed"] = fixed
        return self._add(row)

    def in_flight(self, org: str, solution: str, stage: str, *, entered: date | None = None,
                  planned: date | None = None, implementation_months: float | None = None,
                  late: bool = False) -> dict | None:
        """Work in flight (or cancelled) on the as-of date. `entered` is when the current stage began and
        `planned` the planned go-live (both drawn when omitted). Work not yet implementing plans to start
        after the as-of date at the earliest; a `late` one is forecast to go live more than LATE_THRESHOLD
        of its planned implementation after plan."""
        rng = self.rng
        row = self._new(org, solution, stage)
        if row is None:
            return None
        d_disc, d_agree, d_impl = row["_durations"]
        d_impl = implementation_months or d_impl
        if stage in ("implementing", "at_risk"):
            if entered is None:
                elapsed = rng.uniform(0.6, 1.4) if late or stage == "at_risk" else rng.uniform(0.05, 0.9)
                entered = min(AS_OF - 10 * DAY, _add_months(AS_OF, -elapsed * d_impl))
            self._back_fill(row, entered)
            row["planned_go_live"] = planned or _add_months(entered, d_impl)
            d_plan = (row["planned_go_live"] - entered).days / MONTH_DAYS
            if stage == "at_risk":
                row["at_risk_on"] = entered + timedelta(days=round((AS_OF - entered).days * rng.uniform(0.2, 0.9)))
                row["forecast_go_live"] = _add_months(max(row["planned_go_live"], AS_OF), rng.uniform(6, 14))
            elif late:
                row["forecast_go_live"] = _add_months(max(row["planned_go_live"], AS_OF), rng.uniform(0.35, 0.7) * d_plan)
            else:
                row["forecast_go_live"] = max(_add_months(row["planned_go_live"], rng.uniform(0, 0.15) * d_plan),
                                              _add_months(AS_OF, rng.uniform(0.3, 1.0)))
            return self._add(row)
        reached = {"discovery": 0, "agreement": 1, "cancelled": rng.randint(0, 2)}[stage]
        entered = entered or AS_OF - timedelta(days=rng.randint(10, 420 if stage != "cancelled" else 1400))
        chain: list[date | None] = [None, None, None]
        chain[reached] = entered
        for i in range(reached - 1, -1, -1):
            chain[i] = _add_months(chain[i + 1] or entered, -(d_disc, d_agree)[i])
        row["discovery_on"], row["agreement_on"], row["implementing_on"] = chain
        expected_start = chain[2] or _add_months(chain[1] or chain[0] or entered, d_agree if chain[1] else d_disc + d_agree)
        row["planned_go_live"] = planned or _add_months(expected_start, d_impl)
        if stage == "cancelled":
            row["cancelled_on"] = min(AS_OF, _add_months(entered, rng.uniform(1, 6)))
            return self._add(row)
        # Not started: the planned implementation begins after the as-of date at the earliest.
        start = max(AS_OF + DAY, _add_months(row["planned_go_live"], -d_impl))
        row["_planned_start"] = start
        row["forecast_go_live"] = max(_add_months(row["planned_go_live"], rng.uniform(0, 0.15) * d_impl),
                                      _add_months(start, d_impl))
        return self._add(row)

    def engagements_all(self) -> None:
        rng = self.rng
        for org, solution, go_live, _note in ref.SOURCED_ENGAGEMENTS:
            took = OPM_ESC_IMPLEMENTATION_MONTHS if (org, solution) == ("OPM", "ESC-DELPHI") else None
            self.operational(org, solution, go_live, implementation_months=took, fixed=took is not None)
        self._hr20()
        for code in ref.AT_RISK_FM:
            self.in_flight(code, "SAP-FM", "at_risk", entered=date(2025, 6, 2) + timedelta(days=rng.randint(0, 120)))
        self._customers()
        # Work in flight (and cancelled), on top of the customers.
        orgs = list(self.org_rows)
        for market, counts in PIPELINE.items():
            options = [s for s in self.market_of if self.market_of[s] == market and s != "HR20-CORE"]
            for stage, count in zip(("discovery", "agreement", "implementing", "at_risk", "cancelled"), counts):
                made = 0
                while made < count:
                    late = rng.random() < (0.15 if market in MIGRATION_MARKETS else 0.1)
                    if self.in_flight(rng.choice(orgs), rng.choice(options), stage, late=late):
                        made += 1
        self._calibrate_lateness()
        self._mark_marketplace_orders()

    def _hr20(self) -> None:
        """Federal HR 2.0: wave 1 planned live in FY2026 (OPM live, DHS and VA at risk, the rest implementing);
        wave 2 signed agreements in 2026 for go-lives in FY2027."""
        rng = self.rng
        start = date(2026, 3, 2)
        for dept in ref.HR20_WAVE_1:
            planned = _between(rng, date(2026, 8, 15), date(2026, 9, 30))
            if dept == "OPM":
                self.operational(dept, "HR20-CORE", date(2026, 7, 6),
                                 implementation_months=(date(2026, 7, 6) - start).days / MONTH_DAYS, fixed=True)
            elif dept in ("DHS", "VA"):
                self.in_flight(dept, "HR20-CORE", "at_risk", entered=start, planned=planned)
            else:
                self.in_flight(dept, "HR20-CORE", "implementing", entered=start, planned=planned,
                               late=rng.random() < 0.4)
        for dept in ref.HR20_WAVE_2:
            self.in_flight(dept, "HR20-CORE", "agreement", entered=_between(rng, date(2026, 2, 1), date(2026, 8, 20)),
                           planned=_between(rng, date(2027, 1, 4), date(2027, 9, 15)),
                           implementation_months=rng.uniform(5, 8))

    def _customers(self) -> None:
        """Operational customers per marketplace and provider type: exactly CUSTOMER_TARGETS organizations
        live by GAO_COUNT_DATE, and CUSTOMER_GROWTH more going live between it and AS_OF."""
        rng = self.rng
        orgs = list(self.org_rows)
        for group in dict.fromkeys([*CUSTOMER_TARGETS, *CUSTOMER_GROWTH]):
            first_live: dict[str, date] = {}
            for e in self.engagements:
                if e["operational_on"] and self._group(e["_solution"]) == group:
                    org = e["_org"]
                    first_live[org] = min(first_live.get(org, e["operational_on"]), e["operational_on"])
            before = sum(day <= GAO_COUNT_DATE for day in first_live.values())
            new_before = CUSTOMER_TARGETS.get(group, 0) - before
            new_after = CUSTOMER_GROWTH.get(group, 0) - (len(first_live) - before)
            if new_before < 0 or new_after < 0:
                raise CalibrationError(f"sourced engagements exceed the customer targets of {group}")
            options = self._solutions(*group)
            candidates = [o for o in orgs if o not in first_live]
            rng.shuffle(candidates)
            for i, org in enumerate(candidates[: new_before + new_after]):
                # Cyber customers often take several free services; others usually one.
                count = 1 + (rng.random() < 0.5) + (rng.random() < 0.25) if group[0] == "CYBER" else 1
                for j, solution in enumerate(rng.sample(options, min(count, len(options)))):
                    if i >= new_before:  # a new customer: nothing live before the GAO date
                        go_live = self._go_live(solution, earliest=GAO_COUNT_DATE + DAY, latest=AS_OF)
                    elif j == 0:  # a counted customer: its first service live by the GAO date
                        go_live = self._go_live(solution, latest=GAO_COUNT_DATE)
                    else:
                        go_live = self._go_live(solution)
                    self.operational(org, solution, go_live)

    def _migrations(self) -> list[dict]:
        return [e for e in self.engagements if self.market_of[e["_solution"]] in MIGRATION_MARKETS and e["implementing_on"]]

    def _calibrate_lateness(self) -> None:
        """Make the middle of LATE_OR_AT_RISK_SHARE of FM and HR migrations at risk or late, by moving the
        planned go-live of some live engagements earlier (their actual dates stay)."""
        migrations = self._migrations()
        flagged = [e for e in migrations if e["stage"] == "at_risk" or _is_late(e)]
        needed = round(sum(LATE_OR_AT_RISK_SHARE) / 2 * len(migrations)) - len(flagged)
        pool = [e for e in migrations if e["stage"] == "operational" and not e["_fixed"] and not _is_late(e)]
        if not 0 <= needed <= len(pool):
            raise CalibrationError(f"cannot calibrate late migrations ({needed} needed, {len(pool)} available)")
        for e in self.rng.sample(pool, needed):
            actual = (e["operational_on"] - e["implementing_on"]).days
            e["planned_go_live"] = e["implementing_on"] + timedelta(days=round(actual / (1 + self.rng.uniform(0.35, 1.0))))

    def _department(self, e: dict) -> str | None:
        return self.org_rows[e["_org"]]["_department"]

    def _mark_marketplace_orders(self) -> None:
        """FM engagements agreed from FY2023 were ordered through the marketplace: one in FY2023 and, in
        FY2024, orders that make FM_FY2024_AGENCIES CFO Act departments spending through it (GAO-26-107895);
        every one after that. Each early order started implementing in its agreement year, so it spends then."""
        fm = sorted((e for e in self.engagements if self.market_of[e["_solution"]] == "FM"
                     and e["agreement_on"] and fiscal_year_of(e["agreement_on"]) >= 2023),
                    key=lambda e: (e["agreement_on"], e["id"]))

        def early(e: dict, fy: int) -> bool:
            return (fiscal_year_of(e["agreement_on"]) == fy and e["implementing_on"] is not None
                    and fiscal_year_of(e["implementing_on"]) == fy and not e["cancelled_on"]
                    and self._department(e) is not None)

        cohort = [e for e in fm if early(e, 2023)][:1]
        departments = {self._department(e) for e in cohort}
        for e in fm:
            if len(departments) < FM_FY2024_AGENCIES and early(e, 2024) and self._department(e) not in departments:
                cohort.append(e)
                departments.add(self._department(e))
        for e in fm:
            e["via_marketplace"] = fiscal_year_of(e["agreement_on"]) >= 2025 or e in cohort
        for e in self.engagements:
            if self.market_of[e["_solution"]] != "FM":
                e["via_marketplace"] = e["agreement_on"] is not None and e["agreement_on"] >= date(2020, 6, 29)

    # ---- costs ------------------------------------------------------------------------------
    def _implementation(self, e: dict) -> tuple[date, date, date] | None:
        """(start, end, go-live) of the implementation over which migration cost is spread, with cost booked
        on days in [start, end); None when the engagement never reaches implementation."""
        if e["implementing_on"]:
            start = e["implementing_on"]
        elif e["cancelled_on"]:
            return None
        else:
            start = e["_planned_start"]
        go_live = e["operational_on"] or e["forecast_go_live"] or e["planned_go_live"]
        if e["cancelled_on"]:  # spent up to the cancellation, at the planned pace
            return start, e["cancelled_on"], max(e["planned_go_live"], e["cancelled_on"])
        return start, go_live, go_live

    def costs(self) -> None:
        rng = self.rng
        for e in self.engagements:
            market = self.market_of[e["_solution"]]
            low, high = BASELINE_RANGE[market]
            size = self.org_rows[e["_org"]]["_size"]
            # Migration costs 1-2.5 years of the new run cost for a core system, a fraction of one for a SaaS or
            # point solution, and for HR 2.0 (one platform configured once for every agency) [E].
            multiple = (1.0, 2.5) if self._kind(e["_solution"]) == "core" else (0.1, 0.4)
            if e["_solution"] == "HR20-CORE":
                low, high, multiple = 20_000_000, 90_000_000, (0.3, 0.6)
            base = math.exp(rng.uniform(math.log(low), math.log(high))) * min(size, 3.0)
            rate = rng.uniform(*SAVINGS_RATE)
            migration_total = base * (1 - rate) * rng.uniform(*multiple)
            if market == "CYBER" or market == "ACQ":
                savings_type = "avoidance"
            elif market == "GRANTS":
                savings_type = "hard" if rng.random() < 0.5 else "avoidance"
            else:
                savings_type = "hard" if rng.random() < 0.75 else "avoidance"
            e["_cost_rows"] = []
            period = self._implementation(e)
            if period is None:
                continue
            start, end, go_live = period
            per_day = migration_total / max(1, (go_live - start).days)
            last_fy = fiscal_year_of(e["cancelled_on"]) if e["cancelled_on"] else LAST_PROJECTED_FY
            for fy in range(max(FIRST_COST_FY, fiscal_year_of(start)), last_fy + 1):
                fy_first, fy_after = fy_start(fy), fy_end(fy) + DAY
                live_days = 0 if e["cancelled_on"] else max(0, (fy_after - max(go_live, fy_first)).days)
                live = min(1.0, live_days / 365.0)
                migration = per_day * max(0, (min(end, fy_after) - max(start, fy_first)).days)
                if live == 0 and migration == 0:
                    continue
                baseline = base * 1.025 ** (fy - FIRST_COST_FY)
                row = self.plan.add("cost", dict(
                    engagement_id=e["id"], fiscal_year=fy, baseline_cost=round(baseline, 2),
                    run_cost=round(baseline * (1 - rate * live), 2), migration_cost=round(migration, 2),
                    savings_type=savings_type, is_projected=fy > AS_OF_FY))
                e["_cost_rows"].append(row)
        self._calibrate_fm_spend()

    def _calibrate_fm_spend(self) -> None:
        """Scale each FY's new cohort of FM marketplace orders so that the FY's spend meets its anchor, or, for a
        year with only a band, lies inside it (a cohort whose orders mostly start implementing later is not
        blown up to carry a point target alone)."""
        by_cohort: dict[int, list[dict]] = {}
        for e in self.engagements:
            if e["via_marketplace"] and self.market_of[e["_solution"]] == "FM":
                by_cohort.setdefault(fiscal_year_of(e["agreement_on"]), []).append(e)
        low, high = FM_SPEND_BAND
        for fy in sorted({*FM_MARKETPLACE_SPEND, *FM_SPEND_BAND_YEARS}):
            def spend(group: list[dict], fy: int = fy) -> float:
                return sum(r["run_cost"] + r["migration_cost"]
                           for e in group for r in e["_cost_rows"] if r["fiscal_year"] == fy)

            earlier = spend([e for c, group in by_cohort.items() if c < fy for e in group])
            cohort = by_cohort.get(fy, [])
            own = spend(cohort)
            target = FM_MARKETPLACE_SPEND.get(fy) or min(0.95 * high, max(1.05 * low, earlier + own))
            if target == earlier + own:
                continue
            if own <= 0 or target <= earlier:
                raise CalibrationError(f"cannot calibrate FM marketplace spend in FY{fy}")
            for e in cohort:
                for r in e["_cost_rows"]:
                    for col in ("baseline_cost", "run_cost", "migration_cost"):
                        r[col] = round(r[col] * (target - earlier) / own, 2)

    # ---- service measures and satisfaction --------------------------------------------------
    def reporting(self) -> None:
        """Which months each live engagement reports (GAO: performance data is often missing) and how well
        its solution and customer perform; the values themselves are drawn in `measurements`."""
        rng = self.rng
        quality = {code: rng.gauss(0.1, 0.5) for code in self.solution_rows}
        for e in self.engagements:
            if not e["operational_on"]:
                continue
            compliance = rng.uniform(0.55, 0.99)
            e["_quality"] = quality[e["_solution"]] + rng.gauss(0, 0.25)
            first = max(FIRST_MEASURE_MONTH, _next_month(e["operational_on"]))
            e["_months"] = [month for month in _months(first, AS_OF) if rng.random() <= compliance]

    def _value(self, rng: random.Random, measure: dict, quality: float, month: date) -> float:
        """One monthly value before any calibration offset: most months meet target, weaker solutions and
        customers miss more often."""
        target = measure["target"]
        if measure["unit"] == "%":
            headroom = max(100.0 - target, 0.02)
            value = target + headroom * (0.45 + 0.5 * quality) + rng.gauss(0, headroom * 0.35)
            if measure["code"] == "HR-PAYACC":  # DOI IBC actuals
                return _reflect(value, *PAYROLL_ACCURACY_ACTUALS)
            return min(100.0, max(90.0, value))
        if measure["code"] == "HR-TTH":  # slowly improving (OPM)
            return 104 - 0.08 * _months_between(FIRST_MEASURE_MONTH, month) - quality * 12 + rng.gauss(0, 6)
        if measure["unit"] == "business days":
            return max(0.5, 0.85 - quality * 0.2 + rng.gauss(0, 0.12))
        return max(1.0, target * (0.88 - quality * 0.1) + rng.gauss(0, target * 0.08))

    def _series(self, e: dict, measure: dict) -> Iterator[tuple[date, int, float]]:
        """An engagement's values of one measure: (month, reporting unit, value) for each month it reported.
        Each series has its own random stream, so that a calibration pass can replay it."""
        rng = random.Random(f"{self.seed}/{e['id']}/{measure['code']}")
        for month in e["_months"]:
            for unit in range(1, self.scale + 1):
                yield month, unit, self._value(rng, measure, e["_quality"], month)

    def _time_to_hire_offset(self) -> float:
        """Days to add to every time-to-hire value so that FY2023's mean is TIME_TO_HIRE_FY2023."""
        measure, total, count = self.measure_rows["HR-TTH"], 0.0, 0
        for e in self.engagements:
            if "HR-TTH" in ref.SOLUTION_MEASURES[e["_solution"]] and e["operational_on"]:
                for month, _unit, value in self._series(e, measure):
                    if fiscal_year_of(month) > 2023:
                        break
                    if fiscal_year_of(month) == 2023:
                        total, count = total + value, count + 1
        return TIME_TO_HIRE_FY2023 - total / count if count else 0.0

    def measurements(self) -> Iterator[dict]:
        """Monthly measurement rows (a generator: at large scale they are streamed to the database)."""
        offsets = {"HR-TTH": self._time_to_hire_offset()}
        periods: dict[date, tuple[int, int]] = {}
        next_id = 1
        for e in self.engagements:
            if not e["operational_on"]:
                continue
            for measure_code in ref.SOLUTION_MEASURES[e["_solution"]]:
                measure = self.measure_rows[measure_code]
                offset, digits = offsets.get(measure_code, 0.0), DIGITS[measure["unit"]]
                for month, unit, value in self._series(e, measure):
                    if month not in periods:
                        periods[month] = (fiscal_year_of(month), fiscal_quarter_of(month))
                    fiscal_year, quarter = periods[month]
                    yield dict(id=next_id, measure_id=measure["id"], solution_id=e["solution_id"],
                               organization_id=e["organization_id"], month=month, fiscal_year=fiscal_year,
                               fiscal_quarter=quarter, reporting_unit=unit, value=round(value + offset, digits))
                    next_id += 1

    def satisfaction(self) -> None:
        """Quarterly scores within SATISFACTION_SCORES; each FY's response-weighted mean is then moved inside
        SATISFACTION_GOVERNMENT_WIDE, improving slowly, by shifting the non-DoD scores (DoD stays about 4)."""
        rng = self.rng
        low, high = SATISFACTION_SCORES
        dod = self.ids["organization", "DOD"]
        rows = []
        for e in self.engagements:
            if not e["operational_on"]:
                continue
            is_dod = e["_org"] == "DOD" or self.org_rows[e["_org"]]["parent_id"] == dod
            if is_dod:
                centre, noise, bounds = DOD_SATISFACTION + rng.gauss(0, 0.05), 0.12, (low, SATISFACTION_DOD[1])
            else:
                centre = SATISFACTION_BASE[self.provider_of[e["_solution"]]] + rng.gauss(0, 0.3)
                noise, bounds = 0.3, (low + SHIFT_ROOM, high - SHIFT_ROOM)
            first = max(FIRST_MEASURE_MONTH, _next_month(e["operational_on"]))
            for fy in range(fiscal_year_of(first), AS_OF_FY + 1):
                for quarter in range(1, 5):
                    if _add_months(fy_start(fy), 3 * (quarter - 1)) < first or rng.random() < 0.15:
                        continue
                    rows.append(dict(solution_id=e["solution_id"], organization_id=e["organization_id"],
                                     fiscal_year=fy, fiscal_quarter=quarter,
                                     score=_reflect(centre + rng.gauss(0, noise), *bounds),
                                     responses=rng.randint(5, 80), _dod=is_dod))
        low_mean, high_mean = SATISFACTION_GOVERNMENT_WIDE
        first_fy = fiscal_year_of(FIRST_MEASURE_MONTH)
        for fy in sorted({r["fiscal_year"] for r in rows}):
            # A slow improvement from 15 % to 85 % of the way through the band.
            target = low_mean + (high_mean - low_mean) * (0.15 + 0.7 * (fy - first_fy) / max(1, AS_OF_FY - first_fy))
            year = [r for r in rows if r["fiscal_year"] == fy]
            others = [r for r in year if not r["_dod"]]
            total = sum(r["responses"] for r in year)
            weighted = sum(r["score"] * r["responses"] for r in year)
            shift = (target * total - weighted) / sum(r["responses"] for r in others)
            if abs(shift) > SHIFT_ROOM:
                raise CalibrationError(f"satisfaction calibration in FY{fy} needs a shift of {shift:.2f}")
            for r in others:
                r["score"] += shift
        for r in rows:
            r["score"] = round(r["score"], 2)
            self.plan.add("satisfaction", r)

    def build(self) -> Plan:
        self.reference()
        self.engagements_all()
        self.costs()
        self.satisfaction()
        self.reporting()
        self.plan.add("provenance", dict(source="demo", as_of=AS_OF, loaded_at=GENERATED_AT,
                                         seed=self.seed, scale=float(self.scale),
                                         note="Illustrative demo data generated by `python -m seed`"))
        return self.plan


TABLE_ORDER = [
    "marketplace", "marketplace_history", "organization", "provider", "solution", "service_measure",
    "solution_measure", "engagement", "cost", "satisfaction", "provenance",
]


def _clean(row: dict) -> dict:
    return {k: v for k, v in row.items() if not k.startswith("_")}


def _chunks(rows: Iterator[dict], size: int) -> Iterator[list[dict]]:
    chunk: list[dict] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def write(engine: Engine, seed: int, scale: int = 1, progress: bool = True) -> dict[str, int]:
    """Generate the demo dataset and insert it in one transaction; return row counts per table.

    The caller guarantees the schema exists and is empty.
    """
    gen = Generator(seed, scale)
    plan = gen.build()
    tables = SQLModel.metadata.tables
    counts: dict[str, int] = {}
    with engine.begin() as conn:
        for name in TABLE_ORDER:
            rows = [_clean(r) for r in plan.rows.get(name, [])]
            if rows:
                conn.execute(insert(tables[name]), rows)
            counts[name] = len(rows)
        bar = tqdm(desc="measurements", unit=" rows", disable=not progress, file=sys.stderr)
        counts["measurement"] = 0
        for chunk in _chunks(gen.measurements(), 20_000):
            conn.execute(insert(tables["measurement"]), chunk)
            counts["measurement"] += len(chunk)
            bar.update(len(chunk))
        bar.close()
        refresh_measurement_summary(conn)
        if engine.dialect.name == "postgresql":
            # Ids were assigned here; move each sequence past them so later inserts do not collide.
            for name, table in tables.items():
                if "id" in table.c and table.c.id.autoincrement in (True, "auto"):
                    conn.execute(text(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                        f"COALESCE((SELECT MAX(id) FROM {name}), 0) + 1, false)"))
    return counts
