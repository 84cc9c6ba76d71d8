"""OpenAPI description of edx-drf-extensions' JwtAuthentication (drf-spectacular has no built-in one).

Imported by api/views.py so the extension is registered before the schema is generated.
"""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class JwtAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "edx_rest_framework_extensions.auth.jwt.authentication.JwtAuthentication"
    name = "jwtAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Open edX JWT: 'Authorization: JWT <token>' (or the LMS's JWT cookies).",
        }


def only_wise_skills(endpoints, **kwargs):
    """drf-spectacular preprocessing hook: describe only this app's endpoints, at the paths the host mounts them
    (e.g. /wise-skills/api/v1/...), whatever else the host's URLconf serves."""
    return [
        (path, regex, method, callback)
        for path, regex, method, callback in endpoints
        if getattr(callback, "cls", None) is not None and callback.cls.__module__.startswith("wise_skills.")
    ]
