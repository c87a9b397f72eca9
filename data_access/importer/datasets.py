"""The importable datasets: one pydantic model per dataset validates a row; the same models generate
the templates and the data dictionary. Keys are natural codes, never database ids."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from data_access.importer.cells import parse_date, parse_number, parse_whole, text_problem
from data_access.models import MARKETPLACE_CODES, ORG_KINDS, PROVIDER_TYPES, SAVINGS_TYPES, STAGES
from data_access.ranges import (
    EARLIEST_DAY,
    EARLIEST_HISTORY_DAY,
    FIRST_FY,
    LAST_FY,
    LATEST_DAY,
    MAX_AMOUNT,
    MAX_MEASURE_VALUE,
    MAX_RESPONSES,
    day_supported,
    history_day_supported,
)

CODE_RE = re.compile(r"[A-Z0-9][A-Z0-9-]{0,39}", re.ASCII)
TRUE, FALSE = {"true", "yes", "y", "1"}, {"false", "no", "n", "0"}
MAX_REPORTING_UNITS = 10_000


def _code(value: object) -> object:
    if isinstance(value, str):
        value = value.strip()
        if not value.isascii() or not CODE_RE.fullmatch(value.upper()):
            raise ValueError("must be a code of capital letters A-Z, digits 0-9 and hyphens (at most 40), e.g. DOI or ARC-FM")
        value = value.upper()
    return value


def _name(value: object) -> object:
    if isinstance(value, str):
        value = value.strip()
        problem = text_problem(value)
        if problem:
            raise ValueError(problem)
    return value


def _description(value: object) -> object:
    if isinstance(value, str):
        value = value.strip().replace("\r\n", "\n")
        problem = text_problem(value, multiline=True)
        if problem:
            raise ValueError(problem)
    return value


def _bool(value: object) -> object:
    if isinstance(value, str):
        text = value.strip().lower()
        if text in TRUE:
            return True
        if text in FALSE:
            return False
        raise ValueError("must be true or false")
    return value


def _from_text(parse: Callable[[str], object]) -> BeforeValidator:
    """Cells arrive as text; `parse` types them (values already typed, e.g. re-validated rows, pass through)."""
    return BeforeValidator(lambda value: parse(value) if isinstance(value, str) else value)


def _within(low: float, high: float, message: str) -> AfterValidator:
    def check(value: float) -> float:
        if not low <= value <= high:  # also false for NaN
            raise ValueError(message)
        return value
    return AfterValidator(check)


def _supported_day(value: date) -> date:
    if not day_supported(value):
        raise ValueError(f"must be between {EARLIEST_DAY:%d %b %Y} and {LATEST_DAY:%d %b %Y} "
                         f"(FY{FIRST_FY}–FY{LAST_FY}, the years the dashboard shows)")
    return value


def _history_day(value: date) -> date:
    if not history_day_supported(value):
        raise ValueError(f"must be between {EARLIEST_HISTORY_DAY:%d %b %Y} and {LATEST_DAY:%d %b %Y}")
    return value


# The allowed values live once, in data_access.models; pydantic reads a Literal built from them at runtime, which a
# type checker cannot follow (hence the ignores).
OrgKind = Literal[ORG_KINDS]  # type: ignore[valid-type]
ProviderType = Literal[PROVIDER_TYPES]  # type: ignore[valid-type]
MarketplaceCode = Literal[MARKETPLACE_CODES]  # type: ignore[valid-type]
Stage = Literal[STAGES]  # type: ignore[valid-type]
SavingsType = Literal[SAVINGS_TYPES]  # type: ignore[valid-type]
Code = Annotated[str, BeforeValidator(_code)]
Name = Annotated[str, BeforeValidator(_name)]  # one line of plain text
Description = Annotated[str, BeforeValidator(_description)]  # plain text; tabs and line breaks allowed
Bool = Annotated[bool, BeforeValidator(_bool)]
Day = Annotated[date, _from_text(parse_date), AfterValidator(_supported_day)]  # months, data-as-of dates
HistoryDay = Annotated[date, _from_text(parse_date), AfterValidator(_history_day)]  # engagement stage dates
Amount = Annotated[float, _from_text(parse_number),
                   _within(0, MAX_AMOUNT, f"must be between 0 and {MAX_AMOUNT:,.0f} US dollars")]
MeasureValue = Annotated[float, _from_text(parse_number),
                         _within(-MAX_MEASURE_VALUE, MAX_MEASURE_VALUE,
                                 f"must be between -{MAX_MEASURE_VALUE:,.0f} and {MAX_MEASURE_VALUE:,.0f}")]
Margin = Annotated[float, _from_text(parse_number),
                   _within(0, MAX_MEASURE_VALUE, f"must be between 0 and {MAX_MEASURE_VALUE:,.0f}")]
Score = Annotated[float, _from_text(parse_number), _within(1, 7, "must be between 1 and 7 (the 7-point survey scale)")]
FiscalYear = Annotated[int, _from_text(parse_whole),
                       _within(FIRST_FY, LAST_FY, f"must be a fiscal year from {FIRST_FY} to {LAST_FY} "
                                                  f"(FY{FIRST_FY}–FY{LAST_FY}, the years the dashboard shows)")]
Quarter = Annotated[int, _from_text(parse_whole), _within(1, 4, "must be a fiscal quarter 1-4")]
Responses = Annotated[int, _from_text(parse_whole),
                      _within(1, MAX_RESPONSES, f"must be a number of responses from 1 to {MAX_RESPONSES:,}")]
ReportingUnit = Annotated[int, _from_text(parse_whole),
                          _within(1, MAX_REPORTING_UNITS, f"must be a reporting unit from 1 to {MAX_REPORTING_UNITS:,}")]


class Row(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class OrganizationRow(Row):
    code: Code = Field(description="Organization code used in URLs", examples=["NPS"])
    name: Name = Field(max_length=160, description="Full name", examples=["National Park Service"])
    kind: OrgKind = Field(description="department, component or independent", examples=["component"])
    parent_code: Code | None = Field(None, description="Department code; required for components", examples=["DOI"])
    is_cfo_act: Bool = Field(False, description="Part of a CFO Act department (true/false)", examples=["true"])

    @model_validator(mode="after")
    def _parent(self) -> OrganizationRow:
        if (self.kind == "component") != (self.parent_code is not None):
            raise ValueError("parent_code is required for components and only for components")
        return self


class ProviderRow(Row):
    code: Code = Field(description="Provider code", examples=["ARC"])
    name: Name = Field(max_length=160, description="Provider name", examples=["Treasury ARC"])
    provider_type: ProviderType = Field(description="federal or commercial", examples=["federal"])
    home_agency: Name = Field("", max_length=120, description="Home agency code (federal providers)", examples=["TREAS"])


class SolutionRow(Row):
    code: Code = Field(description="Solution code", examples=["ARC-FM"])
    name: Name = Field(max_length=160, description="Offering name", examples=["ARC Core Financial Management"])
    marketplace: MarketplaceCode = Field(description="Marketplace code", examples=["FM"])
    provider: Code = Field(description="Provider code (existing or in this file)", examples=["ARC"])
    service_area: Name = Field(max_length=80, description="Service area", examples=["Core financial management"])
    pricing_unit: Name = Field(max_length=80, description="What the price is per", examples=["per customer FTE per year"])
    unit_price: Amount = Field(description="Price per pricing unit, US dollars", examples=["310"])
    description: Description = Field("", max_length=1000, description="Short description", examples=["FM platform, AP/AR"])


class MeasureRow(Row):
    code: Code = Field(description="Measure code", examples=["FM-PROMPT"])
    marketplace: MarketplaceCode = Field(description="Marketplace code", examples=["FM"])
    name: Name = Field(max_length=120, description="Measure name", examples=["Prompt Payment Act compliance"])
    unit: Literal["%", "days", "business days", "score"] = Field(description="Unit of the values", examples=["%"])
    higher_is_better: Bool = Field(description="true if higher values are better", examples=["true"])
    target: MeasureValue = Field(description="Target value, in the measure's unit", examples=["99.5"])
    near_margin: Margin = Field(description="A miss within this margin counts as near target", examples=["0.5"])
    source: Description = Field("", max_length=300, description="Where the target comes from", examples=["ARC AP SLA"])

    @model_validator(mode="after")
    def _percent(self) -> MeasureRow:
        if self.unit == "%" and not 0 <= self.target <= 100:
            raise ValueError("a percentage target must be within 0-100")
        return self


class EngagementRow(Row):
    organization: Code = Field(description="Customer organization code", examples=["NPS"])
    solution: Code = Field(description="Solution code", examples=["ARC-FM"])
    stage: Stage = Field(description="Stage on the data-as-of date: the one the dates give (latest of "
                                               "cancelled, operational, at_risk, implementing, agreement)",
                                   examples=["operational"])
    via_marketplace: Bool = Field(True, description="Ordered through the QSMO marketplace", examples=["true"])
    discovery_on: HistoryDay = Field(description="Date discovery started (YYYY-MM-DD)", examples=["2023-01-10"])
    agreement_on: HistoryDay | None = Field(None, description="Date the IAA or contract was signed", examples=["2023-04-01"])
    implementing_on: HistoryDay | None = Field(None, description="Date implementation started", examples=["2023-07-01"])
    operational_on: HistoryDay | None = Field(None, description="Actual go-live date", examples=["2025-09-30"])
    at_risk_on: HistoryDay | None = Field(None, description="Date flagged at risk or paused", examples=[""])
    cancelled_on: HistoryDay | None = Field(None, description="Date cancelled", examples=[""])
    planned_go_live: HistoryDay = Field(description="Planned go-live date", examples=["2025-06-01"])
    forecast_go_live: HistoryDay | None = Field(None, description="Current forecast go-live (work in flight)", examples=[""])

    @model_validator(mode="after")
    def _dates(self) -> EngagementRow:
        order = [("discovery_on", self.discovery_on), ("agreement_on", self.agreement_on),
                 ("implementing_on", self.implementing_on), ("operational_on", self.operational_on)]
        seen = [(n, d) for n, d in order if d is not None]
        if any(d is not None and seen_before is None for (_, seen_before), (_, d) in zip(order, order[1:])):
            raise ValueError("stage dates must be filled in order: discovery, agreement, implementing, operational")
        for (n1, d1), (n2, d2) in zip(seen, seen[1:]):
            if d2 < d1:
                raise ValueError(f"{n2} ({d2}) is before {n1} ({d1})")
        for name, day in (("at_risk_on", self.at_risk_on), ("cancelled_on", self.cancelled_on)):
            if day is not None and day < self.discovery_on:
                raise ValueError(f"{name} ({day}) is before discovery_on ({self.discovery_on})")
        if self.operational_on and self.cancelled_on:
            raise ValueError("an engagement cannot be both operational and cancelled")
        required = {"operational": self.operational_on, "cancelled": self.cancelled_on,
                    "at_risk": self.at_risk_on, "implementing": self.implementing_on, "agreement": self.agreement_on}
        if self.stage in required and required[self.stage] is None:
            raise ValueError(f"stage {self.stage} needs the date that stage was entered")
        return self


class CostRow(Row):
    organization: Code = Field(description="Customer organization code", examples=["NPS"])
    solution: Code = Field(description="Solution code (the engagement must exist or be in this file)",
                           examples=["ARC-FM"])
    fiscal_year: FiscalYear = Field(description="Federal fiscal year (starts 1 October)", examples=["2026"])
    baseline_cost: Amount = Field(description="Legacy (baseline) cost that FY, US dollars", examples=["1000000"])
    run_cost: Amount = Field(description="Cost of running the function that FY, US dollars", examples=["700000"])
    migration_cost: Amount = Field(0.0, description="One-time migration cost that FY, US dollars; only in fiscal years "
                                                    "of the engagement's implementation period", examples=["0"])
    savings_type: SavingsType = Field(description="hard or avoidance", examples=["hard"])
    is_projected: Bool = Field(False, description="true for projections (required after the data-as-of date's FY)",
                               examples=["false"])


class MeasurementRow(Row):
    measure: Code = Field(description="Service measure code", examples=["FM-PROMPT"])
    solution: Code = Field(description="Solution code", examples=["ARC-FM"])
    organization: Code = Field(description="Customer organization code", examples=["NPS"])
    month: Day = Field(description="Month (YYYY-MM or the first day of the month)", examples=["2026-09"])
    value: MeasureValue = Field(description="Value in the measure's unit (percentages 0-100)", examples=["99.6"])
    reporting_unit: ReportingUnit = Field(1, description="Reporting site within the customer", examples=["1"])

    @field_validator("month")
    @classmethod
    def _first_of_month(cls, v: date) -> date:
        if v.day != 1:
            raise ValueError("must be the first day of a month (or write YYYY-MM)")
        return v


class SatisfactionRow(Row):
    solution: Code = Field(description="Solution code", examples=["ARC-FM"])
    organization: Code = Field(description="Customer organization code", examples=["NPS"])
    fiscal_year: FiscalYear = Field(description="Federal fiscal year", examples=["2026"])
    fiscal_quarter: Quarter = Field(description="Fiscal quarter 1-4 (Q1 = Oct-Dec)", examples=["1"])
    score: Score = Field(description="Mean score on the 7-point scale", examples=["5.6"])
    responses: Responses = Field(description="Number of responses", examples=["25"])


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    model: type[Row]
    key: tuple[str, ...]


# In dependency order: a dataset may refer to the ones before it.
DATASETS = [
    Dataset("organizations", "Organizations", OrganizationRow, ("code",)),
    Dataset("providers", "Providers", ProviderRow, ("code",)),
    Dataset("solutions", "Solutions", SolutionRow, ("code",)),
    Dataset("service_measures", "Service measures", MeasureRow, ("code",)),
    Dataset("engagements", "Engagements", EngagementRow, ("organization", "solution")),
    Dataset("costs", "Costs", CostRow, ("organization", "solution", "fiscal_year")),
    Dataset("measurements", "Measurements", MeasurementRow, ("measure", "solution", "organization", "month",
                                                              "reporting_unit")),
    Dataset("satisfaction", "Satisfaction", SatisfactionRow, ("solution", "organization", "fiscal_year",
                                                              "fiscal_quarter")),
]
BY_NAME = {d.name: d for d in DATASETS}


def columns(dataset: Dataset) -> list[str]:
    return list(dataset.model.model_fields)


def required_columns(dataset: Dataset) -> list[str]:
    return [n for n, f in dataset.model.model_fields.items() if f.is_required()]


def dictionary() -> list[dict[str, str]]:
    """The data dictionary: one entry per dataset column (type, allowed values, unit, required)."""
    out = []
    for ds in DATASETS:
        for name, field in ds.model.model_fields.items():
            annotation = str(field.annotation).replace("typing.", "").replace("<class '", "").replace("'>", "")
            allowed = ""
            if "Literal" in annotation:
                allowed = annotation[annotation.index("[") + 1:annotation.rindex("]")].replace("'", "")
                annotation = "text (one of the allowed values)"
            unit = "US dollars" if "US dollars" in (field.description or "") else ""
            out.append({"dataset": ds.name, "column": name, "type": _type_name(annotation), "required":
                        "yes" if field.is_required() else "no", "allowed values": allowed, "unit": unit,
                        "description": field.description or "", "example": (field.examples or [""])[0]})
    return out


def _type_name(annotation: str) -> str:
    for key, label in (("date", "date (YYYY-MM-DD)"), ("bool", "true/false"), ("float", "number"), ("int", "whole number"),
                       ("text", "text"), ("str", "text")):
        if key in annotation:
            return label
    return annotation
