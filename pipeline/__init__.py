"""Union report extraction: records of money, headcounts and counts, each with
its union, programme and exact place in the raw text.

    from pipeline import extract, load
"""

from . import extensions  # noqa: F401  (registers the Doc/Span extensions)
from .extraction import extract
from .loading import load_pipeline as load
from .records import Record
from .values import MetricValue, parse_metric

__all__ = ["MetricValue", "Record", "extract", "load", "parse_metric"]
