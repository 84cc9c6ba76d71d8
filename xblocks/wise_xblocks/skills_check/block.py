"""The skills self-assessment XBlock: XBlock glue only.

The learner rates each competence the course team chose on plain-language "I can ..." steps
(statements.py), may skip any, and may change the answers later. The result compares the
answers with a role's required levels, lists the largest gaps and the units that train them,
and, at the end of a course, shows the progress since the start-of-course check of the same
group (profile.py). A submission completes the block (no score: there is no right answer)
and, with the wise_skills plugin installed, becomes self-assessment evidence (evidence.py).
"""

import datetime
import hashlib
import json
from dataclasses import replace

from webob import Response
from xblock.completable import CompletableXBlockMixin
from xblock.core import XBlock
from xblock.exceptions import JsonHandlerError
from xblock.fields import Dict, Integer, List, Scope, String

from ..common.events import ClientEventsMixin
from ..common.handlers import json_handler, validation_error_response
from ..common.i18n import JS_NAMESPACE, BlockTranslator, _, ngettext_noop, translate_strings
from ..common.reports import report_rows
from ..common.resources import BlockAssetsMixin
from ..common.sanitize import plain_text, sanitize_html
from ..common.staff import user_is_staff
from ..common.versioning import VersionedStateMixin, learner_state_handler
from . import class_summary, evidence, olx, profile
from .catalogue import catalogue, data_text, scale_for, scales_for
from .content import Content, Unit, clean_text, validate

DEFAULT_COMPETENCES = ["digcomp:1.1", "digcomp:2.1", "digcomp:4.2"]
CLIENT_EVENTS = frozenset(
    {
        "wise.skills_check.loaded",  # the page showed the questions or the result
        "wise.skills_check.revise_started",  # the learner opened the answers again
        "wise.skills_check.unit_opened",  # the learner followed a recommended unit link
    }
)

JS_STRINGS = {
    "saving": _("Saving your answers..."),
    "saved": _("Your answers are saved. Your result is below."),
    "error": _("Your answers could not be saved. Please try again."),
    "revising": _("You can change your answers now."),
    "answered": ngettext_noop(
        "{answered} of {total} question answered.", "{answered} of {total} questions answered.", "total"
    ),
    "resultTitle": _("Your result"),
    "chartTitle": _("Your skills"),
    "chartDesc": _("One bar for each skill. A longer bar means you can do more."),
    "legendNow": _("You now"),
    "legendStart": _("You at the start"),
    "legendNeeded": _("Needed for the job"),
    "skipped": _("Not answered"),
    "tableCaption": _("Your answers, step by step"),
    "colSkill": _("Skill"),
    "colYou": _("Your answer"),
    "colStart": _("At the start"),
    "colNeeded": _("Needed for the job"),
    "colGap": _("Steps to go"),
    "gapsTitle": _("What to practise first"),
    "noGaps": _("You already reach the level needed for the job in every skill you answered."),
    # "Label: number" wording needs no plural forms.
    "gapSteps": _("Steps to go: {steps}"),
    "unitsTitle": _("Units that help you practise"),
    "noUnits": _("Ask your trainer which units help with this skill."),
    "progressTitle": _("Your progress since the start"),
    "improved": _("Skills where you moved up: {count}"),
    "same": _("Skills where you stayed the same: {count}"),
    "lower": _("Skills where you chose a lower step: {count}"),
    "noStart": _("We did not find your answers from the start of the course."),
    "studioSaving": _("Saving..."),
    "studioSaved": _("Saved."),
    "studioError": _("Please fix the problems below."),
    "unitLine": _("Line {line}: write competence | address | title."),
}


def _now_iso():
    return datetime.datetime.now(datetime.UTC).replace(microsecond=0).isoformat()


def json_response(payload, status=200):
    return Response(
        body=json.dumps(payload).encode("utf-8"), status=status, content_type="application/json", charset="utf-8"
    )


