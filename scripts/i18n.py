#!/usr/bin/env python
"""Message catalogs for openedx-wise.

    i18n.py extract               scan sources -> one template per component, merged into every language,
                                  and the pseudo-locale `eo` regenerated (scripts/pseudo_locale.py)
    i18n.py extract --pot-dir D   only write the templates, as D/<component>.pot (the freshness test)
    i18n.py compile               msgfmt --check every catalog into its .mo

Components and where Open edX looks for them:
- blocks: xblocks/wise_xblocks/translations/<lang>/LC_MESSAGES/text.po (third-party XBlock catalogs);
  Python and Django-template strings, plus the JS strings, which the blocks pass to the page
  from Python maps (so they are extracted with the Python code);
- plugin app: plugin_app/wise_skills/locale/<lang>/LC_MESSAGES/django.po, and djangojs.po for
  the dashboard's own JavaScript.
New languages get their Plural-Forms from gettext's msginit (Slovenian, Croatian and Polish
have several plural forms).
"""

import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LANGUAGES = ["it", "sl", "hr", "pl", "fr", "nl", "de"]
# Pseudo-locale for testing (accented, longer text): generated from the templates, never translated by hand.
PSEUDO_LANGUAGE = "eo"
PYTHON_KEYWORDS = [
    "_",
    "gettext",
    "gettext_noop",
    "gettext_lazy",
    "pgettext:1c,2",
    "ngettext:1,2",
    "ngettext_lazy:1,2",
    "ngettext_noop:1,2",
    "npgettext:1c,2,3",
]
JS_KEYWORDS = ["gettext", "ngettext:1,2", "pgettext:1c,2"]


class Component:
    def __init__(self, name, root, catalog_dir, domain, language="Python", skip=()):
        self.name, self.root, self.catalog_dir, self.domain = name, REPO / root, REPO / catalog_dir, domain
        self.language, self.skip = language, skip

    def sources(self):
        if self.language == "JavaScript":
            patterns = ["**/*.js"]
        else:
            patterns = ["**/*.py", "**/*.html"]
        found = []
        for pattern in patterns:
            found += [
                p
                for p in self.root.glob(pattern)
                if not any(part in p.parts for part in ("node_modules", "migrations", "tests", *self.skip))
            ]
        return sorted(found)

    def template(self):
        return self.catalog_dir / f"{self.domain}.pot"

    def po(self, language):
        return self.catalog_dir / language / "LC_MESSAGES" / f"{self.domain}.po"


COMPONENTS = [
    Component("blocks", "xblocks/wise_xblocks", "xblocks/wise_xblocks/translations", "text"),
    Component("plugin", "plugin_app/wise_skills", "plugin_app/wise_skills/locale", "django"),
    Component(
        "plugin-js",
        "plugin_app/wise_skills/static",
        "plugin_app/wise_skills/locale",
        "djangojs",
        language="JavaScript",
        skip=("vendor",),
    ),
]


def templatized(path, workdir):
    """Django templates become Python that xgettext understands (what makemessages does)."""
    if path.suffix != ".html":
        return path
    import django
    from django.conf import settings

    if not settings.configured:
        settings.configure(USE_I18N=True)
        django.setup()
    from django.utils.translation.template import templatize

    out = workdir / (str(path.relative_to(REPO)).replace("/", "__") + ".py")
    out.write_text(templatize(path.read_text(encoding="utf-8"), origin=str(path)), encoding="utf-8")
    return out


def _stable_reference(line):
    """'#: /tmp/x/xblocks__a__b.html.py:3' -> '#: xblocks/a/b.html:3' (templates were templatized)."""
    if not line.startswith("#: "):
        return line
    refs = []
    for ref in line[3:].split():
        if "__" in ref and ".html.py:" in ref:
            name, lineno = ref.rsplit(":", 1)
            ref = Path(name).name[: -len(".py")].replace("__", "/") + ":" + lineno
        refs.append(ref)
    return "#: " + " ".join(refs)


