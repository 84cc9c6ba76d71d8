"""Strict OLX reading and readable OLX writing, shared by the blocks.

Every error names the block (type and url_name), the element and the attribute, so a
course team can find the line in a course export: OLX is parsed strictly and never
half-imported.
"""

from lxml import etree
from lxml import html as lxml_html


class OLXError(ValueError):
    def __init__(self, block_type, url_name, element, message, field=None):
        where = f"<{element}>" + (f' attribute "{field}"' if field else "")
        super().__init__(f'{block_type} "{url_name or "?"}": {where}: {message}')
        self.block_type, self.url_name, self.element, self.field, self.message = (
            block_type,
            url_name,
            element,
            field,
            message,
        )


class OLXReader:
    """Reads one block's element tree; every helper raises OLXError with full context."""

    def __init__(self, block_type, node):
        self.block_type = block_type
        self.url_name = node.get("url_name") or node.get("display_name")

    def error(self, element, message, field=None):
        return OLXError(self.block_type, self.url_name, element, message, field)

    def text_attr(self, node, name, required=False, default=None, max_length=2000):
        value = node.get(name)
        if value is None:
            if required:
                raise self.error(node.tag, "is missing", name)
            return default
        if len(value) > max_length:
            raise self.error(node.tag, f"is longer than {max_length} characters", name)
        return value

    def number_attr(self, node, name, kind=float, required=False, default=None, minimum=None, maximum=None):
        raw = node.get(name)
        if raw is None:
            if required:
                raise self.error(node.tag, "is missing", name)
            return default
        try:
            value = kind(raw)
        except ValueError:
            raise self.error(
                node.tag, f"must be a {'whole number' if kind is int else 'number'}, not {raw!r}", name
            ) from None
        if value != value or value in (float("inf"), float("-inf")):
            raise self.error(node.tag, f"must be a finite number, not {raw!r}", name)
        if minimum is not None and value < minimum:
            raise self.error(node.tag, f"must be at least {minimum}, not {raw!r}", name)
        if maximum is not None and value > maximum:
            raise self.error(node.tag, f"must be at most {maximum}, not {raw!r}", name)
        return value

    def bool_attr(self, node, name, default=False):
        raw = node.get(name)
        if raw is None:
            return default
        if raw.lower() in ("true", "1", "yes"):
            return True
        if raw.lower() in ("false", "0", "no"):
            return False
        raise self.error(node.tag, f'must be "true" or "false", not {raw!r}', name)

    def choice_attr(self, node, name, choices, default=None, required=False):
        value = self.text_attr(node, name, required=required, default=default)
        if value is not None and value not in choices:
            raise self.error(node.tag, f"must be one of {', '.join(choices)}, not {value!r}", name)
        return value

    def only_children(self, node, allowed):
        for child in node:
            if not isinstance(child.tag, str):  # comments and processing instructions
                continue
            if child.tag not in allowed:
                raise self.error(child.tag, f"is not allowed inside <{node.tag}> (allowed: {', '.join(allowed)})")

    def children(self, node, tag):
        return [child for child in node if child.tag == tag]

    def inner_html(self, node):
        """The element's content as markup (author HTML, sanitised later by the block)."""
        parts = [node.text or ""]
        for child in node:
            parts.append(etree.tostring(child, encoding="unicode", with_tail=True))
        return "".join(parts).strip()


def set_attrs(node, **attrs):
    """Write attributes in a stable order, skipping None (a readable, diff-friendly export)."""
    for name, value in attrs.items():
        if value is None:
            continue
        if isinstance(value, bool):
            value = "true" if value else "false"
        elif isinstance(value, float) and value.is_integer():
            value = str(int(value))
        node.set(name, str(value))
    return node


def append_html(parent, tag, html):
    """Append <tag>html</tag>, parsing the author's markup so it stays readable in the export."""
    node = etree.SubElement(parent, tag)
    if not html:
        return node
    for part in lxml_html.fragments_fromstring(html):
        if isinstance(part, str):
            node.text = (node.text or "") + part
        else:
            node.append(part)
    return node
