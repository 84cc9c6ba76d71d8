"""The waste-sorting XBlock: fields, views and handlers. The rules live in the pure modules.

sorting.py decides which items a learner gets and how placements score; simulation.py turns a
round into collection and recycling rates; content.py validates every save; olx.py reads and
writes the readable OLX. This file only translates between the runtime and those modules.
"""

import hashlib
import json
from functools import lru_cache

from webob import Response
from xblock.core import XBlock
from xblock.exceptions import JsonHandlerError
from xblock.fields import Boolean, Dict, Integer, Scope, String

from wise_xblocks.common.events import ClientEventsMixin
from wise_xblocks.common.handlers import InvalidPayload, bad_request, json_handler, validation_error_response
from wise_xblocks.common.i18n import JS_NAMESPACE, _, current_language, translate_strings
from wise_xblocks.common.reports import report_rows
from wise_xblocks.common.resources import BlockAssetsMixin
from wise_xblocks.common.sanitize import plain_text
from wise_xblocks.common.scoring import ScoringMixin, one_submission_at_a_time
from wise_xblocks.common.seeding import block_key, learner_key
from wise_xblocks.common.versioning import VersionedStateMixin, learner_state_handler

from . import olx, presets, simulation, sorting
from .content import ICONS, MAX_PACE, MIN_PACE, MODES, STREAMS, Settings, parse_content, parse_settings
from .strings import JS_STRINGS, STUDIO_STRINGS

DEFAULT_PRESET = "eu"
EVENT_PREFIX = "wise.waste_sorting."


def _dom_id(usage_id):
    """A short HTML id for one block's editor: several blocks can share a page (the workbench, a unit)."""
    return "wise-ws-" + hashlib.sha256(str(usage_id).encode("utf-8")).hexdigest()[:10]


def _default_content():
    return presets.preset_content(DEFAULT_PRESET).to_dict()


@lru_cache(maxsize=256)
def _stored_content(canonical_json):
    """Content from the stored dict, parsed and sanitised once per distinct content per process
    (nh3 on every field of every item was most of a view's time)."""
    content, problems = parse_content(json.loads(canonical_json))
    if problems:  # stored content is validated on every save; never show a broken block
        content, _problems = parse_content(_default_content())
    return content


