"""The QSMO data model: marketplaces, organizations, providers, solutions, engagements, costs,
service measures, measurements, satisfaction and provenance.

Codes (`Marketplace.code`, `Organization.code`, ...) are the stable identifiers used in URLs and
imports; surrogate integer ids are the foreign keys. Every enumerated value is guarded by a CHECK
constraint so that a bad import cannot write free text.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

MARKETPLACE_CODES = ("CYBER", "FM", "HR", "GRANTS", "ACQ")
ORG_KINDS = ("department", "component", "independent")
PROVIDER_TYPES = ("federal", "commercial")
# M3 lifecycle order; at_risk (paused / at risk) and cancelled sit outside the happy path.
STAGES = ("discovery", "agreement", "implementing", "operational", "at_risk", "cancelled")
IN_FLIGHT_STAGES = ("discovery", "agreement", "implementing", "at_risk")
SAVINGS_TYPES = ("hard", "avoidance")
DATA_SOURCES = ("demo", "imported", "mixed")  # mixed: demo data with imported additions


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Marketplace(SQLModel, table=True):
    """A QSMO marketplace (one per functional area)."""

    __table_args__ = (CheckConstraint(_in("code", MARKETPLACE_CODES), name="ck_marketplace_code"),)

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=10, unique=True, index=True)
    name: str = Field(max_length=120)
    short_name: str = Field(max_length=40)
    lead_agency: str = Field(max_length=120)
    designated_on: date
    description: str = Field(default="", max_length=1000)


class MarketplaceHistory(SQLModel, table=True):
    """Events in a marketplace's life, e.g. the HR QSMO moving from GSA to OPM."""

    __tablename__ = "marketplace_history"

    id: int | None = Field(default=None, primary_key=True)
    marketplace_id: int = Field(foreign_key="marketplace.id", index=True)
    effective_on: date
    lead_agency: str = Field(max_length=120)
    event: str = Field(max_length=300)


class Organization(SQLModel, table=True):
    """A customer organization: a CFO Act department, one of its components, or an independent agency."""

    __table_args__ = (
        CheckConstraint(_in("kind", ORG_KINDS), name="ck_organization_kind"),
        CheckConstraint(
            "(kind = 'component') = (parent_id IS NOT NULL)", name="ck_organization_parent"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=20, unique=True, index=True)
    name: str = Field(max_length=160)
    kind: str = Field(max_length=12)
    parent_id: int | None = Field(default=None, foreign_key="organization.id", index=True)
    is_cfo_act: bool = Field(default=False)


class Provider(SQLModel, table=True):
    """A shared service provider, federal (e.g. Treasury ARC) or commercial."""

    __table_args__ = (CheckConstraint(_in("provider_type", PROVIDER_TYPES), name="ck_provider_type"),)

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=20, unique=True, index=True)
    name: str = Field(max_length=160)
    provider_type: str = Field(max_length=12, index=True)
    home_agency: str = Field(default="", max_length=120)


class Solution(SQLModel, table=True):
    """An offering listed in a marketplace by a provider."""

    __table_args__ = (CheckConstraint("unit_price >= 0", name="ck_solution_price"),)

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=40, unique=True, index=True)
    name: str = Field(max_length=160)
    marketplace_id: int = Field(foreign_key="marketplace.id", index=True)
    provider_id: int = Field(foreign_key="provider.id", index=True)
    service_area: str = Field(max_length=80)
    pricing_unit: str = Field(max_length=80)
    unit_price: float
    description: str = Field(default="", max_length=1000)


