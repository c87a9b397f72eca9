"""Pure Altair chart builders: DataFrame in, chart out. No Streamlit, no database."""
