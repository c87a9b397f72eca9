"""Your data: provenance and import history, templates, exports, and validated imports (admins only)."""

from __future__ import annotations

import streamlit as st

from charts.labels import provenance_sentence
from data_access import catalog
from data_access.filters import Filters
from data_access.importer.datasets import dictionary
from data_access.importer.exporter import export_frames, template_frames, to_csv_zip, to_xlsx
from ui import auth, components, state
from ui.filters import describe
from ui.importing import import_section
from ui.router import serve

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def render(filters: Filters) -> None:
    components.page_header("Your data", "Where the numbers come from, and how to load your own.", filters)
    st.markdown(provenance_sentence(state.provenance()))
    st.subheader("Import history")
    history = state.lookup(catalog.import_history)
    if history.empty:
        st.caption("No imports yet.")
    else:
        components.table(history, key="history", name="import history")

    st.subheader("Templates")
    st.markdown("Each dataset has a header row and one example row; the data dictionary lists every column's type, "
                "allowed values, unit and whether it is required. Fill one dataset per CSV file (named after it, "
                "e.g. `costs.csv`), or one sheet per dataset in a workbook.")
    t1, t2 = st.columns(2)
    t1.download_button("Templates (.xlsx)", data=to_xlsx(template_frames()), file_name="qsmo-templates.xlsx",
                       mime=XLSX, on_click="ignore", icon=":material/download:", key="tpl-xlsx")
    t2.download_button("Templates (CSV, .zip)", data=to_csv_zip(template_frames()), file_name="qsmo-templates.zip",
                       mime="application/zip", on_click="ignore", icon=":material/download:", key="tpl-zip")
    with st.expander("Data dictionary", icon=":material/menu_book:"):
        st.dataframe(dictionary(), hide_index=True, width="stretch")

    st.subheader("Export")
    scope = st.radio("What to export", ["The whole database", "The current filtered view"], horizontal=True,
                     key="export-scope")
    narrow = filters if scope.startswith("The current") else None
    st.caption("Same shape as the templates, so an export re-imports unchanged. "
               + (f"Filtered view: {describe(filters)}; reference lists are exported whole." if narrow else ""))
    e1, e2 = st.columns(2)
    e1.download_button("Export (.xlsx)", data=lambda: to_xlsx(export_frames(state.engine(), narrow)),
                       file_name="qsmo-export.xlsx", on_click="ignore", icon=":material/download:", key="export-xlsx",
                       mime=XLSX)
    e2.download_button("Export (CSV, .zip)", data=lambda: to_csv_zip(export_frames(state.engine(), narrow)),
                       file_name="qsmo-export.zip", mime="application/zip", on_click="ignore",
                       icon=":material/download:", key="export-zip")

    st.subheader("Import")
    if auth.admin_gate():
        import_section(who="admin")


if __name__ == "__main__":
    serve(render)
