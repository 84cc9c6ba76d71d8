#!/usr/bin/env python3
"""Build the Studio-importable package of the WISE innovation course: dist/wise-innovation.tar.gz.

Studio's Import page takes a .tar.gz whose single top folder holds course.xml; Studio's own
exports name that folder `course/`, so we do too.

The archive is deterministic: the same course files give the same bytes (sorted entries, fixed
mtime, owner and permissions, gzip header without a timestamp), so a rebuilt package can be
compared with a released one and CI can tell when the course really changed.

Usage:
    python course_content/build_course.py [--course DIR] [--output FILE] [--no-check | --check-only]

Before packing, the course is checked with olxcleaner (when it is installed) allowing only our
own block tags; any error stops the build and is printed with the file that has it. (The
`edx-cleaner` command itself has no option to allow custom tags, so it reports each of our
blocks as UnexpectedTag: use --check-only for the same check with our three tags allowed.)
"""

import argparse
import gzip
import io
import os
import sys
import tarfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
DEFAULT_COURSE = os.path.join(HERE, "wise-innovation")
DEFAULT_OUTPUT = os.path.join(REPO, "dist", "wise-innovation.tar.gz")
TOP_FOLDER = "course"
# Our blocks are not known to olxcleaner: we allow exactly these tags (tests/olx parses them strictly).
CUSTOM_TAGS = ("wise_waste_sorting", "wise_costing", "wise_skills_check")
# 2026-01-01T00:00:00Z: a fixed timestamp for every entry (SOURCE_DATE_EPOCH overrides it).
FIXED_MTIME = int(os.environ.get("SOURCE_DATE_EPOCH", "1767225600"))
# Files that are never part of a course package.
SKIP_NAMES = {".DS_Store", "Thumbs.db", "__pycache__"}


def course_files(course_dir):
    """Relative paths of every file of the course, sorted so the archive order is stable."""
    found = []
    for root, dirs, files in os.walk(course_dir):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_NAMES and not d.startswith("."))
        for name in files:
            if name in SKIP_NAMES or name.startswith(".") or name.endswith(("~", ".pyc")):
                continue
            found.append(os.path.relpath(os.path.join(root, name), course_dir))
    return sorted(path.replace(os.sep, "/") for path in found)


def check_course(course_dir):
    """olxcleaner errors as printable lines ([] when clean); None when olxcleaner is not installed."""
    try:
        from olxcleaner.validate import validate
    except ImportError:
        return None
    _course, errorstore, _names = validate(course_dir, steps=8, allowed_xblocks=list(CUSTOM_TAGS))
    return [
        f"{error.__class__.__name__} ({error.filename}): {error.description}"
        for error in errorstore.errors
        if error.level_val >= 3
    ]  # 3 = ERROR, as `edx-cleaner` fails on


def _add(tar, arcname, data=None, is_dir=False):
    info = tarfile.TarInfo(arcname)
    info.mtime = FIXED_MTIME
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    if is_dir:
        info.type = tarfile.DIRTYPE
        info.mode = 0o755
        tar.addfile(info)
    else:
        info.mode = 0o644
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))


def build(course_dir=DEFAULT_COURSE, output=DEFAULT_OUTPUT):
    """Write the archive and return its path."""
    if not os.path.isfile(os.path.join(course_dir, "course.xml")):
        raise SystemExit(f"build_course: {course_dir} has no course.xml; pass --course <folder of course.xml>")
    files = course_files(course_dir)
    folders = sorted({"/".join(path.split("/")[:n]) for path in files for n in range(1, path.count("/") + 1)})
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        _add(tar, TOP_FOLDER, is_dir=True)
        entries = [(folder, True) for folder in folders] + [(path, False) for path in files]
        for rel, is_dir in sorted(entries):
            if is_dir:
                _add(tar, f"{TOP_FOLDER}/{rel}", is_dir=True)
            else:
                with open(os.path.join(course_dir, rel), "rb") as handle:
                    _add(tar, f"{TOP_FOLDER}/{rel}", data=handle.read())
    os.makedirs(os.path.dirname(os.path.abspath(output)), exist_ok=True)
    # gzip with mtime=0 and no file name in the header: the bytes depend on the content only.
    with open(output, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as zipped:
        zipped.write(buffer.getvalue())
    return output


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--course", default=DEFAULT_COURSE, help="folder that holds course.xml")
    parser.add_argument("--output", default=DEFAULT_OUTPUT, help="where to write the .tar.gz")
    parser.add_argument("--no-check", action="store_true", help="skip the olxcleaner check")
    parser.add_argument(
        "--check-only", action="store_true", help="run the olxcleaner check (our block tags allowed) and build nothing"
    )
    args = parser.parse_args(argv)
    if args.check_only:
        errors = check_course(args.course)
        if errors is None:
            print("build_course: olxcleaner is not installed (pip install olxcleaner).", file=sys.stderr)
            return 1
        for line in errors:
            print("  " + line, file=sys.stderr)
        print(f"build_course: {len(errors)} olxcleaner error(s) in {args.course}")
        return 1 if errors else 0
    if not args.no_check:
        errors = check_course(args.course)
        if errors is None:
            print(
                "build_course: olxcleaner is not installed, so the course was not checked "
                "(pip install olxcleaner, or pass --no-check to silence this).",
                file=sys.stderr,
            )
        elif errors:
            print("build_course: the course has errors; nothing was built:", file=sys.stderr)
            for line in errors:
                print("  " + line, file=sys.stderr)
            return 1
    path = build(args.course, args.output)
    print(
        f"build_course: wrote {os.path.relpath(path)} ({os.path.getsize(path)} bytes); "
        "import it in Studio under Tools > Import."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