@XBlock.wants("user")
@XBlock.supports("multi_device")
class SkillsCheckXBlock(VersionedStateMixin, BlockAssetsMixin, ClientEventsMixin, CompletableXBlockMixin, XBlock):
    """Skills self-assessment: "I can ..." ratings, a profile against a role, gaps, progress."""

    has_score = False
    has_custom_completion = True
    client_event_types = CLIENT_EVENTS
    i18n_js_namespace = JS_NAMESPACE
    block_format = olx.FORMAT  # OLX and learner-state versions (common/versioning.py)

    display_name = String(display_name=_("Display name"), default=_("Skills self-assessment"), scope=Scope.settings)
    phase = String(
        display_name=_("Phase"),
        default="start",
        scope=Scope.settings,
        values=[
            {"display_name": _("Start of the course"), "value": "start"},
            {"display_name": _("End of the course"), "value": "end"},
        ],
        help=_("An end-of-course check shows the progress since the start-of-course check of the same group."),
    )
    group = String(
        display_name=_("Group id"),
        default="",
        scope=Scope.settings,
        help=_("The same id on the start and the end check links them (letters, digits, - and _)."),
    )
    competences = List(
        display_name=_("Competences"),
        default=DEFAULT_COMPETENCES,
        scope=Scope.content,
        help=_("Competence keys from the frameworks, for example digcomp:1.1."),
    )
    role = String(
        display_name=_("Role"),
        default="",
        scope=Scope.content,
        help=_("Optional role key: the result compares the answers with the levels this role needs."),
    )
    units = List(
        display_name=_("Unit links"),
        default=[],
        scope=Scope.content,
        help=_("Course units that train a competence: {competence, href, title}."),
    )
    intro = String(
        display_name=_("Introduction"),
        default="",
        scope=Scope.content,
        help=_("Optional text shown above the questions (simple HTML)."),
    )

    ratings = Dict(
        help="The learner's latest answers: {competence key: step or null}", default={}, scope=Scope.user_state
    )
    submitted_at = String(
        help="When the learner last saved the answers (UTC, ISO 8601)", default=None, scope=Scope.user_state
    )
    submissions = Integer(help="How many times the learner saved the answers", default=0, scope=Scope.user_state)
    # Per learner and block type, across blocks: where the end-of-course check finds the start answers.
    # Keys are "<course>|<group>" so two courses using the same group id never meet.
    group_answers = Dict(help="{course|group: {phase: {ratings, at}}}", default={}, scope=Scope.preferences)
    # Shared by every learner of this block: counts only, for course staff (class_summary.py).
    class_counts = Dict(
        help="{learners, answers: {key: {step|skipped: n}}}", default={}, scope=Scope.user_state_summary
    )

    # --- content ------------------------------------------------------------------------
    def content(self):
        return Content(
            competences=tuple(self.competences),
            role=self.role or "",
            units=tuple(Unit(u["competence"], u["href"], u["title"]) for u in self.units),
            phase=self.phase,
            group=self.group or "",
            intro=self.intro or "",
            display_name=self.display_name,
        )

    def set_content(self, content):
        self.display_name = content.display_name or self.display_name
        self.phase = content.phase
        self.group = content.group
        self.competences = list(content.competences)
        self.role = content.role
        self.units = [unit.as_dict() for unit in content.units]
        self.intro = content.intro

    def shown_competences(self):
        """The authored keys this installation knows (an unknown key never breaks a learner's page)."""
        known = catalogue().competences
        return [key for key in self.competences if key in known]

    # --- OLX ----------------------------------------------------------------------------
    # Settings this block reads and writes itself; other settings fields (the platform's mixins:
    # visible_to_staff_only, group_access, due, ...) pass through OLX as plain attributes.
    OWN_SETTINGS = frozenset({"display_name", "phase", "group"})

    @classmethod
    def platform_settings(cls):
        return {
            name: field
            for name, field in cls.fields.items()
            if field.scope == Scope.settings and name not in cls.OWN_SETTINGS
        }

    @classmethod
    def parse_xml(cls, node, runtime, keys):
        platform = cls.platform_settings()
        content = olx.read(node, catalogue(), platform_attributes=platform)
        block = runtime.construct_xblock_from_class(cls, keys)
        block.set_content(content)
        if node.get("display_name") is not None:
            block.display_name = node.get("display_name")
        for name, field in platform.items():
            if node.get(name) is not None:
                setattr(block, name, field.from_string(node.get(name)))
        return block

    def add_xml_to_node(self, node):
        node.tag = self.xml_element_name()
        content = self.content()
        if not self.fields["display_name"].is_set_on(self):
            content = replace(content, display_name="")  # keep the default out of the export
        olx.write(node, content)
        for name, field in self.platform_settings().items():
            if field.is_set_on(self):
                node.set(name, field.to_string(field.read_from(self)))

    # --- learner ------------------------------------------------------------------------
    def translator(self):
        return BlockTranslator()

    def competence_view(self, key, translator):
        """What a learner reads for one competence: plain topic, example, and the steps."""
        scale = scale_for(key)
        topic = scale.topic(key)
        name = data_text(catalogue().competences[key].name, translator.language)
        return {
            "key": key,
            "name": name,
            "topic": translator.gettext(topic.topic) if topic else name,
            "example": translator.gettext(topic.example) if topic and topic.example else "",
            "scale": [{"step": s.step, "statement": translator.gettext(s.statement)} for s in scale.scale],
        }

    def student_view_data(self, context=None):
        """Course content for the mobile apps (no learner state: the Blocks API caches this per course)."""
        translator = self.translator()
        role = catalogue().roles.get(self.role) if self.role else None
        return {
            "display_name": self.display_name,
            "phase": self.phase,
            "group": self.group,
            "intro": sanitize_html(self.intro),
            "role": {"key": role.key, "name": data_text(role.name, translator.language)} if role else None,
            "competences": [self.competence_view(key, translator) for key in self.shown_competences()],
            "units": [dict(u) for u in self.units],
            "handlers": {"submit": "submit", "state": "state"},
            "skip_value": None,
        }

    def dom_id(self):
        return "wsc-" + hashlib.sha256(str(self.scope_ids.usage_id).encode("utf-8")).hexdigest()[:10]

    def student_view(self, context=None):
        refusal = self.newer_state_refusal()  # state from a newer release: say so, touch nothing
        if refusal:
            return refusal
        translator = self.translator()
        data = self.student_view_data(context)
        answers = self.ratings or {}
        for item in data["competences"]:
            item["answer"] = answers.get(item["key"])
            item["skipped"] = item["key"] in answers and answers[item["key"]] is None
        html = self.render_template(
            "templates/student.html",
            {
                "uid": self.dom_id(),
                "data": data,
                "total": len(data["competences"]),
                "submitted": bool(self.submitted_at),
                "class_summary": self.class_summary(data["competences"]) if user_is_staff(self) else None,
            },
            translator,
        )
        return self.module_fragment(
            html,
            {
                "view": "student",
                "strings": translate_strings(translator, JS_STRINGS),
                "state": self.learner_state(translator),
            },
        )

    def class_summary(self, competences):
        """The group's answers for staff: each question's topic, each answer's sentence and how many chose it."""
        report = class_summary.report(
            self.class_counts, [c["key"] for c in competences], evidence.min_group_size(class_summary.DEFAULT_MIN_GROUP)
        )
        views = {c["key"]: c for c in competences}
        for row in report["rows"]:
            view = views[row["key"]]
            row["topic"] = view["topic"]
            row["answers"] = [
                {"statement": s["statement"], "count": row["counts"].get(s["step"], 0)} for s in view["scale"]
            ]
        return report

    def learner_state(self, translator):
        return {
            "submitted": bool(self.submitted_at),
            "submitted_at": self.submitted_at,
            "ratings": dict(self.ratings or {}),
            "result": self.result(translator) if self.submitted_at else None,
        }

    # --- result -------------------------------------------------------------------------
    def group_key(self):
        course = (
            getattr(self.scope_ids.usage_id, "course_key", None)
            or getattr(self.scope_ids.usage_id, "context_key", None)
            or ""
        )
        return f"{course}|{self.group}"

    def start_ratings(self):
        if self.phase != "end" or not self.group:
            return None
        stored = (self.group_answers or {}).get(self.group_key(), {}).get("start")
        return stored.get("ratings") if stored else None

    def result(self, translator):
        keys = self.shown_competences()
        scales = scales_for(keys)
        requirements = evidence.role_requirements(self.role, catalogue()) if self.role else {}
        start = self.start_ratings()
        rows = profile.build_rows(keys, self.ratings or {}, scales, requirements, start)
        views = {key: self.competence_view(key, translator) for key in keys}

        def label(key, step):
            if step is None:
                return None
            return next(s["statement"] for s in views[key]["scale"] if s["step"] == step)

        gaps = profile.largest_gaps(rows)
        authored = {key: [u.as_dict() for u in self.content().units_for(key)] for key in keys}
        plugin_units = {}
        if gaps and any(not authored[row.key] for row in gaps):
            plugin_units = evidence.recommended_units(self.evidence_user_id(), [row.key for row in gaps])
        return {
            "phase": self.phase,
            "has_role": bool(requirements),
            "role_name": data_text(catalogue().roles[self.role].name, translator.language)
            if self.role in catalogue().roles
            else "",
            "has_start": start is not None,
            "rows": [
                {
                    "key": row.key,
                    "topic": views[row.key]["topic"],
                    "name": views[row.key]["name"],
                    "step": row.step,
                    "step_label": label(row.key, row.step),
                    "required_step": row.required_step,
                    "required_label": label(row.key, row.required_step),
                    "start_step": row.start_step,
                    "start_label": label(row.key, row.start_step),
                    "change": row.change,
                    "gap": row.gap,
                    "max_step": row.max_step,
                }
                for row in rows
            ],
            "gaps": [{"key": row.key, "topic": views[row.key]["topic"], "gap": row.gap} for row in gaps],
            "recommendations": [
                {"competence": item["competence"], "topic": views[item["competence"]]["topic"], "units": item["units"]}
                for item in profile.recommendations(
                    gaps, lambda key: authored[key], lambda key: plugin_units.get(key, [])
                )
            ],
            "units": []
            if requirements
            else [
                {"competence": key, "topic": views[key]["topic"], "units": authored[key]}
                for key in keys
                if authored[key]
            ],
            "summary": profile.summary(rows),
        }

    # --- evidence -----------------------------------------------------------------------
    def evidence_user_id(self, request=None):
        """The platform user id: the LMS user service's, else (devsite) the logged-in Django user's.

        The workbench's ?student= ids are not platform users: without a logged-in Django user
        nothing is recorded (the ratings are still saved in the block).
        """
        service = self.runtime.service(self, "user")
        if service is not None:
            try:
                user_id = service.get_current_user().opt_attrs.get("edx-platform.user_id")
            except Exception:  # a runtime whose user service has no current user
                user_id = None
            if user_id is not None:
                return user_id
        django_request = getattr(request, "_request", None)
        user = getattr(django_request, "user", None)
        if user is not None and user.is_authenticated:
            return user.pk
        return None

    def evidence_levels(self, ratings):
        return {key: (None if step is None else scale_for(key).level_for_step(step)) for key, step in ratings.items()}

    # --- handlers -----------------------------------------------------------------------
    def _read_json(self, request):
        try:
            return json.loads(request.body.decode("utf-8"))
        except (ValueError, RecursionError):  # RecursionError: "[" nested thousands deep
            raise JsonHandlerError(400, self.translator().gettext("The request must be JSON.")) from None

    @learner_state_handler()
    @XBlock.handler
    def submit(self, request, suffix=""):
        """Save the learner's answers ({"ratings": {key: step|null}}), complete the block, record evidence."""
        translator = self.translator()
        if request.method != "POST":
            return json_response({"error": translator.gettext("Use POST to save answers.")}, 405)
        try:
            data = self._read_json(request)
            if not isinstance(data, dict):
                raise ValueError("the body must be a JSON object with a ratings field")
            keys = self.shown_competences()
            ratings = profile.clean_ratings(data.get("ratings"), keys, scales_for(keys))
        except JsonHandlerError as error:
            return json_response({"error": error.message}, 400)
        except ValueError as error:
            return json_response({"error": str(error)}, 400)

        assessed_at = _now_iso()
        user_id = self.evidence_user_id(request)
        # Evidence first: if the plugin refuses, the learner's state stays as it was. The source is
        # this block's usage key, so a resubmission replaces the earlier evidence (idempotent).
        try:
            recorded = evidence.record_self_assessment(
                user_id,
                str(self.scope_ids.usage_id),
                self.evidence_levels(ratings),
                assessed_at=datetime.datetime.fromisoformat(assessed_at),
            )
        except ValueError as error:  # wise_skills.public_api.InvalidInput: nothing was written there either
            return json_response({"error": str(error)}, 400)

        previous = dict(self.ratings or {}) if self.submitted_at else None
        self.class_counts = class_summary.update(self.class_counts, previous, ratings)
        self.ratings = ratings
        self.submitted_at = assessed_at
        self.submissions += 1
        if self.group:
            store = dict(self.group_answers or {})
            entry = dict(store.get(self.group_key(), {}))
            entry[self.phase] = {"ratings": ratings, "at": assessed_at}
            store[self.group_key()] = entry
            self.group_answers = store
        if self.submissions == 1:
            self.emit_completion(1.0)
        summary = profile.summary(profile.build_rows(list(ratings), ratings, scales_for(list(ratings))))
        self.runtime.publish(
            self,
            "wise.skills_check.submitted",
            {
                "phase": self.phase,
                "group": self.group,
                "rated": summary["rated"],
                "skipped": summary["skipped"],
                "revision": self.submissions,
                "evidence_recorded": recorded,
            },
        )
        return json_response(self.learner_state(translator))

    @learner_state_handler(writes=False)
    @json_handler
    def state(self, data, suffix=""):
        """The learner's saved answers and result (the page and the mobile apps read this)."""
        return self.learner_state(self.translator())

    # --- course-team reports and search ---------------------------------------------------
    def generate_report_data(self, user_state_iterator, limit_responses=None):
        """One row per learner who answered, for the LMS problem-responses report: each question's topic and the
        sentence the learner chose ("Not answered" when they skipped it), in the order the learner saw them."""
        translator = self.translator()
        views = {key: self.competence_view(key, translator) for key in self.shown_competences()}

        def rows_of(state):
            ratings = state.get("ratings") or {}
            if not ratings:
                return []
            parts = []
            for key, view in views.items():
                if key not in ratings:
                    continue
                step = ratings[key]
                chosen = next((s["statement"] for s in view["scale"] if s["step"] == step), None)
                parts.append(f"{view['topic']}: {chosen if chosen else translator.gettext('Not answered')}")
            return [
                {
                    "Question": self.display_name,
                    "Answer": "; ".join(parts),
                    "Submissions": state.get("submissions", 0),
                    "Submitted at": state.get("submitted_at"),
                }
            ]

        return report_rows(user_state_iterator, limit_responses, rows_of)

    def index_dictionary(self):
        """Course search finds the check by its questions' topics and the competences it asks about."""
        translator = self.translator()
        views = [self.competence_view(key, translator) for key in self.shown_competences()]
        text = " ".join([plain_text(self.intro or "")] + [f"{v['topic']} {v['name']}" for v in views])
        index = super().index_dictionary()
        index.update(
            {"content": {"display_name": self.display_name, "text": text}, "content_type": "Skills self-assessment"}
        )
        return index

    # --- Studio -------------------------------------------------------------------------
    def studio_view(self, context=None):
        translator = self.translator()
        language = translator.language  # names of the catalogue in the author's language (data overlays)
        cat = catalogue()
        chosen = set(self.competences)
        frameworks = [
            {
                "key": fw.key,
                "name": fw.name,
                "competences": [
                    {"key": c.key, "code": c.code, "name": data_text(c.name, language), "checked": c.key in chosen}
                    for c in cat.competences_of(fw.key)
                ],
            }
            for fw in cat.frameworks.values()
        ]
        html = self.render_template(
            "templates/studio.html",
            {
                "uid": self.dom_id(),
                "display_name": self.display_name,
                "phase": self.phase,
                "group": self.group,
                "role": self.role,
                "roles": sorted(
                    ({"key": r.key, "name": data_text(r.name, language)} for r in cat.roles.values()),
                    key=lambda r: r["name"].casefold(),
                ),
                "frameworks": frameworks,
                "intro": self.intro,
                "units_text": "\n".join(f"{u['competence']} | {u['href']} | {u['title']}" for u in self.units),
            },
            translator,
        )
        return self.module_fragment(html, {"view": "studio", "strings": translate_strings(translator, JS_STRINGS)})

    @json_handler
    def studio_submit(self, data, suffix=""):
        """Validate and save the author's content; 400 with translated {field, message} and nothing changed."""
        translator = self.translator()
        errors = []
        if not isinstance(data, dict):
            return validation_error_response(
                [{"field": "", "message": translator.gettext("The form data must be a JSON object.")}]
            )
        content, shape_errors = content_from_payload(data)
        if shape_errors:
            return validation_error_response(
                [{"field": name, "message": translator.gettext(message)} for name, message in shape_errors]
            )
        for name, message, values in validate(content, catalogue()):
            errors.append({"field": name, "message": translator.gettext(message).format(**values)})
        if errors:
            return validation_error_response(errors)
        self.set_content(content)
        return {"result": "ok"}

    # --- workbench ----------------------------------------------------------------------
    @staticmethod
    def workbench_scenarios():
        return [
            (
                "Skills self-check: start of course (digital skills)",
                """
<wise_skills_check display_name="Your digital skills today" phase="start" group="demo-digital">
  <intro><p>Tell us what you can do today. There are no wrong answers.</p></intro>
  <competence key="digcomp:1.1"/>
  <competence key="digcomp:2.1"/>
  <competence key="digcomp:4.2"/>
  <unit competence="digcomp:1.1" href="/workbench/">Searching the internet</unit>
</wise_skills_check>""",
            ),
            (
                "Skills self-check: end of course (digital skills)",
                """
<wise_skills_check display_name="Your digital skills now" phase="end" group="demo-digital">
  <competence key="digcomp:1.1"/>
  <competence key="digcomp:2.1"/>
  <competence key="digcomp:4.2"/>
</wise_skills_check>""",
            ),
            (
                "Skills self-check: sorting operator role",
                """
<wise_skills_check display_name="Skills for the sorting line" phase="start" group="demo-sorting">
  <role key="sorting-operator"/>
  <competence key="sector:waste.sorting"/>
  <competence key="sector:waste.contamination"/>
  <competence key="sector:waste.safety"/>
  <competence key="digcomp:4.3"/>
  <competence key="entrecomp:3.4"/>
  <unit competence="sector:waste.sorting" href="/workbench/">Which bin? Sorting practice</unit>
  <unit competence="sector:waste.contamination" href="/workbench/">Batteries and other dangerous items</unit>
</wise_skills_check>""",
            ),
        ]


