"""Handler plumbing: bad input answers 400 with a message a person can act on, and the
learner's state is left exactly as it was (handlers validate before they write)."""

import json

from webob import Response
from xblock.exceptions import JsonHandlerError


class InvalidPayload(ValueError):
    """A handler payload that does not have the shape the handler expects."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


def bad_request(message):
    return JsonHandlerError(400, message)


def validation_error_response(errors):
    """400 for a Studio save: `errors` is a list of {"field", "message"} in the author's language."""
    body = json.dumps({"errors": [{"field": e["field"], "message": str(e["message"])} for e in errors]})
    return Response(body=body.encode("utf-8"), status=400, content_type="application/json", charset="utf-8")


def require_mapping(data, message):
    if not isinstance(data, dict):
        raise InvalidPayload(message)
    return data
