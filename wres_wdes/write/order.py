"""Orders shared by the report and the charts: units nested under their parents,
and metric 1 categories in pay order."""

from __future__ import annotations

from ..classify.bands import BANDS, MEDICAL_SUBGROUPS
from ..results_nesting import ordered_units


def category_order(category: str) -> tuple[int, int, str]:
    """Sort key for metric 1 categories: bands in pay order, medical grades, clusters."""
    suffix = category.split("/", 1)[-1]
    order = [*BANDS, *MEDICAL_SUBGROUPS]
    if suffix in order:
        return (0, order.index(suffix), suffix)
    if suffix.startswith("cluster ") and suffix[8:].isdigit():
        return (1, int(suffix[8:]), suffix)
    return (2, 0, suffix)


__all__ = ["category_order", "ordered_units"]
