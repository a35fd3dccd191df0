"""The HTML report: a map, a timeline, control bands and the event table with its evidence, in one offline file."""
from .contents import ReportFilters
from .page import ReportSummary, render_report, write_report

__all__ = ["ReportFilters", "ReportSummary", "render_report", "write_report"]
