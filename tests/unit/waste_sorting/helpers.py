"""Small content builders shared by the waste-sorting tests."""

from wise_xblocks.waste_sorting.content import parse_content

BINS = [
    {"id": "paper", "name": "Paper", "colour": "#1f5fbf", "icon": "paper", "stream": "recycling"},
    {"id": "glass", "name": "Glass", "colour": "#2e8b3a", "icon": "glass", "stream": "recycling"},
    {"id": "centre", "name": "Collection centre", "colour": "#6a3d9a", "icon": "centre", "stream": "special"},
    {"id": "residual", "name": "Residual", "colour": "#6b6f76", "icon": "residual", "stream": "residual"},
]
ITEMS = [
    {"id": "newspaper", "name": "Newspaper", "bin": "paper", "weight": 200, "explanation": "Clean paper."},
    {"id": "jar", "name": "Jar", "bin": "glass", "weight": 300, "explanation": "Glass packaging."},
    {"id": "receipt", "name": "Receipt", "bin": "residual", "weight": 100, "explanation": "Thermal paper."},
    {"id": "battery", "name": "Battery", "bin": "centre", "weight": 400, "explanation": "Hazardous."},
]


def make_content(items=None, bins=None, intro=""):
    content, problems = parse_content({"bins": bins or BINS, "items": items or ITEMS, "intro": intro})
    assert not problems, problems.translated()
    return content
