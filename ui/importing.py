"""The import workflow on the Your Data page: upload, every problem listed, a preview of the changes, and a
commit in one transaction (the importer in data_access.importer does the work)."""

from __future__ import annotations

import streamlit as st

from charts.text import md
from data_access import ranges, settings
from data_access.importer import ImportFailed, ImportRejected, commit_import, plan_import
from data_access.importer.validate import problem_frame
from ui import components, state


def import_section(who: str) -> None:
    """Upload, validate, preview and commit a file; `who` is recorded in the import log."""
    upload = st.file_uploader(f"Upload a CSV or Excel file (up to {settings.current().max_import_mb:g} MB)",
                              type=["csv", "xlsx"], key="import-file")
    if upload is None:
        return
    name = md(upload.name, limit=120)
    as_of = st.date_input("Data as of", value=state.as_of(), min_value=ranges.EARLIEST_DAY,
                          max_value=ranges.LATEST_DAY, key="import-as-of",
                          help="The date the imported data describes; actual dates in the file may not be later.")
    plan = plan_import(state.engine(), upload.getvalue(), upload.name, as_of=as_of)
    if not plan.ok:
        st.error(f"**{len(plan.problems)} problem(s) in {name}. Nothing was written.** Fix them and upload the file "
                 f"again.", icon=":material/error:")
        components.table(plan.problem_frame(), key="problems", name="import problems")
        return
    if plan.changes == 0:
        st.success("Every row in this file is already stored: nothing to change.", icon=":material/check_circle:")
        st.dataframe(plan.summary(), hide_index=True)
        return
    st.markdown("**What this import will change**")
    st.dataframe(plan.summary(), hide_index=True)
    if st.button("Commit import", type="primary", icon=":material/upload:", key="import-commit"):
        try:
            result = commit_import(state.engine(), plan, as_of=as_of, imported_by=who)
        except ImportRejected as exc:
            st.error(f"**Nothing was written.** {md(str(exc), limit=300)}", icon=":material/error:")
            if exc.problems:
                components.table(problem_frame(exc.problems), key="rejected", name="import problems")
            return
        except ImportFailed:
            st.error("The database refused the import, so nothing was written. Check that the dashboard's database "
                     "user may write (a read-only role cannot import).", icon=":material/error:")
            return
        state.clear()  # every page shows the new numbers at once
        st.success(f"Imported {name}: {result.added} rows added, {result.updated} updated, {result.unchanged} "
                   f"unchanged.", icon=":material/check_circle:")