class Engagement(SQLModel, table=True):
    """An organization adopting a solution, with the date each M3 stage was entered.

    `stage` is the stage on the data-as-of date; the dates let any earlier date be evaluated.
    Actual go-live is `operational_on`; `forecast_go_live` is the current forecast for work in flight.
    """

    __table_args__ = (
        UniqueConstraint("organization_id", "solution_id", name="uq_engagement_org_solution"),
        CheckConstraint(_in("stage", STAGES), name="ck_engagement_stage"),
        CheckConstraint(
            "agreement_on IS NULL OR agreement_on >= discovery_on", name="ck_engagement_agreement"
        ),
        CheckConstraint(
            "implementing_on IS NULL OR (agreement_on IS NOT NULL AND implementing_on >= agreement_on)",
            name="ck_engagement_implementing",
        ),
        CheckConstraint(
            "operational_on IS NULL OR (implementing_on IS NOT NULL AND operational_on >= implementing_on)",
            name="ck_engagement_operational",
        ),
        CheckConstraint(
            "NOT (operational_on IS NOT NULL AND cancelled_on IS NOT NULL)",
            name="ck_engagement_live_or_cancelled",
        ),
        Index("ix_engagement_stage_dates", "operational_on", "cancelled_on", "discovery_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(foreign_key="organization.id", index=True)
    solution_id: int = Field(foreign_key="solution.id", index=True)
    stage: str = Field(max_length=12, index=True)
    via_marketplace: bool = Field(default=True)
    discovery_on: date
    agreement_on: date | None = None
    implementing_on: date | None = None
    operational_on: date | None = None
    at_risk_on: date | None = None
    cancelled_on: date | None = None
    planned_go_live: date
    forecast_go_live: date | None = None


class Cost(SQLModel, table=True):
    """Costs of one engagement in one fiscal year, in dollars.

    `baseline_cost` is what the legacy arrangement costs (or would have cost) that year;
    `run_cost` is what the organization actually pays to run the function that year (legacy while
    migrating, the shared service after go-live); `migration_cost` is one-time transition spend.
    Net savings = baseline_cost - run_cost - migration_cost.
    """

    __table_args__ = (
        UniqueConstraint("engagement_id", "fiscal_year", name="uq_cost_engagement_fy"),
        CheckConstraint(
            "baseline_cost >= 0 AND run_cost >= 0 AND migration_cost >= 0", name="ck_cost_nonneg"
        ),
        CheckConstraint(_in("savings_type", SAVINGS_TYPES), name="ck_cost_savings_type"),
        CheckConstraint("fiscal_year BETWEEN 2000 AND 2100", name="ck_cost_fy"),
        Index("ix_cost_fy_engagement", "fiscal_year", "engagement_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    engagement_id: int = Field(foreign_key="engagement.id")
    fiscal_year: int
    baseline_cost: float
    run_cost: float
    migration_cost: float = 0.0
    savings_type: str = Field(max_length=10)
    is_projected: bool = Field(default=False)


class ServiceMeasure(SQLModel, table=True):
    """A KPI definition for a marketplace, e.g. Prompt Payment Act compliance >= 99.5 %.

    `near_margin` is the provider's stated tolerance, in the measure's unit, kept with the measure for reference;
    whether a service meets its target is judged on the share of customer-months that met it
    (`data_access.performance.target_status`).
    """

    __tablename__ = "service_measure"
    __table_args__ = (CheckConstraint("near_margin >= 0", name="ck_measure_margin"),)

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=40, unique=True, index=True)
    marketplace_id: int = Field(foreign_key="marketplace.id", index=True)
    name: str = Field(max_length=120)
    unit: str = Field(max_length=20)
    higher_is_better: bool
    target: float
    near_margin: float
    source: str = Field(default="", max_length=300)


class SolutionMeasure(SQLModel, table=True):
    """Which service measures a solution reports (the expected set for data coverage)."""

    __tablename__ = "solution_measure"

    solution_id: int = Field(foreign_key="solution.id", primary_key=True)
    measure_id: int = Field(foreign_key="service_measure.id", primary_key=True)


class Measurement(SQLModel, table=True):
    """One monthly value of a measure for a solution, reported for one customer organization.

    `reporting_unit` numbers the customer's reporting sites (1 in the demo; more at benchmark scale).
    `fiscal_year`/`fiscal_quarter` are derived from `month` by `data_access.fiscal` when written.
    """

    __table_args__ = (
        UniqueConstraint(
            "measure_id", "solution_id", "organization_id", "month", "reporting_unit",
            name="uq_measurement",
        ),
        CheckConstraint("fiscal_quarter BETWEEN 1 AND 4", name="ck_measurement_quarter"),
        Index("ix_measurement_fy_solution", "fiscal_year", "solution_id", "measure_id"),
        Index("ix_measurement_org_fy", "organization_id", "fiscal_year"),
    )

    id: int | None = Field(default=None, primary_key=True)
    measure_id: int = Field(foreign_key="service_measure.id")
    solution_id: int = Field(foreign_key="solution.id")
    organization_id: int = Field(foreign_key="organization.id")
    month: date
    fiscal_year: int
    fiscal_quarter: int
    reporting_unit: int = Field(default=1)
    value: float


class MeasurementMonthly(SQLModel, table=True):
    """Pre-aggregated measurements: one row per measure, solution, customer and month with the count of
    values (all reporting units), how many met target, and their sum. Rebuilt from `measurement` by
    `data_access.summary` whenever measurements or targets change; queries read it instead of raw rows."""

    __tablename__ = "measurement_monthly"
    __table_args__ = (
        Index("ix_monthly_fy_solution", "fiscal_year", "solution_id", "measure_id"),
        Index("ix_monthly_org_fy", "organization_id", "fiscal_year"),
    )

    measure_id: int = Field(foreign_key="service_measure.id", primary_key=True)
    solution_id: int = Field(foreign_key="solution.id", primary_key=True)
    organization_id: int = Field(foreign_key="organization.id", primary_key=True)
    month: date = Field(primary_key=True)
    fiscal_year: int
    fiscal_quarter: int
    n: int
    met: int
    value_sum: float


class Satisfaction(SQLModel, table=True):
    """Quarterly customer satisfaction on the 7-point mission-support scale (1 = very dissatisfied)."""

    __table_args__ = (
        UniqueConstraint(
            "solution_id", "organization_id", "fiscal_year", "fiscal_quarter", name="uq_satisfaction"
        ),
        CheckConstraint("score BETWEEN 1 AND 7", name="ck_satisfaction_score"),
        CheckConstraint("responses > 0", name="ck_satisfaction_responses"),
        CheckConstraint("fiscal_quarter BETWEEN 1 AND 4", name="ck_satisfaction_quarter"),
        Index("ix_satisfaction_fy", "fiscal_year", "solution_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    solution_id: int = Field(foreign_key="solution.id")
    organization_id: int = Field(foreign_key="organization.id", index=True)
    fiscal_year: int
    fiscal_quarter: int
    score: float
    responses: int


class Provenance(SQLModel, table=True):
    """Where the data came from: one row, rewritten by the seed and by imports."""

    __table_args__ = (CheckConstraint(_in("source", DATA_SOURCES), name="ck_provenance_source"),)

    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(max_length=10)
    as_of: date
    loaded_at: datetime
    seed: int | None = None
    scale: float | None = None
    note: str = Field(default="", max_length=500)


class ImportLog(SQLModel, table=True):
    """One committed import: when, what file (name and SHA-256), by whom, and what changed."""

    __tablename__ = "import_log"

    id: int | None = Field(default=None, primary_key=True)
    imported_at: datetime
    file_name: str = Field(max_length=255)
    file_sha256: str = Field(max_length=64, index=True)
    imported_by: str = Field(default="", max_length=120)
    rows_added: int = Field(default=0)
    rows_updated: int = Field(default=0)
    rows_unchanged: int = Field(default=0)
    datasets: str = Field(default="", max_length=300)


class AuditEvent(SQLModel, table=True):
    """Who changed what, when: sign-in grants, goals, check-ins, notes (imports also have their own log)."""

    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(index=True)
    actor: str = Field(max_length=200)  # the signed-in user's name or email, or "admin token"
    action: str = Field(max_length=60)  # e.g. "grant.add", "goal.update", "checkin.add", "note.delete"
    target: str = Field(default="", max_length=200)  # what was changed, e.g. a goal code
    detail: str = Field(default="", max_length=2000)  # the change in words (old -> new)
