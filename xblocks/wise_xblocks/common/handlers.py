"""Handler plumbing: bad input answers 400 with a message a person can act on, and the
learner's state is left exactly as it was (handlers validate before they write)."""

import functools
import json

from webob import Response
from xblock.core import XBlock
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


def json_handler(func):
    """XBlock.json_handler, but a body nested too deeply for the JSON parser is a 400 too.

    XBlock's own wrapper catches only ValueError, so "[" * 5000 raised RecursionError and
    every handler answered 500. Every WISE block handler uses this decorator instead.
    """

    @XBlock.handler
    @functools.wraps(func)
    def wrapper(self, request, suffix=""):
        if request.method != "POST":
            return JsonHandlerError(405, "Method must be POST").get_response(allow=["POST"])
        try:
            data = json.loads(request.body.decode("utf-8"))
        except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
            return JsonHandlerError(400, "Invalid JSON").get_response()
        try:
            response = func(self, data, suffix)
        except JsonHandlerError as err:
            return err.get_response()
        if isinstance(response, Response):
            return response
        return Response(json.dumps(response), content_type="application/json", charset="utf8")

    return wrapper
