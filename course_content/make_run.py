#!/usr/bin/env python3
"""Start a new run of the course (e.g. a translated run) from an existing OLX course folder.

Copies the course and renames everything that carries the run name, so the copy imports into
Studio as its own run: course.xml's url_name, course/<run>.xml, policies/<run>/ and the
"course/<run>" key of policy.json; sets the run's language (and display name if given). Every
url_name stays the same, so the competence mapping and the self-check links keep working.
The texts are then translated by hand (see docs/course_teams/translated_runs.md).

Usage:
    python course_content/make_run.py --run 2026_it --language it \\
        [--source course_content/wise-innovation] [--target course_content/wise-innovation-it] \\
        [--display-name "Innovazione nelle WISE"]
"""

import argparse
import json
import os
import re
import shutil
import sys

from lxml import etree

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SOURCE = os.path.join(HERE, "wise-innovation")
RUN_PATTERN = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")  # what Open edX accepts in a course key part
LANGUAGE_PATTERN = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")


class RunError(ValueError):
    """What is wrong with the request, in words a course team can act on."""


def make_run(source, target, run, language, display_name=None):
    """Create `target` from `source` as run `run` in `language`; return the new course key's parts."""
    if not RUN_PATTERN.match(run):
        raise RunError(f"run {run!r}: use 1-64 letters, digits, '_', '-' or '.' (e.g. 2026_it)")
    if not LANGUAGE_PATTERN.match(language):
        raise RunError(f"language {language!r}: use a language code such as it, sl, hr, pl, fr, nl, de")
    if os.path.exists(target):
        raise RunError(f"{target} already exists; choose another --target or remove it first")
    course_xml = os.path.join(source, "course.xml")
    if not os.path.isfile(course_xml):
        raise RunError(f"{source} has no course.xml")
    root = etree.parse(course_xml).getroot()
    old_run = root.get("url_name")
    if old_run == run:
        raise RunError(f"the source is already run {run!r}; a new run needs a new name")

    shutil.copytree(source, target)
    root.set("url_name", run)
    with open(os.path.join(target, "course.xml"), "wb") as handle:
        handle.write(etree.tostring(root) + b"\n")
    os.rename(os.path.join(target, "course", f"{old_run}.xml"), os.path.join(target, "course", f"{run}.xml"))
    os.rename(os.path.join(target, "policies", old_run), os.path.join(target, "policies", run))

    policy_path = os.path.join(target, "policies", run, "policy.json")
    with open(policy_path, encoding="utf-8") as handle:
        policy = json.load(handle)
    settings = policy.pop(f"course/{old_run}")
    settings["language"] = language
    if display_name:
        settings["display_name"] = display_name
    policy[f"course/{run}"] = settings
    with open(policy_path, "w", encoding="utf-8") as handle:
        json.dump(policy, handle, indent=2, ensure_ascii=False)
        handle.write("\n")
    return root.get("org"), root.get("course"), run


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--run", required=True, help="the new run name, e.g. 2026_it")
    parser.add_argument("--language", required=True, help="the run's language code, e.g. it")
    parser.add_argument("--source", default=DEFAULT_SOURCE)
    parser.add_argument("--target", help="default: the source folder name + '-' + language")
    parser.add_argument("--display-name", help="the course title in the new language")
    args = parser.parse_args(argv)
    target = args.target or f"{args.source.rstrip(os.sep)}-{args.language}"
    try:
        org, number, run = make_run(args.source, target, args.run, args.language, args.display_name)
    except RunError as error:
        print(f"make_run: {error}", file=sys.stderr)
        return 1
    print(
        f"make_run: created {target} as course-v1:{org}+{number}+{run} ({args.language}); "
        "now translate it (docs/course_teams/translated_runs.md)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
