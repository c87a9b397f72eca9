"""Deterministic demo-data generator calibrated to seed.anchors.

Everything flows from one `random.Random(seed)` and the fixed `AS_OF` date; ids are assigned here so
that two runs with the same seed write identical rows. Rows are bulk-inserted with SQLAlchemy Core.
"""

from __future__ import annotations

import math
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine, insert, text
from tqdm import tqdm

from data_access import models as m
from data_access.fiscal import fiscal_quarter_of, fiscal_year_of, fy_end, fy_start
from data_access.summary import refresh_measurement_summary
from seed import reference_data as ref
from seed.anchors import (
    AS_OF,
    CUSTOMER_TARGETS,
    FIRST_COST_FY,
    FIRST_MEASURE_MONTH,
    FM_MARKETPLACE_SPEND,
    LAST_PROJECTED_FY,
)

GENERATED_AT = datetime(2026, 10, 1, 6, 0, 0, tzinfo=UTC)
AS_OF_FY = fiscal_year_of(AS_OF)

# Median months in each stage, by kind of solution (reference §5): discovery, agreement, implementing
DURATIONS = {
    "saas": (1.0, 1.0, 1.5),
    "core": (4.0, 4.0, 18.0),
    "grants": (3.0, 3.0, 12.0),
    "point": (2.0, 2.0, 3.0),
}
SOLUTION_KIND = {
    "CYBER": "saas", "FM": "core", "GRANTS": "grants", "ACQ": "point",
}
POINT_SOLUTIONS = {"USA-HIRE", "USA-STAFFING", "RDI", "UKG-WSLM", "NSSC-FM", "AAS"}

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
SATISFACTION_BASE = {  # provider code -> mean score on the 7-point scale [S->E: gov-wide ~5.5]
    "CISA-SVC": 5.7, "ARC": 5.6, "ESC": 5.3, "IBC": 5.5, "NFC": 5.1, "NSSC": 5.4, "PSC": 5.6,
    "DFAS": 4.6, "OPM-HRS": 5.0, "GSA-PSB": 5.2, "GSA-AAS": 5.3, "ACF-GS": 5.5, "NIH-ERA": 5.8,
    "GUIDEHOUSE": 5.6, "SAP": 5.4, "CGI": 5.2, "INFOR": 5.3, "UKG": 5.6, "GRANTTHORNTON": 5.5,
}


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
    return day + timedelta(days=round(months * 30.4375))


def _month_start(day: date) -> date:
    return date(day.year, day.month, 1)


def _months(first: date, last: date) -> Iterator[date]:
    year, month = first.year, first.month
    while date(year, month, 1) <= last:
        yield date(year, month, 1)
        month += 1
        if month > 12:
            year, month = year + 1, 1


def _duration(rng: random.Random, median: float) -> float:
    """A right-skewed duration in months around `median` (p10 ~ 0.5x, p90 ~ 1.7x)."""
    return max(0.3, median * math.exp(rng.gauss(0, 0.4)))


