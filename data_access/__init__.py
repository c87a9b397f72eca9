"""The data layer: settings (the only reader of the environment), the engine, the models and their Core tables,
the `Filters` value object (the one road from filters to SQL), the range contract, fiscal-year rules, and typed
query functions that aggregate in SQL and return DataFrames with declared columns; also the importer.

May import: SQLAlchemy, SQLModel, pandas, numpy, pydantic, openpyxl and the standard library. Never Streamlit,
charts, ui, pages or reports: everything here runs, and is tested, without a browser.
"""
