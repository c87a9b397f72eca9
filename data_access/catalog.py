"""Reference lists (organizations, marketplaces, solutions) and provenance, for filters and labels."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd
from sqlalchemy import Engine, func, select

from data_access.filters import Catalog
from data_access.fiscal import fiscal_year_of
from data_access.sql import frame
from data_access.tables import cost, import_log, marketplace, organization, provider, service_measure, solution
from data_access.tables import provenance as provenance_table

ORGANIZATIONS_COLUMNS = ["code", "name", "kind", "parent_code", "is_cfo_act"]
MARKETPLACES_COLUMNS = ["code", "name", "short_name", "lead_agency", "designated_on"]
SOLUTIONS_COLUMNS = ["code", "name", "marketplace", "provider", "provider_type", "service_area",
                     "pricing_unit", "unit_price"]


def organizations(engine: Engine) -> pd.DataFrame:
    """Every organization; one row each, departments first then their components, then independents."""
    parent = organization.alias("parent")
    stmt = (select(organization.c.code, organization.c.name, organization.c.kind, parent.c.code,
                   organization.c.is_cfo_act)
            .outerjoin(parent, organization.c.parent_id == parent.c.id)
            .order_by(func.coalesce(parent.c.name, organization.c.name), organization.c.parent_id.is_not(None),
                      organization.c.name))
    return frame(engine, stmt, ORGANIZATIONS_COLUMNS)


def marketplaces(engine: Engine) -> pd.DataFrame:
    """Every marketplace, in designation order."""
    stmt = select(marketplace.c.code, marketplace.c.name, marketplace.c.short_name, marketplace.c.lead_agency,
                  marketplace.c.designated_on).order_by(marketplace.c.designated_on, marketplace.c.code)
    return frame(engine, stmt, MARKETPLACES_COLUMNS)


def solutions(engine: Engine) -> pd.DataFrame:
    """Every solution with its marketplace and provider codes, sorted by marketplace then name."""
    stmt = (select(solution.c.code, solution.c.name, marketplace.c.code, provider.c.name, provider.c.provider_type,
                   solution.c.service_area, solution.c.pricing_unit, solution.c.unit_price)
            .join(marketplace, solution.c.marketplace_id == marketplace.c.id)
            .join(provider, solution.c.provider_id == provider.c.id)
            .order_by(marketplace.c.code, solution.c.name))
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
        row = conn.execute(select(provenance_table.c.source, provenance_table.c.as_of, provenance_table.c.loaded_at,
                                  provenance_table.c.note).order_by(provenance_table.c.id.desc()).limit(1)).first()
    if row is None:
        raise LookupError("the database holds no data yet")
    return DataProvenance(*row)


def load_catalog(engine: Engine) -> Catalog:
    """Valid filter values: organization and marketplace codes and the fiscal years with data."""
    with engine.connect() as conn:
        orgs = frozenset(conn.execute(select(organization.c.code)).scalars())
        markets = frozenset(conn.execute(select(marketplace.c.code)).scalars())
        fy_min, fy_max = conn.execute(select(func.min(cost.c.fiscal_year), func.max(cost.c.fiscal_year))).one()
    as_of_fy = fiscal_year_of(provenance(engine).as_of)
    fy_min = min(fy_min or as_of_fy, as_of_fy)
    fy_max = max(fy_max or as_of_fy, as_of_fy)
    return Catalog(organization_codes=orgs, marketplace_codes=markets, fy_min=fy_min, fy_max=fy_max,
                   default_fy_to=as_of_fy)


MEASURES_COLUMNS = ["marketplace", "measure", "unit", "higher_is_better", "target", "near_margin", "source"]


def service_measures(engine: Engine) -> pd.DataFrame:
    """Every service measure with its target and 'near' tolerance, by marketplace."""
    stmt = (select(marketplace.c.code, service_measure.c.name, service_measure.c.unit, service_measure.c.higher_is_better,
                   service_measure.c.target, service_measure.c.near_margin, service_measure.c.source)
            .join(marketplace, service_measure.c.marketplace_id == marketplace.c.id)
            .order_by(marketplace.c.designated_on, service_measure.c.name))
    return frame(engine, stmt, MEASURES_COLUMNS).astype({"higher_is_better": bool})


IMPORT_HISTORY_COLUMNS = ["imported_at", "file_name", "file_sha256", "imported_by", "rows_added", "rows_updated",
                          "rows_unchanged", "datasets"]


def import_history(engine: Engine, limit: int = 50) -> pd.DataFrame:
    """The most recent imports, newest first."""
    from sqlalchemy import inspect


    if not inspect(engine).has_table("import_log"):
        return pd.DataFrame(columns=IMPORT_HISTORY_COLUMNS)
    stmt = (select(import_log.c.imported_at, import_log.c.file_name, import_log.c.file_sha256, import_log.c.imported_by,
                   import_log.c.rows_added, import_log.c.rows_updated, import_log.c.rows_unchanged, import_log.c.datasets)
            .order_by(import_log.c.id.desc()).limit(limit))
    return frame(engine, stmt, IMPORT_HISTORY_COLUMNS)
