"""Packaging for openedx-wise: WISE XBlocks and the wise_skills Open edX plugin app.

Two import packages live in two source folders (xblocks/ and plugin_app/) so that the
repository keeps the roles of the design card while each import name stays unique in a
shared Open edX virtualenv.
"""

import os
import re

from setuptools import find_packages, setup

HERE = os.path.dirname(os.path.abspath(__file__))


def read(*parts):
    with open(os.path.join(HERE, *parts), encoding="utf-8") as handle:
        return handle.read()


def version():
    match = re.search(r'^__version__ = "([^"]+)"', read("plugin_app", "wise_skills", "__init__.py"), re.M)
    return match.group(1)


def requirements(name):
    """Install requirements are the ranges in requirements/<name>.in (no exact pins)."""
    lines = read("requirements", name).splitlines()
    return [line.split("#")[0].strip() for line in lines if line.split("#")[0].strip() and not line.startswith("-")]


SOURCE_ROOTS = {"wise_xblocks": "xblocks", "wise_skills": "plugin_app", "wise_tutor": "plugin_app"}


def packages():
    found = []
    for top, root in SOURCE_ROOTS.items():
        found += [p for p in find_packages(root) if p == top or p.startswith(top + ".")]
    return found


def package_dir():
    mapping = {}
    for package in packages():
        top = package.split(".")[0]
        mapping[package] = os.path.join(SOURCE_ROOTS[top], *package.split("."))
    return mapping


# Blocks register here as they land; the workbench and the LMS discover them through this group.
XBLOCKS = [
    "wise_waste_sorting = wise_xblocks.waste_sorting:WasteSortingXBlock",
    "wise_skills_check = wise_xblocks.skills_check:SkillsCheckXBlock",
    "wise_costing = wise_xblocks.costing:CostingXBlock",
]

setup(
    name="openedx-wise",
    version=version(),
    description="Open edX XBlocks and skills-gap reporting for Work Integration Social Enterprises (WISEs)",
    long_description=read("README.md"),
    long_description_content_type="text/markdown",
    license="AGPL-3.0",
    url="https://example.invalid/openedx-wise",
    python_requires=">=3.11",
    packages=packages(),
    package_dir=package_dir(),
    include_package_data=True,
    zip_safe=False,
    install_requires=requirements("base.in"),
    entry_points={
        "xblock.v1": XBLOCKS,
        "lms.djangoapp": [
            "wise_skills = wise_skills.apps:WiseSkillsConfig",
            "wise_credentials = wise_skills.credentials.apps:WiseCredentialsConfig",
        ],
        "cms.djangoapp": [
            "wise_skills = wise_skills.apps:WiseSkillsConfig",
            "wise_credentials = wise_skills.credentials.apps:WiseCredentialsConfig",
        ],
        "tutor.plugin.v1": ["wise = wise_tutor.plugin"],
    },
    classifiers=[
        "Framework :: Django",
        "Framework :: Django :: 4.2",
        "Framework :: Django :: 5.2",
        "License :: OSI Approved :: GNU Affero General Public License v3",
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.12",
    ],
)
