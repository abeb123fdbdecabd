"""The Delft demo set behind ``zvkd demo``: deterministic, realistic, true to the 2023 report."""

from zvkd_desktop.services.demo.figures import DemoSummary, YearFigures
from zvkd_desktop.services.demo.generator import build_rows, build_world, fill_demo

__all__ = ["DemoSummary", "YearFigures", "build_rows", "build_world", "fill_demo"]
