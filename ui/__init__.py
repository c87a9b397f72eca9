"""The Streamlit side: the router (page config, filters, navigation), URL-bound filters, cached query calls
(`state.query`), shared components that render figures and tables, presentation mode, the brief downloads,
sign-in and the import workflow.

May import: Streamlit and every layer below it (data_access, charts, reports, seed); never pages.
"""
