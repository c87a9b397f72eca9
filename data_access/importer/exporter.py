"""Datasets out of the database in the templates' shape: for export (XLSX or CSV zip), for templates, and
for the importer's comparison with what is already stored. Exports re-import unchanged."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import numpy as np
import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from sqlalchemy import ColumnElement, Engine, select

from data_access.export import safe_csv
from data_access.filters import Filters
from data_access.importer.datasets import DATASETS, columns, dictionary
from data_access.sql import AnySelect, frame
from data_access.tables import (
    cost,
    engagement,
    marketplace,
    measurement,
    organization,
    provider,
    satisfaction,
    service_measure,
    solution,
)

SheetFrames = dict[str, pd.DataFrame]


def _facts(stmt: AnySelect, f: Filters | None, org_col: ColumnElement[Any], solutions: tuple[str, ...],
           fy_col: ColumnElement[Any] | None = None) -> AnySelect:
    stmt = stmt.join(provider, solution.c.provider_id == provider.c.id)
    if solutions:
        stmt = stmt.where(solution.c.code.in_(solutions))
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
    org, parent, sol, mk = organization, organization.alias("parent"), solution, marketplace
    stmt: AnySelect
    if name == "organizations":
        stmt = (select(org.c.code, org.c.name, org.c.kind, parent.c.code, org.c.is_cfo_act)
                .outerjoin(parent, org.c.parent_id == parent.c.id).order_by(org.c.code))
    elif name == "providers":
        stmt = (select(provider.c.code, provider.c.name, provider.c.provider_type, provider.c.home_agency)
                .order_by(provider.c.code))
    elif name == "solutions":
        stmt = (select(sol.c.code, sol.c.name, mk.c.code, provider.c.code, sol.c.service_area, sol.c.pricing_unit,
                       sol.c.unit_price, sol.c.description).join(mk, sol.c.marketplace_id == mk.c.id)
                .join(provider, sol.c.provider_id == provider.c.id).order_by(sol.c.code))
    elif name == "service_measures":
        m = service_measure
        stmt = (select(m.c.code, mk.c.code, m.c.name, m.c.unit, m.c.higher_is_better, m.c.target, m.c.near_margin,
                       m.c.source).join(mk, m.c.marketplace_id == mk.c.id).order_by(m.c.code))
    elif name == "engagements":
        e = engagement
        stmt = _facts(select(org.c.code, sol.c.code, e.c.stage, e.c.via_marketplace, e.c.discovery_on, e.c.agreement_on,
                             e.c.implementing_on, e.c.operational_on, e.c.at_risk_on, e.c.cancelled_on,
                             e.c.planned_go_live, e.c.forecast_go_live).select_from(e)
                      .join(org, e.c.organization_id == org.c.id).join(sol, e.c.solution_id == sol.c.id),
                      f, e.c.organization_id, solutions).order_by(org.c.code, sol.c.code)
    elif name == "costs":
        c, e = cost, engagement
        stmt = _facts(select(org.c.code, sol.c.code, c.c.fiscal_year, c.c.baseline_cost, c.c.run_cost,
                             c.c.migration_cost, c.c.savings_type, c.c.is_projected).select_from(c)
                      .join(e, c.c.engagement_id == e.c.id).join(org, e.c.organization_id == org.c.id)
                      .join(sol, e.c.solution_id == sol.c.id),
                      f, e.c.organization_id, solutions, c.c.fiscal_year).order_by(org.c.code, sol.c.code,
                                                                                   c.c.fiscal_year)
    elif name == "measurements":
        m, sm = measurement, service_measure
        stmt = _facts(select(sm.c.code, sol.c.code, org.c.code, m.c.month, m.c.value, m.c.reporting_unit)
                      .select_from(m).join(sm, m.c.measure_id == sm.c.id)
                      .join(sol, m.c.solution_id == sol.c.id).join(org, m.c.organization_id == org.c.id),
                      f, m.c.organization_id, solutions, m.c.fiscal_year).order_by(
            sm.c.code, sol.c.code, org.c.code, m.c.month, m.c.reporting_unit)
    elif name == "satisfaction":
        s = satisfaction
        stmt = _facts(select(sol.c.code, org.c.code, s.c.fiscal_year, s.c.fiscal_quarter, s.c.score, s.c.responses)
                      .select_from(s).join(sol, s.c.solution_id == sol.c.id).join(org, s.c.organization_id == org.c.id),
                      f, s.c.organization_id, solutions, s.c.fiscal_year).order_by(sol.c.code, org.c.code,
                                                                                   s.c.fiscal_year, s.c.fiscal_quarter)
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


def _xml_safe(value: object) -> object:
    """Text as a workbook can hold it: characters XML forbids (stored before the importer refused them) are written
    as escapes such as \\x1b instead of failing the whole export."""
    if isinstance(value, str) and ILLEGAL_CHARACTERS_RE.search(value):
        return ILLEGAL_CHARACTERS_RE.sub(lambda m: repr(m.group())[1:-1], value)
    return value


def to_xlsx(frames: SheetFrames) -> bytes:
    """A workbook with one sheet per dataset plus a 'Data dictionary' sheet. Every text cell is written as text,
    so a stored value that starts with '=' is never a live formula in the export."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, df in frames.items():
            df.map(_xml_safe).to_excel(writer, sheet_name=name, index=False)
        pd.DataFrame(dictionary()).to_excel(writer, sheet_name="Data dictionary", index=False)
        for sheet in writer.book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.data_type == "f":  # openpyxl makes any str starting with '=' a formula
                        cell.data_type = "s"
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
