"""Read an uploaded CSV or XLSX into raw string tables, one per dataset, reporting every problem found.

Nothing here touches the database. Cells are kept as text; the dataset models do the typing.

Workbooks are untrusted zip files of XML. Before openpyxl parses anything big, the archive is measured (parts,
unpacked size, compression ratio, the parts openpyxl loads whole) and every worksheet is scanned as a stream
(declared dimension, rows and columns actually used, order of rows and cells) within a deadline; a file that
exceeds a limit is refused with a problem, never parsed. No document type declarations (so no entity
expansion) are accepted, and openpyxl itself parses through defusedxml.
"""

from __future__ import annotations

import csv
import io
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import PurePath
from typing import Any
from xml.parsers import expat

import pandas as pd

from data_access import settings
from data_access.importer.cells import printable
from data_access.importer.datasets import BY_NAME, DATASETS, Dataset, columns, required_columns

MAX_ROWS = 1_000_000  # rows in one CSV or sheet, the header and blank rows included
MAX_COLUMNS = 200  # columns in one CSV or sheet (datasets have at most 12)
MAX_PARTS = 500  # files inside a workbook (a dataset workbook has about 20)
MAX_COMPRESSION_RATIO = 100  # unpacked / packed size of a part; real workbooks are about 5-15
RATIO_FLOOR_BYTES = 1024 * 1024  # parts smaller than this may compress as well as they like
MAX_SHARED_STRINGS_MB = 16  # the shared-strings table is loaded whole
MAX_OTHER_PARTS_MB = 4  # everything else openpyxl may load whole (workbook, styles, theme, ...), together
READ_SECONDS = 120.0  # wall time to read one file
IGNORED_SHEETS = {"data dictionary", "data_dictionary", "readme", "about"}
SHARED_STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
WORKSHEET_REL = "/worksheet"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file, precise enough for a person to fix it."""

    file: str
    sheet: str
    row: int | None  # spreadsheet row number (the header is row 1); None for whole-file problems
    column: str
    value: str
    problem: str

    def __post_init__(self) -> None:
        # Every field can echo the file; escape control and invisible characters once, here, for every reader.
        for name in ("file", "sheet", "column", "value", "problem"):
            object.__setattr__(self, name, printable(getattr(self, name)))


@dataclass
class RawTable:
    """One dataset's rows as read: text cells, with the spreadsheet row number of each."""

    dataset: Dataset
    sheet: str
    frame: pd.DataFrame  # columns as in the file, all text ("" for blank)
    row_numbers: list[int] = field(default_factory=list)


