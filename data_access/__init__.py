"""Data layer: models, engine, filters and typed query functions. Never imports Streamlit."""
