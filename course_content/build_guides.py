#!/usr/bin/env python3
"""Build the printable facilitator guides: course_content/facilitator/module-<n>.md -> HTML (and PDF).

Output (default dist/guides/): one self-contained HTML file per module with its own print CSS
(A4, large type, no web fonts, nothing loaded from the network), an index.html, and a PDF per
module printed by headless Chromium when it is installed. Without Chromium the HTML is still
built and the script says how to get PDFs (print the HTML from any browser, or install chromium).

The guides are written in a small, documented subset of Markdown (see MarkdownSubset), converted
here without a third-party package so the build runs anywhere Python runs; anything outside the
subset is an error naming the file and line, never silently mangled.

Usage:
    python course_content/build_guides.py [--source DIR] [--output DIR] [--no-pdf] [--lang it --sections ...]
"""

import argparse
import glob
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
DEFAULT_SOURCE = os.path.join(HERE, "facilitator")
DEFAULT_OUTPUT = os.path.join(REPO, "dist", "guides")
REQUIRED_SECTIONS = ("Goals", "Timing", "Activities", "Materials", "Debrief questions")
COURSE_TITLE = "WISE innovation: facilitator guides"

PRINT_CSS = """
@page { size: A4; margin: 18mm 16mm 20mm 16mm; }
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; font-size: 12.5pt; line-height: 1.5;
       color: #111; background: #fff; max-width: 46rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 20pt; border-bottom: 3px solid #1b5e20; padding-bottom: .3rem; margin-top: 0; }
h2 { font-size: 15pt; color: #1b5e20; margin-top: 1.6rem; break-after: avoid; }
h3 { font-size: 13pt; margin-top: 1.1rem; break-after: avoid; }
p, li { orphans: 3; widows: 3; }
ul, ol { padding-left: 1.4rem; }
li { margin: .2rem 0; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0; break-inside: avoid; }
th, td { border: 1px solid #555; padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: #e8f0e8; }
code { font-family: "DejaVu Sans Mono", monospace; }
a { color: #0d47a1; }
.guide-footer { margin-top: 2rem; font-size: 10pt; color: #444; border-top: 1px solid #999; padding-top: .4rem; }
nav ul { list-style: none; padding: 0; }
nav li { margin: .5rem 0; font-size: 14pt; }
@media print {
  a { color: #111; text-decoration: none; }
  nav a::after { content: ""; }
  .no-print { display: none; }
}
"""


class GuideError(ValueError):
    """A problem in a guide's Markdown, naming the file and line."""


class MarkdownSubset:
    """The Markdown the guides use, and nothing else.

    Blocks: '# ', '## ', '### ' headings; paragraphs (lines joined); '- ' bullet lists;
    '1. ' numbered lists; pipe tables with a '|---|' separator row; blank lines between blocks.
    Inline: **bold**, *italic*, `code`, [text](https://...) links. HTML in the source is escaped.
    """

    HEADING = re.compile(r"^(#{1,3}) (.+)$")
    BULLET = re.compile(r"^- (.+)$")
    NUMBERED = re.compile(r"^\d+\. (.+)$")
    TABLE_SEPARATOR = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")

    def __init__(self, name):
        self.name = name

    def inline(self, text):
        out = html.escape(text, quote=False)
        out = re.sub(r"`([^`]+)`", r"<code>\1</code>", out)
        out = re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", out)
        out = re.sub(r"(?<![*\w])\*([^*]+)\*(?![*\w])", r"<em>\1</em>", out)
        out = re.sub(r"\[([^\]]+)\]\((https?://[^)\s]+)\)", r'<a href="\2">\1</a>', out)
        # Keep "55 %" and "700 €" together on one line when printed.
        return re.sub(r"(\d) ([%€])", "\\1&#160;\\2", out)

    @staticmethod
    def _cells(line):
        return [cell.strip() for cell in line.strip().strip("|").split("|")]

    def convert(self, text):
        lines = text.splitlines()
        out, i = [], 0
        while i < len(lines):
            line = lines[i].rstrip()
            if not line.strip():
                i += 1
                continue
            heading = self.HEADING.match(line)
            if heading:
                level = len(heading.group(1))
                out.append(f"<h{level}>{self.inline(heading.group(2).strip())}</h{level}>")
                i += 1
                continue
            if line.startswith("|"):
                if i + 1 >= len(lines) or not self.TABLE_SEPARATOR.match(lines[i + 1].strip()):
                    raise GuideError(f"{self.name}:{i + 2}: a table needs a |---|---| row under its header")
                header = self._cells(line)
                rows = []
                i += 2
                while i < len(lines) and lines[i].strip().startswith("|"):
                    cells = self._cells(lines[i])
                    if len(cells) != len(header):
                        raise GuideError(
                            f"{self.name}:{i + 1}: this table row has {len(cells)} cells, the header has {len(header)}"
                        )
                    rows.append(cells)
                    i += 1
                head = "".join(f'<th scope="col">{self.inline(c)}</th>' for c in header)
                body = "".join("<tr>" + "".join(f"<td>{self.inline(c)}</td>" for c in row) + "</tr>" for row in rows)
                out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
                continue
            for pattern, tag in ((self.BULLET, "ul"), (self.NUMBERED, "ol")):
                if pattern.match(line):
                    items = []
                    while i < len(lines) and lines[i].strip():
                        match = pattern.match(lines[i].rstrip())
                        if match:
                            items.append(match.group(1).strip())
                        elif lines[i].startswith("  ") and items:  # continuation of the item above
                            items[-1] += " " + lines[i].strip()
                        else:
                            raise GuideError(
                                f"{self.name}:{i + 1}: a list item must start with "
                                f"'{'- ' if tag == 'ul' else '1. '}' (or continue with two spaces)"
                            )
                        i += 1
                    out.append(f"<{tag}>" + "".join(f"<li>{self.inline(item)}</li>" for item in items) + f"</{tag}>")
                    break
            else:
                paragraph = []
                while (
                    i < len(lines)
                    and lines[i].strip()
                    and not self.HEADING.match(lines[i])
                    and not lines[i].startswith("|")
                    and not self.BULLET.match(lines[i])
                    and not self.NUMBERED.match(lines[i])
                ):
                    paragraph.append(lines[i].strip())
                    i += 1
                out.append(f"<p>{self.inline(' '.join(paragraph))}</p>")
        return "\n".join(out)


