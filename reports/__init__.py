"""Documents generated from the data layer: the executive brief (PDF and PowerPoint)."""
