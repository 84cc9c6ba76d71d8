import pytest
from wise_xblocks.common.sanitize import plain_text, sanitize_html


@pytest.mark.parametrize(
    "dirty",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        "<svg onload=alert(1)>",
        '<p style="background:url(javascript:alert(1))">x</p>',
        "<iframe src='https://evil.example'></iframe>",
    ],
)
def test_dangerous_markup_is_removed(dirty):
    clean = sanitize_html(dirty)
    assert "script" not in clean.lower()
    assert "onerror" not in clean and "onload" not in clean
    assert "javascript:" not in clean and "iframe" not in clean and "style" not in clean


def test_harmless_markup_is_kept_and_links_are_safe():
    clean = sanitize_html('<p>Put it in <strong>glass</strong>. <a href="https://example.org">Why</a></p>')
    assert "<strong>glass</strong>" in clean
    assert 'rel="noopener noreferrer"' in clean


def test_plain_text_strips_all_tags():
    assert plain_text("<b>Pizza</b> box") == "Pizza box"
