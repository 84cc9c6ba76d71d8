"""The Studio editor's view: every label and help the editor's JavaScript shows is a translated
string the view sends, the choices are the ones the validator accepts, and two blocks on one page
get different HTML ids."""

import re

from wise_xblocks.waste_sorting.content import ICONS, STREAMS
from wise_xblocks.waste_sorting.strings import STUDIO_STRINGS

from .test_block import load

# The fields the editor shows (public/js/studio_form.js ROW_FIELDS), and which have a help text there.
FIELDS = {
    "bins": ["id", "name", "colour", "icon", "stream", "description"],
    "items": ["id", "name", "bin", "weight", "explanation", "description", "image", "image_alt", "source"],
}


def test_studio_view_sends_choices_and_a_label_for_every_field_and_option():
    _runtime, block = load()
    fragment = block.studio_view()
    args = fragment.json_init_args
    assert args["choices"] == {"icons": list(ICONS), "streams": list(STREAMS)}
    strings = args["strings"]
    for kind, keys in FIELDS.items():
        for key in keys:
            assert strings[f"studio_{kind}_{key}"], (kind, key)
    for icon in ICONS:
        assert strings[f"studio_icons_{icon}"]
    for stream in STREAMS:
        assert strings[f"studio_streams_{stream}"]
    assert strings["studio_item_row"] == "Item {number}" and strings["studio_move_up_label"] == "Move up: {row}"


def test_studio_view_labels_every_settings_input_with_an_id_of_its_own_block():
    runtime, block = load()
    html = block.studio_view().body_html()
    ids = re.findall(r'<label for="([^"]+)"', html)
    assert len(ids) >= 10
    for ident in ids:
        assert f'id="{ident}"' in html
    root = re.search(r'class="wise-ws-studio" id="([^"]+)"', html).group(1)
    other = runtime.load(
        "<wise_waste_sorting display_name='Other'>"
        "<bin id='a' name='A'/><bin id='b' name='B'/><item id='i' name='I' bin='a'/></wise_waste_sorting>"
    )
    assert f'id="{root}"' not in other.studio_view().body_html()


def test_studio_messages_keep_their_placeholders():
    for key, message in STUDIO_STRINGS.items():
        if key.endswith("_row"):
            assert "{number}" in message
        if key.endswith("_label") or key in ("studio_added", "studio_removed"):
            assert "{row}" in message
    assert "{place}" in STUDIO_STRINGS["studio_error_at"] and "{message}" in STUDIO_STRINGS["studio_error_at"]