class Generator:
    """Builds the demo dataset in memory (reference rows, engagements, costs, measures, satisfaction)."""

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
        self.org_rows[code] = row

    # ---- engagements ----------------------------------------------------------------------
    def _solutions(self, market: str, ptype: str) -> list[str]:
        return [s for s, mk in self.market_of.items()
                if mk == market and self.provider_type_of[self.provider_of[s]] == ptype
                and s != "HR20-CORE"]

    def _kind(self, solution: str) -> str:
        if solution in POINT_SOLUTIONS:
            return "point"
        if self.market_of[solution] == "HR":
            return "core"
        return SOLUTION_KIND[self.market_of[solution]]

    def _go_live(self, solution: str) -> date:
        first, last = GO_LIVE_WINDOW.get(solution, DEFAULT_WINDOW)
        # Skew towards recent years: adoption has accelerated since the QSMO designations.
        u = self.rng.random() ** 0.6
        return first + timedelta(days=int(u * (last - first).days))

    def _engagement(self, org: str, solution: str, *, stage: str, anchor: date,
                    late: bool = False) -> dict | None:
        """Create one engagement. `anchor` is the go-live for operational ones, else the date the
        current stage was entered."""
        if (org, solution) in self.used_pairs:
            return None
        self.used_pairs.add((org, solution))
        d_disc, d_agree, d_impl = (_duration(self.rng, x) for x in DURATIONS[self._kind(solution)])
        row: dict = dict(organization_id=self.ids["organization", org],
                         solution_id=self.ids["solution", solution], stage=stage,
                         via_marketplace=False, at_risk_on=None, cancelled_on=None,
                         operational_on=None, implementing_on=None, agreement_on=None,
                         forecast_go_live=None)
        if stage == "operational":
            row["operational_on"] = anchor
            row["implementing_on"] = _add_months(anchor, -d_impl)
            row["agreement_on"] = _add_months(row["implementing_on"], -d_agree)
            row["discovery_on"] = _add_months(row["agreement_on"], -d_disc)
            slip = self.rng.uniform(0.3, 0.6) * d_impl if late else self.rng.uniform(-0.5, 1.5)
            row["planned_go_live"] = _add_months(anchor, -slip)
        else:
            entered = {"discovery": 0, "agreement": 1, "implementing": 2, "at_risk": 2,
                       "cancelled": self.rng.randint(0, 2)}[stage]
            chain = [None, None, None]
            chain[entered] = anchor
            for i in range(entered - 1, -1, -1):
                chain[i] = _add_months(chain[i + 1], -(d_disc, d_agree)[i])
            row["discovery_on"], row["agreement_on"], row["implementing_on"] = chain
            start_impl = chain[2] or _add_months(chain[1] or chain[0], d_agree if chain[1] else d_disc + d_agree)
            planned = _add_months(start_impl, d_impl)
            row["planned_go_live"] = planned
            if stage == "cancelled":
                row["cancelled_on"] = min(AS_OF, _add_months(anchor, self.rng.uniform(1, 6)))
            elif stage == "at_risk":
                row["at_risk_on"] = min(AS_OF, _add_months(anchor, self.rng.uniform(1, max(1.5, d_impl / 2))))
                row["forecast_go_live"] = max(_add_months(planned, self.rng.uniform(6, 14)),
                                              _add_months(AS_OF, 2))
            else:
                slip = self.rng.uniform(0.25, 0.5) * d_impl if late else self.rng.uniform(0, 1.5)
                row["forecast_go_live"] = max(_add_months(planned, slip), _add_months(AS_OF, 1))
        row = self.plan.add("engagement", row)
        row["_org"], row["_solution"] = org, solution
        self.engagements.append(row)
        return row

    def engagements_all(self) -> None:
        rng = self.rng
        for org, solution, go_live, _note in ref.SOURCED_ENGAGEMENTS:
            self._engagement(org, solution, stage="operational", anchor=go_live)
        # HR 2.0: OPM is live; the rest of wave 1 is implementing (two at risk); wave 2 has agreements.
        for dept in ref.HR20_WAVE_1:
            if dept == "OPM":
                self._engagement(dept, "HR20-CORE", stage="operational", anchor=date(2026, 7, 6))
            elif dept in ("DHS", "VA"):
                self._engagement(dept, "HR20-CORE", stage="at_risk", anchor=date(2026, 3, 2))
            else:
                self._engagement(dept, "HR20-CORE", stage="implementing", anchor=date(2026, 3, 2),
                                 late=rng.random() < 0.4)
        for dept in ref.HR20_WAVE_2:
            self._engagement(dept, "HR20-CORE", stage="agreement",
                             anchor=date(2026, 2, 1) + timedelta(days=rng.randint(0, 200)))
        for code in ref.AT_RISK_FM:
            self._engagement(code, "SAP-FM", stage="at_risk",
                             anchor=date(2025, 6, 2) + timedelta(days=rng.randint(0, 120)))

        orgs = list(self.org_rows)
        for (market, ptype), target in CUSTOMER_TARGETS.items():
            existing = {e["_org"] for e in self.engagements
                        if e["stage"] == "operational" and self.market_of[e["_solution"]] == market
                        and self.provider_type_of[self.provider_of[e["_solution"]]] == ptype}
            options = self._solutions(market, ptype)
            candidates = [o for o in orgs if o not in existing]
            rng.shuffle(candidates)
            for org in candidates[: max(0, target - len(existing))]:
                # Cyber customers often take several free services; others usually one.
                count = 1 + (rng.random() < 0.5) + (rng.random() < 0.25) if market == "CYBER" else 1
                for solution in rng.sample(options, min(count, len(options))):
                    self._engagement(org, solution, stage="operational", anchor=self._go_live(solution),
                                     late=market in ("FM", "HR") and rng.random() < 0.12)
        # Work in flight (and cancelled), on top of the customers.
        for market, counts in PIPELINE.items():
            options = [s for s in self.market_of if self.market_of[s] == market and s != "HR20-CORE"]
            for stage, count in zip(("discovery", "agreement", "implementing", "at_risk", "cancelled"), counts):
                made = 0
                while made < count:
                    org, solution = rng.choice(orgs), rng.choice(options)
                    entered = AS_OF - timedelta(days=rng.randint(10, 420 if stage != "cancelled" else 1400))
                    if self._engagement(org, solution, stage=stage, anchor=entered,
                                        late=market in ("FM", "HR") and rng.random() < 0.15):
                        made += 1
        self._mark_marketplace_orders()

    def _mark_marketplace_orders(self) -> None:
        """FM engagements agreed from FY2023 were ordered through the marketplace: one in FY2023 and
        four CFO Act agencies in FY2024 (GAO-26-107895), every one after that."""
        fm = sorted((e for e in self.engagements if self.market_of[e["_solution"]] == "FM"
                     and e["agreement_on"] and fiscal_year_of(e["agreement_on"]) >= 2023),
                    key=lambda e: (e["agreement_on"], e["id"]))
        cohort_2023 = [e for e in fm if fiscal_year_of(e["agreement_on"]) == 2023][:1]
        cohort_2024 = [e for e in fm if fiscal_year_of(e["agreement_on"]) == 2024
                       and self.org_rows[e["_org"]]["is_cfo_act"]][:4]
        for e in fm:
            fy = fiscal_year_of(e["agreement_on"])
            e["via_marketplace"] = fy >= 2025 or e in cohort_2023 or e in cohort_2024
        for e in self.engagements:
            if self.market_of[e["_solution"]] != "FM":
                e["via_marketplace"] = e["agreement_on"] is not None and e["agreement_on"] >= date(2020, 6, 29)

    # ---- costs ------------------------------------------------------------------------------
    def costs(self) -> None:
        rng = self.rng
        for e in self.engagements:
            market = self.market_of[e["_solution"]]
            low, high = BASELINE_RANGE[market]
            size = self.org_rows[e["_org"]]["_size"]
            if e["_solution"] == "HR20-CORE":
                low, high = 20_000_000, 90_000_000
            base = math.exp(rng.uniform(math.log(low), math.log(high))) * min(size, 3.0)
            rate = rng.uniform(0.05, 0.35)
            kind = self._kind(e["_solution"])
            migration_total = base * (1 - rate) * (rng.uniform(1.0, 2.5) if kind == "core" else rng.uniform(0.1, 0.4))
            if market == "CYBER" or market == "ACQ":
                savings_type = "avoidance"
            elif market == "GRANTS":
                savings_type = "hard" if rng.random() < 0.5 else "avoidance"
            else:
                savings_type = "hard" if rng.random() < 0.75 else "avoidance"
            go_live = e["operational_on"] or e["forecast_go_live"] or e["planned_go_live"]
            impl_start = e["implementing_on"] or e["agreement_on"]
            if e["stage"] == "discovery" or impl_start is None:
                impl_start = _add_months(go_live, -DURATIONS[kind][2])
            last_fy = fiscal_year_of(e["cancelled_on"]) if e["cancelled_on"] else LAST_PROJECTED_FY
            first_fy = max(FIRST_COST_FY, fiscal_year_of(impl_start))
            impl_days = max(1, (go_live - impl_start).days)
            e["_cost_rows"] = []
            for fy in range(first_fy, last_fy + 1):
                start, end = fy_start(fy), fy_end(fy)
                live_days = 0 if e["cancelled_on"] else max(0, (end - max(go_live, start)).days + 1)
                live = min(1.0, live_days / 365.0)
                overlap = max(0, (min(go_live, end + timedelta(days=1)) - max(impl_start, start)).days)
                migration = migration_total * overlap / impl_days
                if e["cancelled_on"] and fy == last_fy:
                    migration *= 0.5
                baseline = base * 1.025 ** (fy - FIRST_COST_FY)
                if live == 0 and migration == 0:
                    continue
                row = self.plan.add("cost", dict(
                    engagement_id=e["id"], fiscal_year=fy, baseline_cost=round(baseline, 2),
                    run_cost=round(baseline * (1 - rate * live), 2), migration_cost=round(migration, 2),
                    savings_type=savings_type, is_projected=fy > AS_OF_FY))
                e["_cost_rows"].append(row)
        self._calibrate_fm_spend()

    def _calibrate_fm_spend(self) -> None:
        """Scale each FY's new cohort of FM marketplace orders so that FY spend meets the anchor."""
        by_cohort: dict[int, list[dict]] = {}
        for e in self.engagements:
            if e["via_marketplace"] and self.market_of[e["_solution"]] == "FM":
                by_cohort.setdefault(fiscal_year_of(e["agreement_on"]), []).append(e)
        for fy, target in sorted(FM_MARKETPLACE_SPEND.items()):
            def spend(group: list[dict], fy: int = fy) -> float:
                return sum(r["run_cost"] + r["migration_cost"]
                           for e in group for r in e["_cost_rows"] if r["fiscal_year"] == fy)

            earlier = [e for c, group in by_cohort.items() if c < fy for e in group]
            cohort = by_cohort.get(fy, [])
            own = spend(cohort)
            if own <= 0:
                continue
            factor = max(0.0, target - spend(earlier)) / own
            for e in cohort:
                for r in e["_cost_rows"]:
                    for col in ("baseline_cost", "run_cost", "migration_cost"):
                        r[col] = round(r[col] * factor, 2)

    # ---- service measures and satisfaction --------------------------------------------------
    def _value(self, measure: dict, quality: float, month_index: int) -> float:
        """One monthly value: most months meet target, weaker solutions and customers miss more often."""
        rng, target = self.rng, measure["target"]
        if measure["unit"] == "%":
            headroom = max(100.0 - target, 0.02)
            value = target + headroom * (0.45 + 0.5 * quality) + rng.gauss(0, headroom * 0.35)
            return round(min(100.0, max(90.0, value)), 3)
        if measure["code"] == "HR-TTH":  # ~101 days in FY2023, slowly improving (OPM)
            return round(max(40.0, 104 - 0.08 * month_index - quality * 12 + rng.gauss(0, 6)), 1)
        if measure["unit"] == "business days":
            return round(max(0.5, 0.85 - quality * 0.2 + rng.gauss(0, 0.12)), 2)
        return round(max(1.0, target * (0.88 - quality * 0.1) + rng.gauss(0, target * 0.08)), 1)

    def measurements(self) -> Iterator[dict]:
        """Monthly measurement rows (a generator: at large scale they are streamed to the database)."""
        rng = self.rng
        quality = {code: rng.gauss(0.1, 0.5) for code in self.solution_rows}
        next_id = 1
        for e in self.engagements:
            if not e["operational_on"] or e["operational_on"] > AS_OF:
                continue
            compliance = rng.uniform(0.55, 0.99)  # GAO: performance data is often missing
            org_bias = rng.gauss(0, 0.25)
            first = max(FIRST_MEASURE_MONTH, _month_start(_add_months(e["operational_on"], 1)))
            for measure_code in ref.SOLUTION_MEASURES[e["_solution"]]:
                measure = self.measure_rows[measure_code]
                for i, month in enumerate(_months(first, AS_OF)):
                    if rng.random() > compliance:
                        continue
                    for unit in range(1, self.scale + 1):
                        value = self._value(measure, quality[e["_solution"]] + org_bias, i)
                        yield dict(id=next_id, measure_id=measure["id"], solution_id=e["solution_id"],
                                   organization_id=e["organization_id"], month=month,
                                   fiscal_year=fiscal_year_of(month), fiscal_quarter=fiscal_quarter_of(month),
                                   reporting_unit=unit, value=value)
                        next_id += 1

    def satisfaction(self) -> None:
        rng = self.rng
        for e in self.engagements:
            if not e["operational_on"] or e["operational_on"] > AS_OF:
                continue
            base = SATISFACTION_BASE[self.provider_of[e["_solution"]]]
            org_code = e["_org"]
            parent = self.org_rows[org_code]["parent_id"]
            if org_code == "DOD" or parent == self.ids["organization", "DOD"]:
                base -= 1.0  # GSA survey: DoD around 4 on the 7-point scale
            bias = rng.gauss(0, 0.3)
            start = max(FIRST_MEASURE_MONTH, _month_start(_add_months(e["operational_on"], 1)))
            for fy in range(fiscal_year_of(start), AS_OF_FY + 1):
                for quarter in range(1, 5):
                    q_start = _add_months(fy_start(fy), 3 * (quarter - 1))
                    if q_start < _month_start(start) or rng.random() < 0.15:
                        continue
                    score = min(6.9, max(1.5, base + bias + rng.gauss(0, 0.3)))
                    self.plan.add("satisfaction", dict(
                        solution_id=e["solution_id"], organization_id=e["organization_id"],
                        fiscal_year=fy, fiscal_quarter=quarter, score=round(score, 2),
                        responses=rng.randint(5, 80)))

    def build(self) -> Plan:
        self.reference()
        self.engagements_all()
        self.costs()
        self.satisfaction()
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
    tables = m.SQLModel.metadata.tables
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