def _drop_false_printf_flags(text):
    """xgettext reads "{percent}% contamination" as printf "% c": a brace-format msgid with no "%(" is no
    printf string, and the false flag would make msgfmt --check reject any translation that moves the %."""
    out, flags_at = [], None
    for line in text.splitlines():
        if line.startswith("#,") and "python-format" in line and "python-brace-format" in line:
            flags_at = len(out)
        elif line.startswith("msgid ") and flags_at is not None:
            if "%(" not in line:
                flags = [f.strip() for f in out[flags_at][2:].split(",") if f.strip() != "python-format"]
                out[flags_at] = "#, " + ", ".join(flags)
            flags_at = None
        out.append(line)
    return "\n".join(out)


def extract(component, pot_dir=None):
    """Write the component's template (into pot_dir as <name>.pot when given, without touching catalogs)."""
    sources = component.sources()
    if not sources:
        return False
    component.catalog_dir.mkdir(parents=True, exist_ok=True)
    template = Path(pot_dir) / f"{component.name}.pot" if pot_dir else component.template()
    with tempfile.TemporaryDirectory() as tmp:
        files = [
            str(templatized(path, Path(tmp)).relative_to(REPO))
            if path.suffix != ".html"
            else str(templatized(path, Path(tmp)))
            for path in sources
        ]
        keywords = JS_KEYWORDS if component.language == "JavaScript" else PYTHON_KEYWORDS
        language = "JavaScript" if component.language == "JavaScript" else "Python"
        command = [
            "xgettext",
            f"--language={language}",
            "--from-code=UTF-8",
            "--sort-by-file",
            "--no-wrap",
            "--add-comments=Translators:",
            "--package-name=openedx-wise",
            f"--output={template}",
            *[f"--keyword={k}" for k in keywords],
            *files,
        ]
        subprocess.run(command, check=True, cwd=REPO)
    if not template.exists():  # xgettext writes nothing when it finds no message
        return False
    # Template paths point at temp files for templates: make references repo-relative and stable.
    text = template.read_text(encoding="utf-8")
    text = "\n".join(_stable_reference(line) for line in text.splitlines() if not line.startswith('"POT-Creation-Date'))
    template.write_text(_drop_false_printf_flags(text) + "\n", encoding="utf-8")
    if pot_dir:
        return True
    for language in LANGUAGES:
        po = component.po(language)
        po.parent.mkdir(parents=True, exist_ok=True)
        if po.exists():
            subprocess.run(
                [
                    "msgmerge",
                    "--quiet",
                    "--update",
                    "--no-fuzzy-matching",
                    "--backup=none",
                    "--no-wrap",
                    str(po),
                    str(component.template()),
                ],
                check=True,
            )
        else:
            subprocess.run(
                [
                    "msginit",
                    "--no-translator",
                    f"--locale={language}",
                    f"--input={component.template()}",
                    f"--output-file={po}",
                    "--no-wrap",
                ],
                check=True,
                capture_output=True,
            )
    from pseudo_locale import write_pseudo_catalog

    write_pseudo_catalog(component.template(), component.po(PSEUDO_LANGUAGE))
    return True


def compile_all():
    ok = True
    for po in sorted(REPO.glob("xblocks/wise_xblocks/translations/*/LC_MESSAGES/*.po")) + sorted(
        REPO.glob("plugin_app/wise_skills/locale/*/LC_MESSAGES/*.po")
    ):
        result = subprocess.run(
            ["msgfmt", "--check", "-o", str(po.with_suffix(".mo")), str(po)], capture_output=True, text=True
        )
        if result.returncode:
            ok = False
            print(result.stderr, file=sys.stderr)
    return ok


def main(argv):
    if argv[1:2] == ["extract"] and argv[2:] in ([], ["--pot-dir", *argv[3:4]]) and len(argv) in (2, 4):
        pot_dir = argv[3] if len(argv) == 4 else None
        for component in COMPONENTS:
            print(f"{component.name}: {'extracted' if extract(component, pot_dir) else 'no messages'}")
        return 0
    if argv[1:] == ["compile"]:
        return 0 if compile_all() else 1
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
