"""Client-published tracking events, allow-listed.

xblock-drag-and-drop-v2 forwards any event type the browser names, so a learner could post
a "grade". Here each block lists the event types its page may publish; anything else,
and every grade or completion, is refused with a 400.
"""

from .handlers import bad_request, json_handler

NEVER_FROM_CLIENT = frozenset({"grade", "completion", "progress", "problem_check", "edx.grades.problem.submitted"})
MAX_FIELDS = 20
MAX_VALUE_LENGTH = 500


def clean_event(data, allowed):
    """Return (event_type, payload) or raise a 400 naming what is wrong."""
    if not isinstance(data, dict):
        raise bad_request("The event must be a JSON object.")
    event_type = data.get("event_type")
    if not isinstance(event_type, str) or event_type in NEVER_FROM_CLIENT or event_type not in allowed:
        raise bad_request(f"Event type not allowed from the browser: {str(event_type)[:80]!r}")
    payload = {key: value for key, value in data.items() if key != "event_type"}
    if len(payload) > MAX_FIELDS:
        raise bad_request("Too many event fields.")
    for key, value in payload.items():
        if not isinstance(key, str) or not isinstance(value, (str, int, float, bool, type(None))):
            raise bad_request(f"Event field {str(key)[:40]!r} must be a string, number, boolean or null.")
        if isinstance(value, str) and len(value) > MAX_VALUE_LENGTH:
            raise bad_request(f"Event field {key!r} is too long.")
    return event_type, payload


class ClientEventsMixin:
    """Adds the publish_event handler; a block sets `client_event_types`."""

    client_event_types = frozenset()

    @json_handler
    def publish_event(self, data, suffix=""):
        event_type, payload = clean_event(data, self.client_event_types)
        self.runtime.publish(self, event_type, payload)
        return {"result": "ok"}
