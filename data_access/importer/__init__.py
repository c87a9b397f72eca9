"""Bring your own data: read, validate, plan and commit imports; export in the same shape.

Command line: `python -m data_access.importer FILE [--dry-run]`.
"""

from data_access.importer.apply import ImportResult, commit_import
from data_access.importer.errors import ImportFailed, ImportRejected
from data_access.importer.validate import ImportPlan, plan_import

__all__ = ["ImportFailed", "ImportPlan", "ImportRejected", "ImportResult", "commit_import", "plan_import"]
