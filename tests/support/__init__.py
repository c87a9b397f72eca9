"""Real parts for tests (and the benchmark, which reuses them): a `streamlit run` server, a throwaway
PostgreSQL cluster, Chromium's launch settings and the presentation soak. Imports nothing from bench/."""
