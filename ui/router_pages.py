"""The app's pages (file, title, URL path, icon), shared by the router and presentation mode."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PAGES = [
    # file, title, url path, icon
    ("pages/overview.py", "Overview", "overview", ":material/dashboard:"),
    ("pages/adoption.py", "Adoption", "adoption", ":material/trending_up:"),
    ("pages/savings.py", "Cost Savings", "savings", ":material/savings:"),
    ("pages/performance.py", "Service Performance", "performance", ":material/speed:"),
    ("pages/agencies.py", "Agency Profiles", "agencies", ":material/account_balance:"),
    ("pages/marketplaces.py", "Marketplace Catalog", "marketplaces", ":material/storefront:"),
    ("pages/data.py", "Your Data", "data", ":material/database:"),
    ("pages/about.py", "Methodology", "about", ":material/menu_book:"),
]
PAGE_FILES = {path: file for file, _, path, _ in PAGES}
