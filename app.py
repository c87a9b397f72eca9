"""QSMO Performance Dashboard: entry point. Run with `streamlit run app.py`."""

from ui.router import run_app

run_app()