class Refused(Exception):
    """The file is refused: `problem` says why (raised inside the reader, always caught there)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.problem)
        self.problem = problem


def _problem(file: str, message: str, sheet: str = "", column: str = "", value: str = "",
             row: int | None = None) -> Problem:
    return Problem(file, sheet, row, column, value[:80], message)


def _mb(n_bytes: float) -> str:
    return f"{n_bytes / 1024 / 1024:,.1f} MB"


def _detail(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0][:120]}" if text else type(exc).__name__


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
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


# ---- CSV -----------------------------------------------------------------------------------------------
def _read_csv(data: bytes, file: str) -> tuple[list[RawTable], list[Problem]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return [], [_problem(file, f"the file is not UTF-8 text (byte {exc.start}); save it as 'CSV UTF-8' and try again")]
    if "\x00" in text:
        return [], [_problem(file, "the file contains binary data; expected a CSV text file")]
    if not text.strip():
        return [], [_problem(file, "the file is empty")]
    records = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    body: list[list[str]] = []
    numbers: list[int] = []
    problems: list[Problem] = []
    number = 0
    try:
        # Rows are numbered as a spreadsheet shows the file: one row per record (a quoted line break stays in its
        # row) and blank lines included.
        for number, record in enumerate(records, start=1):
            if header is None:
                if len(record) > MAX_COLUMNS:  # refuse before building one column per field
                    return [], [_problem(file, f"the header has {len(record):,} columns; a dataset has at most "
                                               f"{MAX_COLUMNS}", row=1)]
                header = [c.strip().lower() for c in record]
                continue
            if not any(v.strip() for v in record):
                continue
            if len(body) >= MAX_ROWS - 1:
                return [], [_problem(file, f"the file has more than {MAX_ROWS - 1:,} data rows; split it into several "
                                           f"files")]
            extra = next((v for v in record[len(header):] if v.strip()), None)
            if extra is not None:
                problems.append(_problem(file, f"this row has {len(record)} values but the header has {len(header)} "
                                               f"columns; remove the extra values or add a header", value=extra,
                                         row=number))
            values = [v.strip() for v in record[:len(header)]]
            body.append(values + [""] * (len(header) - len(values)))
            numbers.append(number)
    except csv.Error as exc:
        return [], [_problem(file, f"the CSV could not be parsed after row {number:,}: {_detail(exc)}", row=number + 1)]
    header = header or []
    dataset = _dataset_for_header(header, file)
    if dataset is None:
        return [], problems + [_problem(file, "cannot tell which dataset this is: name the file after it (e.g. "
                                              "costs.csv) or use a template's header row",
                                        column=", ".join(header)[:80])]
    frame = pd.DataFrame(body, columns=header, dtype=str)
    table = RawTable(dataset, "", frame, numbers)
    return [table], problems + _check_columns(table, file)


# ---- XLSX: the archive -----------------------------------------------------------------------------------
class _Deadline:
    def __init__(self, file: str, seconds: float) -> None:
        self.file, self.seconds, self.ends = file, seconds, time.monotonic() + seconds

    def check(self, sheet: str = "", row: int | None = None) -> None:
        if time.monotonic() > self.ends:
            raise Refused(_problem(self.file, f"reading the file took longer than {self.seconds:g} seconds, so it was "
                                              f"stopped; split it into smaller files", sheet, row=row))


def _no_dtd(*_args: object) -> None:
    raise expat.ExpatError("document type declarations are not accepted")


def _expat(start: Callable[[str, dict[str, str]], None]) -> expat.XMLParserType:
    """An expat parser that refuses DTDs (no entity can be declared, so none can expand)."""
    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = _no_dtd
    parser.EntityDeclHandler = _no_dtd
    parser.StartElementHandler = start
    return parser


class _Stop(Exception):
    pass


def _prolog_has_dtd(archive: zipfile.ZipFile, name: str) -> bool:
    """True when the part declares a DTD before its first element (the only place XML allows one)."""
    found: list[bool] = []

    def doctype(*_args: object) -> None:
        found.append(True)
        raise _Stop

    def first_element(*_args: object) -> None:
        raise _Stop

    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = doctype
    parser.StartElementHandler = first_element
    with archive.open(name) as src:
        try:
            while chunk := src.read(4096):
                parser.Parse(chunk, False)
        except _Stop:
            return bool(found)
        except expat.ExpatError:
            return False  # not XML (a picture, say): openpyxl only parses XML parts, and reports broken ones
    return False


def _stream(archive: zipfile.ZipFile, name: str, start: Callable[[str, dict[str, str]], None],
            end: Callable[[str], None] | None = None) -> None:
    """Feed one part through a DTD-refusing expat parser in small chunks (memory stays flat)."""
    parser = _expat(start)
    if end is not None:
        parser.EndElementHandler = end
    with archive.open(name) as src:
        while chunk := src.read(1 << 16):
            parser.Parse(chunk, False)
    parser.Parse(b"", True)


def _check_archive(archive: zipfile.ZipFile, file: str, limit_mb: float) -> tuple[dict[str, str], str | None]:
    """Measure the archive before anything big is parsed. Returns the worksheet parts (part name -> sheet title,
    found exactly as openpyxl finds them) and the shared-strings part. Raises Refused."""
    from openpyxl.packaging.manifest import Manifest
    from openpyxl.packaging.relationship import get_rels_path
    from openpyxl.reader.excel import _find_workbook_part
    from openpyxl.reader.workbook import WorkbookParser
    from openpyxl.xml.functions import fromstring

    infos = archive.infolist()
    sizes = {i.filename: i.file_size for i in infos}
    if "[Content_Types].xml" not in sizes or not any(n.startswith("xl/") for n in sizes):
        raise Refused(_problem(file, "not a valid Excel workbook (.xlsx); save it from Excel or use a template"))
    if len(infos) > MAX_PARTS:
        raise Refused(_problem(file, f"the workbook is made of {len(infos):,} files; a workbook of datasets needs at "
                                     f"most {MAX_PARTS}. Copy the dataset sheets into a new workbook."))
    unpacked = sum(sizes.values())
    if unpacked > limit_mb * 1024 * 1024:
        raise Refused(_problem(file, f"the workbook unpacks to {_mb(unpacked)}; the limit is {limit_mb:g} MB unpacked "
                                     f"(QSMO_MAX_IMPORT_MB). Split it into several files."))
    for i in infos:
        ratio = i.file_size / max(i.compress_size, 1)
        if i.file_size > RATIO_FLOOR_BYTES and ratio > MAX_COMPRESSION_RATIO:
            raise Refused(_problem(file, f"the part {i.filename} is compressed {ratio:,.0f} to 1 (more than "
                                         f"{MAX_COMPRESSION_RATIO} to 1), as zip bombs are; save the workbook again "
                                         f"from Excel", column=i.filename))
    for name in sizes:
        if _prolog_has_dtd(archive, name):
            raise Refused(_problem(file, f"the part {name} declares a document type (DTD); workbooks never need one, "
                                         f"and it can expand entities (an 'XML bomb')", column=name))
    other_limit = MAX_OTHER_PARTS_MB * 1024 * 1024

    def loaded_whole(name: str) -> None:
        if sizes.get(name, 0) > other_limit:
            raise Refused(_problem(file, f"the part {name} is {_mb(sizes[name])}; the limit is {MAX_OTHER_PARTS_MB} "
                                         f"MB. Copy the data into a new workbook.", column=name))

    try:
        loaded_whole("[Content_Types].xml")
        manifest = Manifest.from_tree(fromstring(archive.read("[Content_Types].xml")))
        workbook = _find_workbook_part(manifest).PartName[1:]
        loaded_whole(workbook)
        loaded_whole(get_rels_path(workbook))
        parser = WorkbookParser(archive, workbook, keep_links=False)
        parser.parse()
        sheets = {rel.target: sheet.name for sheet, rel in parser.find_sheets()
                  if rel.Type.endswith(WORKSHEET_REL) and rel.target in sizes}
        strings = manifest.find(SHARED_STRINGS_TYPE)
    except Refused:
        raise
    except Exception as exc:  # any parser error on an untrusted file is a problem to report
        raise Refused(_problem(file, f"not a valid Excel workbook: its workbook part is damaged ({_detail(exc)}); "
                                     f"save it again from Excel")) from exc
    strings_part: str | None = strings.PartName[1:] if strings is not None else None
    if strings_part is not None and sizes.get(strings_part, 0) > MAX_SHARED_STRINGS_MB * 1024 * 1024:
        raise Refused(_problem(file, f"the workbook's shared-strings table is {_mb(sizes[strings_part])}; the limit is "
                                     f"{MAX_SHARED_STRINGS_MB} MB. Split it into several files.", column=strings_part))
    others = {n: size for n, size in sizes.items() if n not in sheets and n != strings_part}
    if sum(others.values()) > other_limit:
        biggest = max(others, key=others.__getitem__)
        raise Refused(_problem(file, f"the workbook holds {_mb(sum(others.values()))} besides its sheets and shared "
                                     f"strings (the largest part is {biggest}, {_mb(others[biggest])}); the limit is "
                                     f"{MAX_OTHER_PARTS_MB} MB. Remove pictures, charts and formatting, or copy the data "
                                     f"into a new workbook.", column=biggest))
    return sheets, strings_part


# ---- XLSX: streaming scans -------------------------------------------------------------------------------
MAX_ROW_ELEMENTS = 10_000  # XML elements inside one row (cells, values, rich-text runs)
MAX_SHEET_EXTRAS = 50_000  # XML elements outside the rows (formatting, merges, validations, ...)
MAX_STRING_ELEMENTS = 1_000  # XML elements inside one shared string (rich-text runs)


def _local(name: str) -> str:
    return name.rpartition(":")[2]


class _SheetScan:
    """One worksheet part checked as it streams: the declared dimension, the rows (blank rows count) and
    columns actually used, rows and cells in ascending order, and the elements openpyxl would hold at once.
    Raises Refused at the first limit, so openpyxl only ever reads sheets that fit."""

    def __init__(self, file: str, sheet: str, deadline: _Deadline) -> None:
        self.file, self.sheet, self.deadline = file, sheet, deadline
        self.row = self.column = self.rows = self.in_row = self.extras = 0
        self.row_elements = 0

    def refuse(self, message: str, value: str = "", row: int | None = None, column: str = "") -> None:
        raise Refused(_problem(self.file, message, self.sheet, column, value, row=row))

    def start(self, name: str, attrs: dict[str, str]) -> None:
        local = _local(name)
        if local == "row":
            self._row(attrs.get("r"))
        elif self.in_row:
            self.row_elements += 1
            if self.row_elements > MAX_ROW_ELEMENTS:
                self.refuse(f"row {self.row:,} holds more than {MAX_ROW_ELEMENTS:,} XML elements; a dataset row needs "
                            f"far fewer. Copy the data into a new sheet.", row=self.row)
            if local == "c":
                self._cell(attrs.get("r"))
        else:
            self.extras += 1
            if self.extras > MAX_SHEET_EXTRAS:
                self.refuse(f"the sheet holds more than {MAX_SHEET_EXTRAS:,} formatting or other elements besides its "
                            f"cells; copy the data into a new sheet")
            if local == "dimension":
                self._dimension(attrs.get("ref", ""))

    def end(self, name: str) -> None:
        if _local(name) == "row":
            self.in_row = 0

    def _dimension(self, ref: str) -> None:
        from openpyxl.utils.cell import get_column_letter, range_boundaries

        try:
            _, _, max_col, max_row = range_boundaries(ref.replace("$", ""))
        except Exception:  # an unreadable declaration is ignored: the rows themselves are checked
            return
        if (max_col or 0) > MAX_COLUMNS or (max_row or 0) > MAX_ROWS:
            self.refuse(f"the sheet declares that it spans {ref[:40]} (to column {get_column_letter(max_col or 1)}, row "
                        f"{max_row or 0:,}); a dataset sheet has at most {MAX_COLUMNS} columns and {MAX_ROWS:,} rows. "
                        f"Delete the unused rows and columns, or copy the data into a new sheet.", value=ref)

    def _row(self, ref: str | None) -> None:
        number = self.row + 1
        if ref is not None:
            if not (ref.isascii() and ref.isdigit() and len(ref) <= 9):
                self.refuse("the sheet is damaged: a row number is not a whole number", value=ref, row=self.row + 1)
            number = int(ref)
        if number <= self.row:
            self.refuse(f"the sheet is damaged: row {number:,} comes after row {self.row:,}", value=ref or "", row=number)
        self.rows += 1
        if number > MAX_ROWS:
            self.refuse(f"the sheet reaches row {number:,}; a dataset sheet has at most {MAX_ROWS:,} rows, blank rows "
                        f"included. Delete the rows after the data.", row=number)
        if self.rows % 1024 == 0:
            self.deadline.check(self.sheet, number)
        self.row, self.column, self.in_row, self.row_elements = number, 0, 1, 0

    def _cell(self, ref: str | None) -> None:
        from openpyxl.utils.cell import coordinate_to_tuple, get_column_letter

        column = self.column + 1
        if ref is not None:
            try:
                row, column = coordinate_to_tuple(ref)
            except Exception:  # openpyxl would fail on it later; say where instead
                self.refuse("the sheet is damaged: a cell reference is not valid", value=ref, row=self.row)
            if row != self.row:
                self.refuse(f"the sheet is damaged: cell {ref} is stored in row {self.row:,}", value=ref, row=self.row)
        if column <= self.column:
            self.refuse(f"the sheet is damaged: its cells are out of order in row {self.row:,}", value=ref or "",
                        row=self.row)
        if column > MAX_COLUMNS:
            self.refuse(f"the sheet uses column {get_column_letter(min(column, 18278))}; a dataset sheet has at most "
                        f"{MAX_COLUMNS} columns (formatted empty cells count). Delete the columns after the data.",
                        value=ref or "", row=self.row, column=get_column_letter(min(column, 18278)))
        self.column = column


class _StringsScan:
    """The shared-strings part checked as it streams: no string may hold more than MAX_STRING_ELEMENTS elements
    (openpyxl builds each one whole)."""

    def __init__(self, file: str, deadline: _Deadline) -> None:
        self.file, self.deadline = file, deadline
        self.strings = self.elements = 0

    def start(self, name: str, _attrs: dict[str, str]) -> None:
        if _local(name) == "si":
            self.strings += 1
            self.elements = 0
            if self.strings % 1024 == 0:
                self.deadline.check()
            return
        self.elements += 1
        if self.elements > MAX_STRING_ELEMENTS:
            raise Refused(_problem(self.file, f"shared string {self.strings:,} holds more than {MAX_STRING_ELEMENTS:,} "
                                              f"formatting elements; copy the data into a new workbook"))


def _scan(archive: zipfile.ZipFile, part: str, scan: _SheetScan | _StringsScan, file: str, sheet: str = "") -> None:
    try:
        _stream(archive, part, scan.start, getattr(scan, "end", None))
    except expat.ExpatError as exc:
        row = getattr(scan, "row", 0) or None
        raise Refused(_problem(file, f"the {'sheet' if sheet else 'part ' + part} is damaged: its XML is not valid "
                                     f"({expat.ErrorString(exc.code)}, line {exc.lineno}); save it again from Excel",
                               sheet, row=row)) from exc


# ---- XLSX: reading -------------------------------------------------------------------------------------
def _read_xlsx(data: bytes, file: str, limit_mb: float, deadline: _Deadline) -> tuple[list[RawTable], list[Problem]]:
    import openpyxl

    if not openpyxl.DEFUSEDXML:
        return [], [_problem(file, "this server cannot read workbooks safely (openpyxl is not using defusedxml); "
                                   "upload CSV files, or ask the administrator to install defusedxml")]
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return [], [_problem(file, "not a valid Excel workbook (.xlsx); save it from Excel or use a template")]
    try:
        with archive:
            sheets, strings = _check_archive(archive, file, limit_mb)
            if strings is not None:
                _scan(archive, strings, _StringsScan(file, deadline), file)
            for part, title in sheets.items():
                _scan(archive, part, _SheetScan(file, title.strip(), deadline), file, title.strip())
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
    except Refused as refused:
        return [], [refused.problem]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError) as exc:
        return [], [_problem(file, f"not a valid Excel workbook (.xlsx): {_detail(exc)}; save it again from Excel")]
    except Exception as exc:  # any parser error on an untrusted file is a problem to report
        return [], [_problem(file, f"not a valid Excel workbook: a part is damaged ({_detail(exc)}); save it again "
                                   f"from Excel")]
    tables, problems = [], []
    try:
        for sheet in workbook.worksheets:
            name = sheet.title.strip()
            if name.lower() in IGNORED_SHEETS:
                continue
            dataset = BY_NAME.get(name.lower().replace(" ", "_"))
            if dataset is None:
                problems.append(_problem(file, f"unknown sheet; name sheets after a dataset: "
                                               f"{', '.join(d.name for d in DATASETS)}", name))
                continue
            table = _read_sheet(sheet, dataset, name, file, deadline, problems)
            if table is not None:
                problems += _check_columns(table, file)
                tables.append(table)
    except Refused as refused:
        return [], [refused.problem]
    finally:
        workbook.close()
    if not tables and not problems:
        problems.append(_problem(file, "the workbook has no dataset sheets"))
    return tables, problems


def _sheet_rows(sheet: Any) -> Iterator[tuple[int, Any]]:
    """(row number, cells) for every row, blank rows included, reading every stored row whatever the sheet's
    declared dimension says (openpyxl would stop at it and drop the rest)."""
    sheet.reset_dimensions()
    return enumerate(sheet.iter_rows(), start=1)


def _read_sheet(sheet: Any, dataset: Dataset, name: str, file: str, deadline: _Deadline,
                problems: list[Problem]) -> RawTable | None:
    from openpyxl.utils.cell import get_column_letter

    number = 0
    try:
        rows = _sheet_rows(sheet)
        first = next(rows, None)
        if first is None:
            problems.append(_problem(file, "the sheet is empty", name))
            return None
        number = 1
        header = [_cell(c.value).lower() for c in first[1]]
        while header and header[-1] == "":
            header.pop()
        body, numbers = [], []
        for number, cells in rows:
            if number % 1024 == 0:
                deadline.check(name, number)
            values, extra = [], None
            for index, c in enumerate(cells):
                column = header[index] if index < len(header) else get_column_letter(index + 1)
                if c.data_type == "f":
                    problems.append(_problem(file, "formulas are not accepted; paste the value instead", name, column,
                                             str(c.value), row=number))
                    text = ""
                else:
                    text = _cell(c.value)
                if index < len(header):
                    values.append(text)
                elif text and extra is None:
                    extra = (column, text)
            if extra is not None:
                problems.append(_problem(file, f"a value in column {extra[0]}, which has no header; add the header or "
                                               f"remove the value", name, extra[0], extra[1], row=number))
            values += [""] * (len(header) - len(values))
            if any(values):
                body.append(values)
                numbers.append(number)
    except Refused:
        raise
    except Exception as exc:  # a damaged sheet is reported with the row where reading stopped
        problems.append(_problem(file, f"the sheet could not be read after row {number:,} ({_detail(exc)}); save it "
                                       f"again from Excel", name, row=number + 1))
        return None
    return RawTable(dataset, name, pd.DataFrame(body, columns=header, dtype=str), numbers)


# ---- entry point ---------------------------------------------------------------------------------------
def read_file(data: bytes, file_name: str) -> tuple[list[RawTable], list[Problem]]:
    """Read a CSV (one dataset) or XLSX (one sheet per dataset); return the tables and every problem found.

    Never raises for any content: what cannot be read is a problem. The file name is echoed with its control
    and invisible characters escaped."""
    file = printable(PurePath(file_name).name)[:120] or "upload"
    limit = settings.current().max_import_mb
    if len(data) > limit * 1024 * 1024:
        return [], [_problem(file, f"the file is {len(data) / 1e6:,.1f} MB; the limit is {limit:g} MB "
                                   f"(QSMO_MAX_IMPORT_MB). Split it into several files.")]
    if not data:
        return [], [_problem(file, "the file is empty")]
    suffix = PurePath(file).suffix.lower()
    deadline = _Deadline(file, READ_SECONDS)
    if suffix == ".xlsx":
        return _read_xlsx(data, file, limit, deadline)
    if suffix in (".csv", ".txt"):
        return _read_csv(data, file)
    return [], [_problem(file, "unsupported file type; upload a .csv or .xlsx file")]
