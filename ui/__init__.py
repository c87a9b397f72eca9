"""Streamlit-side helpers: router, URL-bound filters, cached data access and shared components."""
