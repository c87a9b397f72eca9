"""What people see, built without Streamlit or a database: one module of figure builders per page (query frames
in, `Figure` out: chart, table, takeaway title, alt text), display formats, labels, highlight sentences and the
methodology text, shared by the pages, the executive brief and presentation mode.

May import: Altair, pandas and data_access's pure parts (constants, `Filters`, fiscal rules, dataclasses).
Never Streamlit, ui, pages or reports, and never a database connection or SQL.
"""