def content_from_payload(data):
    """Build Content from a Studio payload; returns (content, [(field, msgid)]) for wrong shapes."""
    problems = []

    def text(name, limit=5000):
        value = data.get(name, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            problems.append((name, _("This field must be text.")))
            return ""
        return value.strip()[:limit]

    competences = data.get("competences", [])
    if not isinstance(competences, list) or not all(isinstance(k, str) for k in competences):
        problems.append(("competences", _("Competences must be a list of keys.")))
        competences = []
    units = []
    raw_units = data.get("units", [])
    if not isinstance(raw_units, list):
        problems.append(("units", _("Unit links must be a list.")))
        raw_units = []
    for item in raw_units:
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in ("competence", "href", "title")):
            problems.append(("units", _("Every unit link needs a competence, an address and a title.")))
            continue
        units.append(Unit(item["competence"].strip(), item["href"].strip(), clean_text(item["title"])))
    content = Content(
        competences=tuple(k.strip() for k in competences),
        role=text("role", 100),
        units=tuple(units),
        phase=text("phase", 10) or "start",
        group=text("group", 100),
        intro=sanitize_html(text("intro")),
        display_name=clean_text(text("display_name", 200)),
    )
    if not content.display_name:
        problems.append(("display_name", _("The display name cannot be empty.")))
    return content, problems