@XBlock.supports("multi_device")
@XBlock.wants("user")
@XBlock.wants("i18n")
@XBlock.wants("replace_urls")
class WasteSortingXBlock(VersionedStateMixin, ScoringMixin, ClientEventsMixin, BlockAssetsMixin, XBlock):
    """Sort waste items into a country's bins: practice, assessment and a timed sorting line."""

    i18n_js_namespace = JS_NAMESPACE
    block_format = olx.FORMAT  # OLX and learner-state versions (common/versioning.py)
    # The browser may publish only these; "submitted" and "simulation_finished" are published
    # by the handlers themselves so their figures are the server's, not the page's.
    client_event_types = frozenset({EVENT_PREFIX + "loaded", EVENT_PREFIX + "item_sorted"})

    display_name = String(display_name=_("Display name"), default="Waste sorting", scope=Scope.settings)
    mode = String(
        display_name=_("Mode"),
        default="practice",
        scope=Scope.settings,
        values=[
            {"display_name": _("Practice: feedback after each item"), "value": "practice"},
            {"display_name": _("Assessment: submit all, then feedback"), "value": "assessment"},
        ],
        help=_("Practice shows where each item goes right away; assessment grades the whole set."),
    )
    pool_size = Integer(
        display_name=_("Items per learner"),
        default=0,
        scope=Scope.settings,
        help=_("0 shows every item; a number N gives each learner a random draw of N items."),
    )
    shuffle = Boolean(display_name=_("Shuffle items"), default=True, scope=Scope.settings)
    simulation = Boolean(
        display_name=_("Simulation round"),
        default=False,
        scope=Scope.settings,
        help=_("Offer a round where items arrive one by one on a sorting line."),
    )
    simulation_pace = Integer(
        display_name=_("Seconds per item on the sorting line"),
        default=8,
        scope=Scope.settings,
        values={"min": MIN_PACE, "max": MAX_PACE},
    )
    preset = String(display_name=_("Preset the content started from"), default=DEFAULT_PRESET, scope=Scope.settings)
    content = Dict(help="Bins, items and intro, validated by content.parse_content", scope=Scope.content, default=None)

    placements = Dict(help="item id -> bin id as the learner left them", default={}, scope=Scope.user_state)
    checked = Dict(help="Practice mode: item id -> bin id the learner checked", default={}, scope=Scope.user_state)
    last_result = Dict(help="The latest graded submission", default={}, scope=Scope.user_state)
    simulation_result = Dict(help="The latest simulation round's outcome", default={}, scope=Scope.user_state)
    simulation_runs = Integer(help="Simulation rounds finished", default=0, scope=Scope.user_state)
    # Per-block aggregate for staff (which items are mis-sorted, into which bin), updated on submit.
    item_stats = Dict(help="item id -> {seen, wrong, into: {bin: n}}", default={}, scope=Scope.user_state_summary)

    # --- content ------------------------------------------------------------------------
    def sorting_content(self):
        return _stored_content(json.dumps(self.content or _default_content(), sort_keys=True))

    def learner_content(self):
        """The content in the learner's language: shipped preset text is translated from the overlays
        beside the presets; an author's own wording stays as written. Ids and answers never change."""
        raw = self.content or _default_content()
        language = current_language()
        if not language.lower().startswith("en"):
            raw = presets.localized_content(raw, self.preset, language)
        return _stored_content(json.dumps(raw, sort_keys=True))

    def sorting_settings(self):
        return Settings(
            display_name=self.display_name,
            mode=self.mode,
            pool_size=self.pool_size or 0,
            shuffle=self.shuffle,
            simulation=self.simulation,
            simulation_pace=self.simulation_pace,
            preset=self.preset,
            weight=self.weight,
            max_attempts=self.max_attempts or 0,
            showanswer=self.showanswer,
        )

    def apply_settings(self, settings):
        for name in (
            "display_name",
            "mode",
            "pool_size",
            "shuffle",
            "simulation",
            "simulation_pace",
            "preset",
            "weight",
            "showanswer",
        ):
            setattr(self, name, getattr(settings, name))
        self.max_attempts = settings.max_attempts or None

    def learner_item_ids(self, content=None):
        content = content or self.sorting_content()
        return sorting.learner_items(content, learner_key(self), block_key(self), self.pool_size or 0, self.shuffle)

    def gettext(self, message):
        return self.translator().gettext(message)

    def _invalid(self, error):
        return bad_request(self.gettext(error.message))

    # --- views ---------------------------------------------------------------------------
    def student_view_data(self, context=None):
        """Everything the page and the mobile apps need; answers only once the policy allows."""
        content = self.learner_content()
        reveal = self.answer_available()
        items = []
        for item_id in self.learner_item_ids(content):
            item = content.item(item_id)
            row = {"id": item.id, "name": item.name}
            if item.description:
                row["description"] = item.description
            if item.image:  # empty optional fields are left out: the page is fetched on phones
                row.update(image=self._asset_url(item.image), image_alt=item.image_alt)
            if reveal:
                row.update(correct_bin=item.bin, explanation=item.explanation)
            items.append(row)
        return {
            "display_name": self.display_name,
            "mode": self.mode,
            "intro": content.intro,
            "bins": [
                {
                    "id": b.id,
                    "name": b.name,
                    "colour": b.colour,
                    "icon": b.icon,
                    **({"description": b.description} if b.description else {}),
                }
                for b in content.bins
            ],
            "items": items,
            "simulation": {"enabled": bool(self.simulation), "pace_seconds": self.simulation_pace},
            "answers_revealed": reveal,
            "scoring": self.scoring_state(),
        }

    def user_state_view(self):
        content = self.learner_content()
        item_ids = self.learner_item_ids(content)
        reveal = self.answer_available()
        state = {
            "placements": {k: v for k, v in (self.placements or {}).items() if k in item_ids},
            "checked": [
                sorting.item_feedback(content, i, b)
                for i, b in (self.checked or {}).items()
                if i in item_ids and content.bin(b)
            ]
            if self.mode == "practice"
            else [],
            "result": self._result_view(content, item_ids, reveal) if self.last_result else None,
            "simulation_result": self._simulation_view(self.simulation_result, reveal) or None,
            "scoring": self.scoring_state(),
        }
        return state

    def _result_view(self, content, item_ids, reveal):
        stored = {k: v for k, v in (self.last_result.get("placements") or {}).items() if k in item_ids}
        result = sorting.grade(content, item_ids, stored)
        return result.for_learner(content, reveal=reveal, show_marks=self.mode == "practice" or reveal)

    def _simulation_view(self, outcome, reveal):
        if not outcome:
            return {}
        return outcome if (reveal or self.mode == "practice") else simulation.hide_answers(outcome)

    def _asset_url(self, url):
        if not url:
            return ""
        if url.startswith("/static/"):
            replace = self.runtime.service(self, "replace_urls") if self._has_service("replace_urls") else None
            if replace is not None:
                return replace.replace_urls(url)
        return url

    def _has_service(self, name):
        try:
            return self.runtime.service(self, name) is not None
        except Exception:  # NoSuchServiceError: the workbench and unit runtime have none
            return False

    def student_view(self, context=None):
        refusal = self.newer_state_refusal()  # state from a newer release: say so, touch nothing
        if refusal:
            return refusal
        translator = self.translator()
        data = self.student_view_data()
        html = self.render_template(
            "templates/student_view.html",
            {
                "display_name": self.display_name,
                "intro": data["intro"],
                "mode": self.mode,
                "simulation": self.simulation,
                "staff_rows": self.staff_rows() if self.user_is_staff() else None,
            },
            translator,
        )
        return self.module_fragment(
            html,
            {
                "view": "student",
                "data": data,
                "state": self.user_state_view(),
                "strings": translate_strings(translator, JS_STRINGS),
            },
        )

    def studio_view(self, context=None):
        translator = self.translator()
        html = self.render_template(
            "templates/studio_view.html",
            {
                "uid": _dom_id(self.scope_ids.usage_id),
                "settings": self.sorting_settings(),
                "modes": MODES,
                "presets": presets.preset_choices(),
                "min_pace": MIN_PACE,
                "max_pace": MAX_PACE,
            },
            translator,
        )
        return self.module_fragment(
            html,
            {
                "view": "studio",
                "content": self.sorting_content().to_dict(),
                "settings": self.sorting_settings().__dict__,
                "presets": presets.preset_choices(),
                "choices": {"icons": list(ICONS), "streams": list(STREAMS)},
                "strings": translate_strings(translator, {**JS_STRINGS, **STUDIO_STRINGS}),
            },
        )

    # --- learner handlers -------------------------------------------------------------------
    @learner_state_handler()
    @json_handler
    def check_item(self, data, suffix=""):
        """Practice mode: place one item and hear at once whether it is right and why. Not graded."""
        if self.mode != "practice":
            raise bad_request(self.gettext("Per-item feedback is only available in practice mode."))
        content = self.learner_content()
        try:
            item_id, bin_id = sorting.parse_placement(data, self.learner_item_ids(content), content.bin_ids())
        except InvalidPayload as error:
            raise self._invalid(error) from None
        if bin_id is None:
            raise bad_request(self.gettext("Choose a bin for the item."))
        self.placements = {**(self.placements or {}), item_id: bin_id}
        self.checked = {**(self.checked or {}), item_id: bin_id}
        return sorting.item_feedback(content, item_id, bin_id, reveal=True)

    @learner_state_handler()
    @json_handler
    def place(self, data, suffix=""):
        """Remember where the learner put an item (or took it back, bin null), so a reload keeps it."""
        content = self.learner_content()
        try:
            item_id, bin_id = sorting.parse_placement(data, self.learner_item_ids(content), content.bin_ids())
        except InvalidPayload as error:
            raise self._invalid(error) from None
        placements = dict(self.placements or {})
        if bin_id is None:
            placements.pop(item_id, None)
        else:
            placements[item_id] = bin_id
        self.placements = placements
        return {"placements": placements}

    @learner_state_handler()
    @json_handler
    @one_submission_at_a_time
    def submit(self, data, suffix=""):
        """Grade all placements: attempts, only-if-higher grade, feedback within the show-answer policy."""
        content = self.learner_content()
        item_ids = self.learner_item_ids(content)
        try:
            placements = sorting.parse_placements(data, item_ids, content.bin_ids())
        except InvalidPayload as error:
            raise self._invalid(error) from None
        self.ensure_can_submit()
        result = sorting.grade(content, item_ids, placements)
        self.record_attempt(result.fraction)
        self.placements = placements
        self.last_result = {"placements": placements, "score": result.fraction}
        self.item_stats = sorting.update_error_stats(self.item_stats, content, result)
        self.runtime.publish(
            self,
            EVENT_PREFIX + "submitted",
            {
                "mode": self.mode,
                "score": result.fraction,
                "correct_count": len(result.correct),
                "total": len(item_ids),
                "attempt": self.attempts,
                "placements": placements,
            },
        )
        reveal = self.answer_available()
        body = result.for_learner(content, reveal=reveal, show_marks=self.mode == "practice" or reveal)
        body["scoring"] = self.scoring_state()
        return body

    @learner_state_handler()
    @json_handler
    def reset(self, data, suffix=""):
        """Start a new try: clear the placements (the attempt count and best score stay)."""
        if not isinstance(data, dict):
            raise bad_request(self.gettext("The request must be a JSON object."))
        self.ensure_can_submit()
        self.placements, self.checked, self.last_result = {}, {}, {}
        return self.user_state_view()

    @learner_state_handler()
    @json_handler
    def finish_simulation(self, data, suffix=""):
        """The sorting line ended: rates, contamination per bin and the EU targets. Not graded."""
        if not self.simulation:
            raise bad_request(self.gettext("This exercise has no simulation round."))
        content = self.learner_content()
        item_ids = self.learner_item_ids(content)
        try:
            placements = sorting.parse_placements(data, item_ids, content.bin_ids())
        except InvalidPayload as error:
            raise self._invalid(error) from None
        outcome = simulation.simulate(content, item_ids, placements)
        self.simulation_result = outcome
        self.simulation_runs += 1
        self.runtime.publish(
            self,
            EVENT_PREFIX + "simulation_finished",
            {
                "run": self.simulation_runs,
                "recycling_rate": outcome["recycling_rate"],
                "separate_collection_rate": outcome["separate_collection_rate"],
                "sorted": len(placements),
                "total": len(item_ids),
                "contaminating_items": outcome["contaminating_items"],
            },
        )
        return self._simulation_view(outcome, self.answer_available())

    @learner_state_handler(writes=False)
    @XBlock.handler
    def student_view_user_state(self, request, suffix=""):
        """The learner's state for the mobile apps (GET), without answers before the policy allows."""
        return Response(json_body=self.user_state_view(), content_type="application/json", charset="utf-8")

    @json_handler
    def staff_summary(self, data, suffix=""):
        """Staff only: items most often mis-sorted and the bins they went into."""
        if not self.user_is_staff():
            raise JsonHandlerError(403, self.gettext("Only course staff can see the error summary."))
        return {"rows": self.staff_rows()}

    def staff_rows(self):
        content = self.learner_content()
        names = {b.id: b.name for b in content.bins}
        names["unsorted"] = self.gettext("(not sorted)")
        rows = sorting.error_summary(self.item_stats, content)
        for row in rows:  # bin names for people, ids stay for machines
            row["correct_bin_name"] = names.get(row["correct_bin"], row["correct_bin"])
            for wrong in row["wrong_bins"]:
                wrong["name"] = names.get(wrong["bin"], wrong["bin"])
        return rows

    # --- Studio --------------------------------------------------------------------------
    @json_handler
    def studio_submit(self, data, suffix=""):
        """Save settings and content together, or answer 400 with every problem and change nothing."""
        if not isinstance(data, dict):
            return validation_error_response(
                [{"field": "content", "message": self.gettext("The request must be a JSON object.")}]
            )
        content, problems = parse_content(data.get("content"))
        settings, setting_problems = parse_settings(data.get("settings"), len(content.items))
        errors = problems.translated(self.gettext) + setting_problems.translated(self.gettext)
        if errors:
            return validation_error_response(errors)
        self.apply_settings(settings)
        self.content = content.to_dict()
        return {"result": "success"}

    @json_handler
    def load_preset(self, data, suffix=""):
        """A preset's bins and items for the Studio editor to fill in (the author then edits freely)."""
        preset_id = data.get("preset") if isinstance(data, dict) else None
        content = presets.preset_content(preset_id) if isinstance(preset_id, str) else None
        if content is None:
            raise bad_request(self.gettext("Unknown preset."))
        return {"preset": preset_id, "content": content.to_dict()}

    # --- OLX ----------------------------------------------------------------------------------
    @classmethod
    def parse_xml(cls, node, runtime, keys):
        settings, content = olx.read_block(node)  # OLXError names element and attribute
        block = runtime.construct_xblock_from_class(cls, keys)
        block.apply_settings(settings)
        block.content = content.to_dict()
        # Platform settings on the element (due, graded, visible_to_staff_only... when the LMS
        # mixes them in) are kept as the base XBlock parser would keep them.
        for name, value in node.items():
            field = block.fields.get(name)
            if name not in olx.SETTINGS_ATTRS and field is not None and field.scope == Scope.settings:
                cls._set_field_if_present(block, name, value, {})
        return block

    def add_xml_to_node(self, node):
        node.tag = self.scope_ids.block_type
        node.set("xblock-family", self.entry_point)
        olx.write_block(node, self.sorting_settings(), self.sorting_content())
        for name, field in self.fields.items():
            if name not in olx.SETTINGS_ATTRS and field.scope == Scope.settings and field.is_set_on(self):
                node.set(name, field.to_string(field.read_from(self)))
        olx.indent_children(node)

    # --- instructor data, search ---------------------------------------------------------
    def generate_report_data(self, user_state_iterator, limit_responses=None):
        """One row per learner for the LMS problem-responses report: where each item went."""
        content = self.sorting_content()

        def rows_of(state):
            placements = (state.get("last_result") or {}).get("placements") or state.get("placements") or {}
            parts = []
            for item_id, bin_id in sorted(placements.items()):
                item, chosen = content.item(item_id), content.bin(bin_id)
                if item is None:
                    continue
                mark = "correct" if item.bin == bin_id else "wrong"
                parts.append(f"{item.name} -> {chosen.name if chosen else bin_id} ({mark})")
            if not placements:
                return []
            return [
                {
                    "Question": self.display_name,
                    "Answer": "; ".join(parts),
                    "Score": (state.get("last_result") or {}).get("score"),
                    "Attempts": state.get("attempts", 0),
                }
            ]

        return report_rows(user_state_iterator, limit_responses, rows_of)

    def index_dictionary(self):
        content = self.sorting_content()
        text = " ".join([plain_text(content.intro)] + [b.name for b in content.bins] + [i.name for i in content.items])
        index = super().index_dictionary()
        index.update({"content": {"display_name": self.display_name, "text": text}, "content_type": "Waste sorting"})
        return index

    # --- workbench -----------------------------------------------------------------------------
    @staticmethod
    def workbench_scenarios():
        scenarios = []
        for choice in presets.preset_choices():
            content = presets.preset_content(choice["id"])
            settings = Settings(display_name=f"Waste sorting: {choice['label']}", preset=choice["id"])
            scenarios.append((f"Waste sorting preset: {choice['label']}", olx.to_string(settings, content)))
        eu = presets.preset_content("eu")
        scenarios.append(
            (
                "Waste sorting: practice mode",
                olx.to_string(Settings(display_name="Sorting practice", mode="practice", preset="eu"), eu),
            )
        )
        scenarios.append(
            (
                "Waste sorting: assessment mode",
                olx.to_string(
                    Settings(
                        display_name="Sorting assessment", mode="assessment", max_attempts=3, pool_size=8, preset="eu"
                    ),
                    eu,
                ),
            )
        )
        scenarios.append(
            (
                "Waste sorting: simulation round",
                olx.to_string(
                    Settings(
                        display_name="Sorting line",
                        mode="practice",
                        simulation=True,
                        simulation_pace=6,
                        pool_size=8,
                        preset="eu",
                    ),
                    eu,
                ),
            )
        )
        return scenarios
