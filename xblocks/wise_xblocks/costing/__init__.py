"""wise_costing: a guided costing exercise (tourism package, farm gross margin, reuse-shop pricing)."""

from .block import CostingXBlock

__all__ = ["CostingXBlock"]
