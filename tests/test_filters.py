"""Fiscal-year rules, URL filter parsing and validation, CSV formula neutralisation."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from data_access import fiscal
from data_access.export import safe_csv
from data_access.filters import Catalog, FilterError, Filters, parse_filters, to_params

CAT = Catalog(organization_codes=frozenset({"DOI", "NPS", "HHS"}), marketplace_codes=frozenset({"FM", "HR"}),
              fy_min=2020, fy_max=2030, default_fy_to=2026)


@pytest.mark.parametrize(("day", "fy", "quarter"), [
    (date(2025, 9, 30), 2025, 4), (date(2025, 10, 1), 2026, 1), (date(2025, 12, 31), 2026, 1),
    (date(2026, 1, 1), 2026, 2), (date(2026, 6, 30), 2026, 3), (date(2026, 7, 1), 2026, 4),
])
def test_fiscal_year_and_quarter(day, fy, quarter):
    assert fiscal.fiscal_year_of(day) == fy
    assert fiscal.fiscal_quarter_of(day) == quarter


def test_fiscal_year_bounds():
    assert fiscal.fy_start(2026) == date(2025, 10, 1) and fiscal.fy_end(2026) == date(2026, 9, 30)


def test_parse_valid_params():
    f, problems = parse_filters({"agency": ["doi", "NPS"], "marketplace": ["FM"], "fy_from": ["FY2022"],
                                 "fy_to": ["2025"], "provider": ["federal"]}, CAT)
    assert problems == []
    assert f == Filters(fy_from=2022, fy_to=2025, organizations=("DOI", "NPS"), marketplaces=("FM",),
                        provider_type="federal")
    assert to_params(f, CAT) == {"agency": ["DOI", "NPS"], "marketplace": ["FM"], "fy_from": ["2022"],
                                 "fy_to": ["2025"], "provider": ["federal"]}


@pytest.mark.parametrize("params", [
    {"agency": ["XYZ"]}, {"agency": ["DOI'; DROP TABLE cost;--"]}, {"marketplace": ["<script>"]},
    {"fy_to": ["1999"]}, {"fy_from": ["abc"]}, {"provider": ["alien"]}, {"fy_from": ["2028"], "fy_to": ["2024"]},
])
def test_bad_params_are_dropped_with_a_message(params):
    f, problems = parse_filters(params, CAT)
    assert problems and all(isinstance(p, str) and len(p) < 200 for p in problems)
    assert set(f.organizations) <= CAT.organization_codes and set(f.marketplaces) <= CAT.marketplace_codes
    assert CAT.fy_min <= f.fy_from <= f.fy_to <= CAT.fy_max


def test_filters_reject_malformed_codes():
    with pytest.raises(FilterError):
        Filters(fy_from=2020, fy_to=2026, organizations=("x y",))
    with pytest.raises(FilterError):
        Filters(fy_from=2027, fy_to=2026)


def test_csv_neutralises_formulas():
    df = pd.DataFrame({"name": ["=HYPERLINK(\"x\")", "+1", "-cmd", "@SUM(A1)", "plain"], "value": [-1, 2, 3, 4, 5]})
    text = safe_csv(df).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'+1" in text and "'-cmd" in text and "'@SUM" in text
    assert "\nplain,5" in text.replace("\r", "") and ",-1" in text  # numbers untouched


def test_as_of_and_reported_through_labels():
    assert fiscal.as_of_label(date(2026, 9, 30)) == "30 Sep 2026 (FY2026 Q4)"
    assert fiscal.reported_through(2026, date(2026, 3, 31)) == "FY2026 Q2"  # open year: the as-of quarter
    assert fiscal.reported_through(2024, date(2026, 3, 31)) == "FY2024 Q4"  # a closed year is complete
