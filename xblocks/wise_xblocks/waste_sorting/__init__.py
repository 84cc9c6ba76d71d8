"""Waste-sorting simulation XBlock (entry point wise_waste_sorting)."""

from .block import WasteSortingXBlock

__all__ = ["WasteSortingXBlock"]
