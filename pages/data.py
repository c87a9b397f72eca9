"""Your data: provenance and import history, templates, exports, and validated imports (admins only)."""

from ui.router import ensure_router

ensure_router()

from datetime import date  # noqa: E402

import streamlit as st  # noqa: E402

from data_access import catalog, settings  # noqa: E402
from data_access.importer import ImportFailed, ImportRejected, commit_import, plan_import  # noqa: E402
from data_access.importer.datasets import dictionary  # noqa: E402
from data_access.importer.exporter import export_frames, template_frames, to_csv_zip, to_xlsx  # noqa: E402
from ui import auth, components, state  # noqa: E402
from ui.filters import describe  # noqa: E402

f = st.session_state["filters"]
components.page_header("Your data", "Where the numbers come from, and how to load your own.", f)

# ---- provenance and history ---------------------------------------------------------------------
prov = state.provenance()
kind = {"demo": "generated demo data", "imported": "imported data",
        "mixed": "demo data with imported additions (illustrative)"}[prov.source]
st.markdown(f"This database holds **{kind}**, as of **{prov.as_of:%d %b %Y}**; last loaded "
            f"{prov.loaded_at:%d %b %Y %H:%M} UTC.")
history = state.query_value(catalog.import_history)
st.subheader("Import history")
if history.empty:
    st.caption("No imports yet.")
else:
    st.dataframe(history, hide_index=True, width="stretch")

# ---- templates ------------------------------------------------------------------------------------
st.subheader("Templates")
st.markdown("Each dataset has a header row and one example row; the data dictionary lists every column's type, "
            "allowed values, unit and whether it is required. Fill one dataset per CSV file (named after it, "
            "e.g. `costs.csv`), or one sheet per dataset in a workbook.")
t1, t2 = st.columns(2)
t1.download_button("Templates (.xlsx)", data=to_xlsx(template_frames()), file_name="qsmo-templates.xlsx",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", on_click="ignore",
                   icon=":material/download:", key="tpl-xlsx")
t2.download_button("Templates (CSV, .zip)", data=to_csv_zip(template_frames()), file_name="qsmo-templates.zip",
                   mime="application/zip", on_click="ignore", icon=":material/download:", key="tpl-zip")
with st.expander("Data dictionary", icon=":material/menu_book:"):
    st.dataframe(dictionary(), hide_index=True, width="stretch")

# ---- export -----------------------------------------------------------------------------------------
st.subheader("Export")
scope = st.radio("What to export", ["The whole database", "The current filtered view"], horizontal=True,
                 key="export-scope")
narrow = f if scope.startswith("The current") else None
st.caption("Same shape as the templates, so an export re-imports unchanged. "
           + (f"Filtered view: {describe(f)}; reference lists are exported whole." if narrow else ""))
e1, e2 = st.columns(2)
e1.download_button("Export (.xlsx)", data=lambda: to_xlsx(export_frames(state.engine(), narrow)),
                   file_name="qsmo-export.xlsx", on_click="ignore", icon=":material/download:", key="export-xlsx",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
e2.download_button("Export (CSV, .zip)", data=lambda: to_csv_zip(export_frames(state.engine(), narrow)),
                   file_name="qsmo-export.zip", mime="application/zip", on_click="ignore",
                   icon=":material/download:", key="export-zip")

# ---- import -------------------------------------------------------------------------------------------
st.subheader("Import")
if auth.admin_gate():
    upload = st.file_uploader(f"Upload a CSV or Excel file (up to {settings.current().max_import_mb:g} MB)", type=["csv", "xlsx"],
                              key="import-file")
    if upload is not None:
        data = upload.getvalue()
        plan = plan_import(state.engine(), data, upload.name)
        if not plan.ok:
            st.error(f"**{len(plan.problems)} problem(s) in {upload.name}. Nothing was written.** Fix them and "
                     f"upload the file again.", icon=":material/error:")
            problems = plan.problem_frame()
            st.dataframe(problems, hide_index=True, width="stretch")
            st.download_button("Download the problems (CSV)", data=components.safe_csv(problems),
                               file_name="import-problems.csv", mime="text/csv", on_click="ignore", key="problems-csv")
        elif plan.changes == 0:
            st.success("Every row in this file is already stored: nothing to change.", icon=":material/check_circle:")
            st.dataframe(plan.summary(), hide_index=True)
        else:
            st.markdown("**What this import will change**")
            st.dataframe(plan.summary(), hide_index=True)
            as_of = st.date_input("Data as of", value=prov.as_of, max_value=date(2100, 1, 1), key="import-as-of")
            if st.button("Commit import", type="primary", icon=":material/upload:", key="import-commit"):
                try:
                    result = commit_import(state.engine(), plan, as_of=as_of, imported_by="admin")
                except (ImportRejected, ImportFailed):
                    st.error("The database refused the import, so nothing was written. Check that the dashboard's "
                             "database user may write (a read-only role cannot import).", icon=":material/error:")
                else:
                    st.cache_data.clear()  # every page shows the new numbers at once
                    st.success(f"Imported {upload.name}: {result.added} rows added, {result.updated} updated, "
                               f"{result.unchanged} unchanged.", icon=":material/check_circle:")