def page(title, body, lang="en"):
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{PRINT_CSS}</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n"
        f'<footer class="guide-footer">{html.escape(COURSE_TITLE)} — face-to-face materials for the '
        f"online course. Facts carry their sources in the course units.</footer>\n</body>\n</html>\n"
    )


def guide_sources(source_dir):
    paths = sorted(
        glob.glob(os.path.join(source_dir, "module-*.md")),
        key=lambda p: int(re.search(r"module-(\d+)\.md$", p).group(1)),
    )
    if not paths:
        raise GuideError(f"no module-<n>.md files in {source_dir}")
    return paths


def build_html(source_dir=DEFAULT_SOURCE, output_dir=DEFAULT_OUTPUT, sections=REQUIRED_SECTIONS, lang="en"):
    """Write one HTML file per guide plus index.html; return [(title, html_path)].

    `sections` are the headings every guide must have (translated guides pass their own words),
    `lang` is the language of the guides (the HTML lang attribute, for screen readers and hyphenation).
    """
    os.makedirs(output_dir, exist_ok=True)
    built = []
    for path in guide_sources(source_dir):
        name = os.path.basename(path)
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        headings = re.findall(r"^## (.+)$", text, re.M)
        missing = [s for s in sections if s not in headings]
        if missing:
            raise GuideError(f"{name}: missing section(s) {', '.join('## ' + s for s in missing)}")
        title_match = re.match(r"# (.+)", text)
        if not title_match:
            raise GuideError(f"{name}:1: a guide starts with '# <title>'")
        title = title_match.group(1).strip()
        out_path = os.path.join(output_dir, name[:-3] + ".html")
        with open(out_path, "w", encoding="utf-8") as handle:
            handle.write(page(title, MarkdownSubset(name).convert(text), lang))
        built.append((title, out_path))
    links = "".join(f'<li><a href="{os.path.basename(p)}">{html.escape(t)}</a></li>' for t, p in built)
    with open(os.path.join(output_dir, "index.html"), "w", encoding="utf-8") as handle:
        handle.write(
            page(
                COURSE_TITLE,
                f'<h1>{html.escape(COURSE_TITLE)}</h1>\n<nav aria-label="Guides"><ul>{links}</ul></nav>',
                lang,
            )
        )
    return built


def find_chromium():
    for candidate in (
        os.environ.get("WISE_CHROMIUM"),
        shutil.which("chromium"),
        "/usr/bin/chromium",
        shutil.which("chromium-browser"),
        shutil.which("google-chrome"),
    ):
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def print_pdf(chromium, html_path, pdf_path, timeout=120):
    """Print one HTML file to PDF with headless Chromium; raise RuntimeError with its output on failure."""
    with tempfile.TemporaryDirectory() as profile:
        command = [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf_path}",
            "file://" + os.path.abspath(html_path),
        ]
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    if result.returncode != 0 or not os.path.isfile(pdf_path) or os.path.getsize(pdf_path) == 0:
        raise RuntimeError(f"chromium could not print {html_path}: {result.stderr.strip()[-500:]}")
    return pdf_path


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", default=DEFAULT_SOURCE)
    parser.add_argument("--output", default=DEFAULT_OUTPUT)
    parser.add_argument("--no-pdf", action="store_true", help="build the HTML only")
    parser.add_argument("--lang", default="en", help="language of the guides (e.g. it for a translated set)")
    parser.add_argument(
        "--sections",
        default=",".join(REQUIRED_SECTIONS),
        help="comma-separated headings every guide must have (translate them for a translated set)",
    )
    args = parser.parse_args(argv)
    sections = tuple(part.strip() for part in args.sections.split(",") if part.strip())
    try:
        built = build_html(args.source, args.output, sections, args.lang)
    except GuideError as error:
        print(f"build_guides: {error}", file=sys.stderr)
        return 1
    print(f"build_guides: wrote {len(built)} HTML guides and index.html to {os.path.relpath(args.output)}")
    if args.no_pdf:
        return 0
    chromium = find_chromium()
    if not chromium:
        print(
            "build_guides: Chromium was not found, so no PDF was made. The HTML guides print well from any "
            "browser (File > Print > Save as PDF); or install chromium (Debian: apt-get install chromium) "
            "and run this again.",
            file=sys.stderr,
        )
        return 0
    for _title, html_path in built:
        pdf_path = html_path[:-5] + ".pdf"
        try:
            print_pdf(chromium, html_path, pdf_path)
        except (RuntimeError, subprocess.TimeoutExpired) as error:
            print(f"build_guides: {error}", file=sys.stderr)
            return 1
    print(f"build_guides: printed {len(built)} PDFs with {chromium}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
