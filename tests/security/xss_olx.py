"""Put an XSS payload into every author-editable place of a block's OLX, keeping only what the block accepts.

"Places" are found generically in the block's first workbench scenario: every attribute and every text node
(at most two of each element/attribute kind, so a 20-item preset does not make a huge page). Text goes in
twice over: as markup where the block takes HTML (the payload, made well-formed XHTML by lxml.html), else
as escaped text. A place whose value the block's own parser refuses (an id, a colour, an enum...) keeps its
original value: refusing it is the block doing its job.
"""

from collections import Counter

from lxml import etree
from lxml import html as lxml_html
from wise_xblocks.common.olx import OLXError

from tests.xblock_runtime import RecordingRuntime

SKIP_ATTRS = {"url_name", "xblock-family"}


_EXPORTED = {}


def block_node(cls, block_type):
    """The block's first scenario as the block itself exports it (a template-based scenario exports in full,
    so every author field is in the tree)."""
    import io

    from .blocks import load_block

    if block_type not in _EXPORTED:
        runtime, block = load_block(block_type, cls)
        out = io.BytesIO()
        runtime.export_to_xml(block, out)
        _EXPORTED[block_type] = out.getvalue()
    root = etree.fromstring(_EXPORTED[block_type])
    return root if root.tag == block_type else root.find(f".//{block_type}")


def places(node):
    """[(element index in node.iter(), attribute name or None for its text)]"""
    seen, found = Counter(), []
    for index, element in enumerate(node.iter()):
        if not isinstance(element.tag, str):
            continue
        for name in element.attrib:
            if name not in SKIP_ATTRS and seen[(element.tag, name)] < 2:
                seen[(element.tag, name)] += 1
                found.append((index, name))
        if element.text and element.text.strip() and seen[(element.tag, None)] < 2:
            seen[(element.tag, None)] += 1
            found.append((index, None))
    return found


def xhtml(payload):
    """The payload as well-formed markup, parsed the way a browser-ish HTML parser would."""
    wrapper = lxml_html.fragment_fromstring(payload, create_parent="div")
    inner = (wrapper.text or "").replace("&", "&amp;").replace("<", "&lt;")
    return inner + "".join(etree.tostring(child, encoding="unicode", method="xml") for child in wrapper)


def accepted(block_type, cls, xml):
    runtime = RecordingRuntime(block_classes={block_type: cls})
    try:
        runtime.load(xml)
    except (OLXError, etree.XMLSyntaxError, ValueError):
        return False
    return True


_USABLE = {}


def inject(block_type, cls, payload):
    """(olx, [place descriptions that carry the payload]) for one payload.

    Fast path: the places that took the first payload get this one all at once; only when the block refuses
    that combination is every place tried alone (slow: one parse per place)."""
    if block_type not in _USABLE:  # the places that take short, harmless markup: every author text field
        _USABLE[block_type] = _one_by_one(block_type, cls, PROBE)[2]
    fast = _all_at_once(block_type, cls, payload, _USABLE[block_type])
    if fast is not None:
        return fast
    olx, kept, _used = _one_by_one(block_type, cls, payload)
    return olx, kept


PROBE = "<b>x</b>"


def _all_at_once(block_type, cls, payload, used):
    """All usable places at once; a place the block refuses (its OLXError names element and attribute) is
    dropped and the rest tried again. None when the refusal cannot be pinned to a place."""
    used = list(used)
    for _round in range(6):
        source, kept = _apply(block_type, cls, payload, used)
        error = load_error(block_type, cls, source)
        if error is None:
            return source, [label for _place, label in kept]
        if not isinstance(error, OLXError):
            return None
        element = error.element.strip("<>").split()[0] if error.element else ""
        drop = [
            place
            for place, label in kept
            if label.startswith(f"<{element}>")
            and ((error.field and label.endswith(f"@{error.field}")) or (not error.field and label.endswith("markup")))
        ]
        if not drop:
            return None
        used = [place for place in used if place not in drop]
    return None


def _apply(block_type, cls, payload, used):
    node = block_node(cls, block_type)
    kept, markers = [], {}
    for index, name in sorted(used, key=lambda p: (p[1] is None, -p[0])):
        element = list(node.iter())[index]
        if name is not None:
            element.set(name, payload)
            kept.append(((index, name), f"<{element.tag}> @{name}"))
        else:
            for child in list(element):
                element.remove(child)
            element.text = markers.setdefault(index, f"XSSPLACE{index}X")
            kept.append(((index, name), f"<{element.tag}> markup"))
    source = etree.tostring(node, encoding="unicode")
    for marker in markers.values():
        source = source.replace(marker, xhtml(payload))
    return source, kept


def load_error(block_type, cls, xml):
    runtime = RecordingRuntime(block_classes={block_type: cls})
    try:
        runtime.load(xml)
    except (OLXError, etree.XMLSyntaxError, ValueError) as error:
        return error
    return None


def _one_by_one(block_type, cls, payload):
    node = block_node(cls, block_type)
    candidates = places(node)
    used = []
    kept = []
    # Attributes first (they never change the tree), then texts from the last to the first, so markup put
    # into one element never shifts the index of an element still to come.
    attributes = [(i, n) for i, n in candidates if n is not None]
    texts = sorted((i for i, n in candidates if n is None), reverse=True)
    for index, name in attributes:
        element = list(node.iter())[index]
        old = element.get(name)
        element.set(name, payload)
        if accepted(block_type, cls, etree.tostring(node, encoding="unicode")):
            kept.append(f"<{element.tag}> @{name}")
            used.append((index, name))
        else:
            element.set(name, old)
    for index in texts:
        element = list(node.iter())[index]
        old_text, old_children = element.text, list(element)
        marker = f"XSSPLACE{index}X"
        element.text = marker
        for child in old_children:
            element.remove(child)
        source = etree.tostring(node, encoding="unicode")
        as_markup = source.replace(marker, xhtml(payload))
        if accepted(block_type, cls, as_markup):
            node = etree.fromstring(as_markup.encode("utf-8"))
            kept.append(f"<{element.tag}> markup")
            used.append((index, None))
            continue
        element.text = payload
        if accepted(block_type, cls, etree.tostring(node, encoding="unicode")):
            kept.append(f"<{element.tag}> text")
        else:
            element.text = old_text
            for child in old_children:
                element.append(child)
    return etree.tostring(node, encoding="unicode"), kept, used
