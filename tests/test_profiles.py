"""Known-answer tests for agency profiles and the marketplace catalog on the hand-built fixture."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from data_access import marketplace, profiles
from data_access.filters import Filters
from tests.fixture_data import AS_OF

ALL = Filters(fy_from=2024, fy_to=2026)


def test_organization_info_rollup(fixture_engine):
    doi = profiles.organization_info(fixture_engine, "DOI")
    assert doi.kind == "department" and doi.components == (("NPS", "National Park Service"),
                                                             ("USGS", "U.S. Geological Survey"))
    nps = profiles.organization_info(fixture_engine, "NPS")
    assert (nps.parent_code, nps.department_code, nps.components) == ("DOI", "DOI", ())
    with pytest.raises(LookupError):
        profiles.organization_info(fixture_engine, "NOPE")


def test_engagement_timeline_rolls_up_and_respects_the_evaluation_date(fixture_engine):
    doi = profiles.engagement_timeline(fixture_engine, filters=Filters(fy_from=2024, fy_to=2026, organizations=("DOI",)),
                                       as_of=AS_OF)
    assert list(doi["organization"]) == ["DOI", "NPS", "USGS"]  # the department's own E4 and its components
    fy25 = profiles.engagement_timeline(fixture_engine, filters=Filters(fy_from=2024, fy_to=2025, organizations=("DOI",)),
                                        as_of=AS_OF)
    usgs = fy25[fy25["organization"] == "USGS"].iloc[0]  # on 2025-09-30 E2 was implementing, not yet live
    assert usgs["stage"] == "implementing" and pd.isna(usgs["operational_on"])
    assert "DOI" not in set(fy25["organization"])  # E4 started in 2026


def test_cfo_act_peer_ranks(fixture_engine):
    peers = profiles.cfo_act_peers(fixture_engine, filters=Filters(fy_from=2024, fy_to=2026, organizations=("NPS",)), as_of=AS_OF)
    doi = peers.set_index("department").loc["DOI"]
    hhs = peers.set_index("department").loc["HHS"]
    assert doi["breadth"] == 1  # NPS and USGS both use ARC-FM: one distinct solution
    # net (-500 + 300) + (-300 + 700) = 200 over baseline (1000 + 1000) + (2000 + 2000) = 6000
    assert doi["savings_share"] == pytest.approx(200 / 6000)
    assert doi["customer_satisfaction"] == pytest.approx(5.25)
    assert (doi["breadth_rank"], doi["savings_rank"], doi["satisfaction_rank"]) == (1, 1, 1)
    assert hhs["breadth"] == 0 and hhs["breadth_rank"] == 2
    assert math.isnan(hhs["savings_share"]) and str(hhs["savings_rank"]) == "<NA>"
    assert "FTC" not in set(peers["department"])  # independents are not CFO Act peers


def test_marketplace_summary_and_spend(fixture_engine):
    summary = marketplace.marketplace_summary(fixture_engine, filters=ALL, as_of=AS_OF).set_index("marketplace")
    assert summary.loc["FM", ["offerings", "providers", "customers"]].tolist() == [1, 1, 2]
    assert summary.loc["HR", ["offerings", "providers", "customers"]].tolist() == [2, 2, 0]
    spend = marketplace.marketplace_spend_by_fy(fixture_engine, filters=Filters(fy_from=2024, fy_to=2027), as_of=AS_OF)
    got = dict(zip(spend["fiscal_year"], spend["spend"]))
    # FY2024 E5 400 + 100; FY2025 E1 1000 + 500, E2 2000 + 300; FY2026 700 + 1300; FY2027 E1 700 (projected)
    assert got == {2024: 500, 2025: 3800, 2026: 2000, 2027: 700}
    assert list(spend["projected"]) == [False, False, False, True]


def test_solution_info_and_customers(fixture_engine):
    info = marketplace.solution_info(fixture_engine, "ARC-FM")
    assert (info.marketplace, info.provider_type, info.unit_price) == ("FM", "federal", 300.0)
    with pytest.raises(LookupError):
        marketplace.solution_info(fixture_engine, "NOPE")
    customers = marketplace.solution_customers(fixture_engine, filters=Filters(fy_from=2024, fy_to=2026, solutions=("ARC-FM",)),
                                               as_of=AS_OF)
    assert list(customers["organization"]) == ["NPS", "USGS", "FTC"]  # operational first, then the cancelled one
    assert list(customers["stage"]) == ["operational", "operational", "cancelled"]
