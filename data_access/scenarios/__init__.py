"""The scenario planner's model: "if the remaining agencies migrate on this schedule, what do we save, when does
it pay back, and how close does that get us to OMB's $1.25B–$7.5B a year?"

- `scenario`: the `Scenario` value object (choices only; hashable).
- `assumptions`: the defaults observed in the database (`realized_engagements`, `adoption_candidates` queries and
  the pure `observed_assumptions`).
- `model`: the vectorised projection of a `Plan` (pure numpy) into a `ScenarioResult`.
- `planner`: `build_plan` (pure), `project_scenario` (queries + model), `current_projection`, `benchmark_scenario`.
- `params`: the URL codec (`to_params`, `parse_params`). `text`: the takeaway and method notes.

A page caches the three queries and recomputes `project(build_plan(...), current)` on each change.
"""

from data_access.scenarios.assumptions import (
    ADOPTION_CANDIDATES_COLUMNS,
    REALIZED_ENGAGEMENTS_COLUMNS,
    Assumption,
    MarketplaceAssumptions,
    adoption_candidates,
    observed_assumptions,
    realized_engagements,
)
from data_access.scenarios.model import (
    ASSUMPTION_COLUMNS,
    INPUT_LABELS,
    MIGRATION_COLUMNS,
    OMB_COLUMNS,
    SCENARIO_BY_FY_COLUMNS,
    SENSITIVITY_COLUMNS,
    Band,
    Plan,
    ScenarioResult,
    project,
)
from data_access.scenarios.params import ScenarioChoices, parse_params, to_params
from data_access.scenarios.planner import (
    CURRENT_PROJECTION_COLUMNS,
    benchmark_scenario,
    build_plan,
    current_projection,
    horizon,
    project_scenario,
)
from data_access.scenarios.scenario import Scenario, ScenarioError
from data_access.scenarios.text import METHOD_NOTES, omb_sentence, takeaway

__all__ = [
    "ADOPTION_CANDIDATES_COLUMNS", "ASSUMPTION_COLUMNS", "CURRENT_PROJECTION_COLUMNS", "INPUT_LABELS", "METHOD_NOTES",
    "MIGRATION_COLUMNS", "OMB_COLUMNS", "REALIZED_ENGAGEMENTS_COLUMNS", "SCENARIO_BY_FY_COLUMNS", "SENSITIVITY_COLUMNS",
    "Assumption", "Band", "MarketplaceAssumptions", "Plan", "Scenario", "ScenarioChoices", "ScenarioError",
    "ScenarioResult", "adoption_candidates", "benchmark_scenario", "build_plan", "current_projection", "horizon",
    "observed_assumptions", "omb_sentence", "parse_params", "project", "project_scenario", "realized_engagements",
    "takeaway", "to_params",
]
