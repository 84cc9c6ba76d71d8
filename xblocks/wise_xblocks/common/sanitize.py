"""Author HTML is sanitised on the server, at save and at render: a course author's text is
shown to every learner, so a pasted <script> or onerror= must never reach a page."""

import nh3

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "br",
    "code",
    "em",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "lang"},
    "abbr": {"title"},
    "img": {"src", "alt", "width", "height"},
    "span": {"lang"},
    "p": {"lang"},
}
URL_SCHEMES = {"http", "https", "mailto"}


def sanitize_html(text):
    """Return `text` with only harmless markup left (links get rel="noopener noreferrer")."""
    if not text:
        return ""
    return nh3.clean(
        str(text),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def plain_text(text):
    """Strip every tag: for names, labels and alt text, which are never HTML."""
    if not text:
        return ""
    return nh3.clean(str(text), tags=set())
