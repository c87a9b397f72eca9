"""Datasets out of the database in the templates' shape: for export (XLSX or CSV zip), for templates, and
for the importer's comparison with what is already stored. Exports re-import unchanged."""

from __future__ import annotations

import io
import zipfile

import numpy as np
import pandas as pd
from sqlalchemy import Engine, select
from sqlalchemy.orm import aliased

from data_access.export import safe_csv
from data_access.filters import Filters
from data_access.importer.datasets import DATASETS, columns, dictionary
from data_access.models import (
    Cost,
    Engagement,
    Marketplace,
    Measurement,
    Organization,
    Provider,
    Satisfaction,
    ServiceMeasure,
    Solution,
)
from data_access.sql import frame

SheetFrames = dict[str, pd.DataFrame]


def _facts(stmt, f: Filters | None, org_col, solutions: tuple[str, ...], fy_col=None):
    stmt = stmt.join(Provider, Solution.provider_id == Provider.id)
    if solutions:
        stmt = stmt.where(Solution.code.in_(solutions))
    if f is not None:
        stmt = stmt.where(*f.clauses(org_col))
        if fy_col is not None:
            stmt = stmt.where(fy_col.between(f.fy_from, f.fy_to))
    return stmt


def dataset_frame(engine: Engine, name: str, f: Filters | None = None, solutions: tuple[str, ...] = ()) -> pd.DataFrame:
    """One dataset as stored, with the template's columns and Python values (dates, floats, bools).

    `f` narrows fact datasets to the filters (reference datasets are always whole); `solutions` narrows
    fact datasets to those solution codes.
    """
    org, parent, sol, mk = Organization, aliased(Organization), Solution, Marketplace
    if name == "organizations":
        stmt = (select(org.code, org.name, org.kind, parent.code, org.is_cfo_act)
                .outerjoin(parent, org.parent_id == parent.id).order_by(org.code))
    elif name == "providers":
        stmt = select(Provider.code, Provider.name, Provider.provider_type, Provider.home_agency).order_by(Provider.code)
    elif name == "solutions":
        stmt = (select(sol.code, sol.name, mk.code, Provider.code, sol.service_area, sol.pricing_unit, sol.unit_price,
                       sol.description).join(mk, sol.marketplace_id == mk.id)
                .join(Provider, sol.provider_id == Provider.id).order_by(sol.code))
    elif name == "service_measures":
        m = ServiceMeasure
        stmt = (select(m.code, mk.code, m.name, m.unit, m.higher_is_better, m.target, m.near_margin, m.source)
                .join(mk, m.marketplace_id == mk.id).order_by(m.code))
    elif name == "engagements":
        e = Engagement
        stmt = _facts(select(org.code, sol.code, e.stage, e.via_marketplace, e.discovery_on, e.agreement_on,
                             e.implementing_on, e.operational_on, e.at_risk_on, e.cancelled_on, e.planned_go_live,
                             e.forecast_go_live).select_from(e).join(org, e.organization_id == org.id)
                      .join(sol, e.solution_id == sol.id), f, e.organization_id, solutions).order_by(org.code, sol.code)
    elif name == "costs":
        c, e = Cost, Engagement
        stmt = _facts(select(org.code, sol.code, c.fiscal_year, c.baseline_cost, c.run_cost, c.migration_cost,
                             c.savings_type, c.is_projected).select_from(c).join(e, c.engagement_id == e.id)
                      .join(org, e.organization_id == org.id).join(sol, e.solution_id == sol.id),
                      f, e.organization_id, solutions, c.fiscal_year).order_by(org.code, sol.code, c.fiscal_year)
    elif name == "measurements":
        m = Measurement
        stmt = _facts(select(ServiceMeasure.code, sol.code, org.code, m.month, m.value, m.reporting_unit)
                      .select_from(m).join(ServiceMeasure, m.measure_id == ServiceMeasure.id)
                      .join(sol, m.solution_id == sol.id).join(org, m.organization_id == org.id),
                      f, m.organization_id, solutions, m.fiscal_year).order_by(
            ServiceMeasure.code, sol.code, org.code, m.month, m.reporting_unit)
    elif name == "satisfaction":
        s = Satisfaction
        stmt = _facts(select(sol.code, org.code, s.fiscal_year, s.fiscal_quarter, s.score, s.responses)
                      .select_from(s).join(sol, s.solution_id == sol.id).join(org, s.organization_id == org.id),
                      f, s.organization_id, solutions, s.fiscal_year).order_by(sol.code, org.code, s.fiscal_year,
                                                                               s.fiscal_quarter)
    else:
        raise KeyError(name)
    ds = next(d for d in DATASETS if d.name == name)
    return frame(engine, stmt, columns(ds))


def _presentable(df: pd.DataFrame) -> pd.DataFrame:
    """Cells as a person writes them: true/false, ISO dates, blanks for missing."""
    out = df.astype(object)
    for col in out.columns:
        values = out[col].dropna()
        if len(values) and all(isinstance(v, bool | np.bool_) for v in values):
            out[col] = out[col].map(lambda v: "" if v is None else ("true" if v else "false"))
    return out.where(out.notna(), "")


def export_frames(engine: Engine, f: Filters | None = None) -> SheetFrames:
    """Every dataset (fact datasets narrowed to `f` when given), ready to write."""
    return {ds.name: _presentable(dataset_frame(engine, ds.name, f)) for ds in DATASETS}


def to_xlsx(frames: SheetFrames) -> bytes:
    """A workbook with one sheet per dataset plus a 'Data dictionary' sheet."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, df in frames.items():
            df.to_excel(writer, sheet_name=name, index=False)
        pd.DataFrame(dictionary()).to_excel(writer, sheet_name="Data dictionary", index=False)
    return buffer.getvalue()


def to_csv_zip(frames: SheetFrames) -> bytes:
    """A zip of one CSV per dataset plus data_dictionary.csv."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, df in frames.items():
            z.writestr(f"{name}.csv", safe_csv(df))
        z.writestr("data_dictionary.csv", safe_csv(pd.DataFrame(dictionary())))
    return buffer.getvalue()


def template_frames() -> SheetFrames:
    """Each dataset's header and one example row (from the models' examples)."""
    out = {}
    for ds in DATASETS:
        fields = ds.model.model_fields
        out[ds.name] = pd.DataFrame([{n: (f.examples or [""])[0] for n, f in fields.items()}], columns=list(fields))
    return out
