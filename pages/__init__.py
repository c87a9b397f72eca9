"""One file per page: `render(filters)` reads data through `ui.state.query`, builds figures with `charts`, and
lays them out; it ends with `if __name__ == "__main__": serve(render)` (see ui/router.py for why).

May import: Streamlit, ui, charts and data_access query functions; never SQLAlchemy or pandas constructors
(tables are shaped in charts/). Streamlit ignores this file when it lists the folder.
"""
