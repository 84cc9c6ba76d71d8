"""Sphinx configuration: Markdown pages (MyST), built with warnings as errors by `make docs`."""

import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "..", "plugin_app", "wise_skills", "__init__.py"), encoding="utf-8") as handle:
    release = re.search(r'__version__ = "([^"]+)"', handle.read()).group(1)

project = "openedx-wise"
author = "openedx-wise contributors"
version = release
extensions = ["myst_parser"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build"]
myst_heading_anchors = 3
html_theme = "alabaster"
suppress_warnings = ["myst.header"]
