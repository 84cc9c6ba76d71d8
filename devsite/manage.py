#!/usr/bin/env python
"""Manage the devsite: the demo host that mounts the XBlock workbench and the wise_skills plugin."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devsite.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
