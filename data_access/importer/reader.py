"""Read an uploaded CSV or XLSX into raw string tables, one per dataset, reporting every problem found.

Nothing here touches the database. Cells are kept as text; the dataset models do the typing.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import PurePath

import pandas as pd

from data_access import settings
from data_access.importer.datasets import BY_NAME, DATASETS, Dataset, columns, required_columns

MAX_ROWS = 2_000_000
IGNORED_SHEETS = {"data dictionary", "data_dictionary", "readme", "about"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file, precise enough for a person to fix it."""

    file: str
    sheet: str
    row: int | None  # spreadsheet row number (the header is row 1); None for whole-file problems
    column: str
    value: str
    problem: str


@dataclass
class RawTable:
    """One dataset's rows as read: text cells, with the spreadsheet row number of each."""

    dataset: Dataset
    sheet: str
    frame: pd.DataFrame  # columns as in the file, all text ("" for blank)
    row_numbers: list[int] = field(default_factory=list)


def _problem(file: str, message: str, sheet: str = "", column: str = "", value: str = "", row=None) -> Problem:
    return Problem(file, sheet, row, column, value[:80], message)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _dataset_for_header(header: list[str], file_name: str) -> Dataset | None:
    stem = PurePath(file_name).stem.lower().replace("-", "_").replace(" ", "_")
    for ds in DATASETS:
        if stem == ds.name or stem.startswith(ds.name + "_"):
            return ds
    names = set(header)
    fits = [ds for ds in DATASETS if set(required_columns(ds)) <= names <= set(columns(ds))]
    return fits[0] if len(fits) == 1 else None


def _check_columns(table: RawTable, file: str) -> list[Problem]:
    problems = []
    header = list(table.frame.columns)
    allowed = set(columns(table.dataset))
    for col in header:
        if col not in allowed:
            problems.append(_problem(file, f"unknown column; {table.dataset.name} columns are: "
                                           f"{', '.join(columns(table.dataset))}", table.sheet, col, col, row=1))
    for col in required_columns(table.dataset):
        if col not in header:
            problems.append(_problem(file, "required column is missing", table.sheet, col, row=1))
    if len(set(header)) != len(header):
        problems.append(_problem(file, "a column name appears twice", table.sheet, row=1))
    if table.frame.empty:
        problems.append(_problem(file, "the sheet has a header but no data rows", table.sheet))
    return problems


def _read_csv(data: bytes, file: str) -> tuple[list[RawTable], list[Problem]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return [], [_problem(file, f"the file is not UTF-8 text (byte {exc.start}); save it as 'CSV UTF-8' and try again")]
    if "\x00" in text:
        return [], [_problem(file, "the file contains binary data; expected a CSV text file")]
    if not text.strip():
        return [], [_problem(file, "the file is empty")]
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, skipinitialspace=True)
    except (pd.errors.ParserError, csv.Error, ValueError) as exc:
        return [], [_problem(file, f"the CSV could not be parsed: {str(exc).splitlines()[0][:160]}")]
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    dataset = _dataset_for_header(list(frame.columns), file)
    if dataset is None:
        return [], [_problem(file, "cannot tell which dataset this is: name the file after it (e.g. costs.csv) or use "
                                   "a template's header row", column=", ".join(frame.columns)[:80])]
    table = RawTable(dataset, "", frame.map(lambda v: v.strip()), list(range(2, len(frame) + 2)))
    return [table], _check_columns(table, file)


def _read_xlsx(data: bytes, file: str) -> tuple[list[RawTable], list[Problem]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            if "[Content_Types].xml" not in z.namelist() or not any(n.startswith("xl/") for n in z.namelist()):
                raise zipfile.BadZipFile
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        return [], [_problem(file, "not a valid Excel workbook (.xlsx); save it from Excel or use a template")]
    tables, problems = [], []
    for sheet in workbook.worksheets:
        name = sheet.title.strip()
        if name.lower() in IGNORED_SHEETS:
            continue
        dataset = BY_NAME.get(name.lower().replace(" ", "_"))
        if dataset is None:
            problems.append(_problem(file, f"unknown sheet; name sheets after a dataset: "
                                           f"{', '.join(d.name for d in DATASETS)}", name))
            continue
        rows = sheet.iter_rows()
        header_cells = next(rows, None)
        if header_cells is None:
            problems.append(_problem(file, "the sheet is empty", name))
            continue
        header = [_cell(c.value).lower() for c in header_cells]
        while header and header[-1] == "":
            header.pop()
        body, numbers = [], []
        for cells in rows:
            values = []
            for col, c in zip(header, cells):
                if c.data_type == "f":
                    problems.append(_problem(file, "formulas are not accepted; paste the value instead", name, col,
                                             str(c.value), row=c.row))
                    values.append("")
                else:
                    values.append(_cell(c.value))
            values += [""] * (len(header) - len(values))
            if any(values):
                body.append(values)
                numbers.append(cells[0].row if cells else len(numbers) + 2)
            if len(body) > MAX_ROWS:
                problems.append(_problem(file, f"more than {MAX_ROWS:,} rows", name))
                break
        table = RawTable(dataset, name, pd.DataFrame(body, columns=header, dtype=str), numbers)
        problems += _check_columns(table, file)
        tables.append(table)
    workbook.close()
    if not tables and not problems:
        problems.append(_problem(file, "the workbook has no dataset sheets"))
    return tables, problems


def read_file(data: bytes, file_name: str) -> tuple[list[RawTable], list[Problem]]:
    """Read a CSV (one dataset) or XLSX (one sheet per dataset); return the tables and every problem found."""
    file = PurePath(file_name).name[:120] or "upload"
    limit = settings.current().max_import_mb
    if len(data) > limit * 1024 * 1024:
        return [], [_problem(file, f"the file is {len(data) / 1e6:,.1f} MB; the limit is {limit:g} MB "
                                   f"(QSMO_MAX_IMPORT_MB). Split it into several files.")]
    if not data:
        return [], [_problem(file, "the file is empty")]
    suffix = PurePath(file).suffix.lower()
    if suffix == ".xlsx":
        return _read_xlsx(data, file)
    if suffix in (".csv", ".txt"):
        return _read_csv(data, file)
    return [], [_problem(file, "unsupported file type; upload a .csv or .xlsx file")]
