"""Reference lists (organizations, marketplaces, solutions) and provenance, for filters and labels."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import aliased

from data_access.filters import Catalog
from data_access.fiscal import fiscal_year_of
from data_access.models import Cost, Marketplace, Organization, Provenance, Provider, ServiceMeasure, Solution
from data_access.sql import frame

ORGANIZATIONS_COLUMNS = ["code", "name", "kind", "parent_code", "is_cfo_act"]
MARKETPLACES_COLUMNS = ["code", "name", "short_name", "lead_agency", "designated_on"]
SOLUTIONS_COLUMNS = ["code", "name", "marketplace", "provider", "provider_type", "service_area",
                     "pricing_unit", "unit_price"]


def organizations(engine: Engine) -> pd.DataFrame:
    """Every organization; one row each, departments first then their components, then independents."""
    parent = aliased(Organization)
    stmt = (select(Organization.code, Organization.name, Organization.kind, parent.code,
                   Organization.is_cfo_act)
            .outerjoin(parent, Organization.parent_id == parent.id)
            .order_by(func.coalesce(parent.name, Organization.name), Organization.parent_id.is_not(None),
                      Organization.name))
    return frame(engine, stmt, ORGANIZATIONS_COLUMNS)


def marketplaces(engine: Engine) -> pd.DataFrame:
    """Every marketplace, in designation order."""
    stmt = select(Marketplace.code, Marketplace.name, Marketplace.short_name, Marketplace.lead_agency,
                  Marketplace.designated_on).order_by(Marketplace.designated_on, Marketplace.code)
    return frame(engine, stmt, MARKETPLACES_COLUMNS)


def solutions(engine: Engine) -> pd.DataFrame:
    """Every solution with its marketplace and provider codes, sorted by marketplace then name."""
    stmt = (select(Solution.code, Solution.name, Marketplace.code, Provider.name, Provider.provider_type,
                   Solution.service_area, Solution.pricing_unit, Solution.unit_price)
            .join(Marketplace, Solution.marketplace_id == Marketplace.id)
            .join(Provider, Solution.provider_id == Provider.id)
            .order_by(Marketplace.code, Solution.name))
    return frame(engine, stmt, SOLUTIONS_COLUMNS)


@dataclass(frozen=True)
class DataProvenance:
    """Where the data came from and how fresh it is."""

    source: str  # "demo" or "imported"
    as_of: date
    loaded_at: datetime
    note: str

    @property
    def is_demo(self) -> bool:
        return self.source == "demo"


def provenance(engine: Engine) -> DataProvenance:
    """The provenance row (the latest if several). Raises LookupError when the database is empty."""
    with engine.connect() as conn:
        row = conn.execute(select(Provenance.source, Provenance.as_of, Provenance.loaded_at,
                                  Provenance.note).order_by(Provenance.id.desc()).limit(1)).first()
    if row is None:
        raise LookupError("the database holds no data yet")
    return DataProvenance(*row)


def load_catalog(engine: Engine) -> Catalog:
    """Valid filter values: organization and marketplace codes and the fiscal years with data."""
    with engine.connect() as conn:
        orgs = frozenset(conn.execute(select(Organization.code)).scalars())
        markets = frozenset(conn.execute(select(Marketplace.code)).scalars())
        fy_min, fy_max = conn.execute(select(func.min(Cost.fiscal_year), func.max(Cost.fiscal_year))).one()
    as_of_fy = fiscal_year_of(provenance(engine).as_of)
    fy_min = min(fy_min or as_of_fy, as_of_fy)
    fy_max = max(fy_max or as_of_fy, as_of_fy)
    return Catalog(organization_codes=orgs, marketplace_codes=markets, fy_min=fy_min, fy_max=fy_max,
                   default_fy_to=as_of_fy)


MEASURES_COLUMNS = ["marketplace", "measure", "unit", "higher_is_better", "target", "near_margin", "source"]


def service_measures(engine: Engine) -> pd.DataFrame:
    """Every service measure with its target and 'near' tolerance, by marketplace."""
    stmt = (select(Marketplace.code, ServiceMeasure.name, ServiceMeasure.unit, ServiceMeasure.higher_is_better,
                   ServiceMeasure.target, ServiceMeasure.near_margin, ServiceMeasure.source)
            .join(Marketplace, ServiceMeasure.marketplace_id == Marketplace.id)
            .order_by(Marketplace.designated_on, ServiceMeasure.name))
    return frame(engine, stmt, MEASURES_COLUMNS).astype({"higher_is_better": bool})


IMPORT_HISTORY_COLUMNS = ["imported_at", "file_name", "file_sha256", "imported_by", "rows_added", "rows_updated",
                          "rows_unchanged", "datasets"]


def import_history(engine: Engine, limit: int = 50) -> pd.DataFrame:
    """The most recent imports, newest first."""
    from sqlalchemy import inspect

    from data_access.models import ImportLog

    if not inspect(engine).has_table("import_log"):
        return pd.DataFrame(columns=IMPORT_HISTORY_COLUMNS)
    stmt = (select(ImportLog.imported_at, ImportLog.file_name, ImportLog.file_sha256, ImportLog.imported_by,
                   ImportLog.rows_added, ImportLog.rows_updated, ImportLog.rows_unchanged, ImportLog.datasets)
            .order_by(ImportLog.id.desc()).limit(limit))
    return frame(engine, stmt, IMPORT_HISTORY_COLUMNS)
