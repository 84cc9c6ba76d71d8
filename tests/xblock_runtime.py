"""A small XBlock runtime for unit tests: parse OLX, render views, call handlers, record events.

It keeps learner state in memory per learner id, so a test can act as two learners on the
same block, and it records every runtime.publish() so a test can assert what was graded.
"""

import json

from webob import Request
from xblock.runtime import DictKeyValueStore, KvsFieldData, MemoryIdManager, Runtime  # noqa: E402


class RecordingRuntime(Runtime):
    def __init__(
        self, user_id="learner-1", kvs=None, id_manager=None, services=None, is_staff=False, block_classes=None
    ):
        self.kvs = kvs if kvs is not None else DictKeyValueStore()
        self.id_manager = id_manager or MemoryIdManager()
        super().__init__(self.id_manager, self.id_manager, field_data=KvsFieldData(self.kvs), services=services or {})
        self.user_id = user_id
        self.user_is_staff = is_staff
        self.published = []
        # Blocks defined by a test (not installed as entry points) are loaded by name from here.
        self.block_classes = dict(block_classes or {})

    def load_block_type(self, block_type):
        if block_type in self.block_classes:
            return self.block_classes[block_type]
        return super().load_block_type(block_type)

    # --- what a runtime must provide -------------------------------------------------
    def handler_url(self, block, handler_name, suffix="", query="", thirdparty=False):
        return f"/handler/{block.scope_ids.usage_id}/{handler_name}/{suffix}"

    def local_resource_url(self, block, uri):
        return f"/resource/{block.scope_ids.block_type}/{uri}"

    def resource_url(self, resource):
        return f"/static/{resource}"

    def publish(self, block, event_type, event_data):
        self.published.append((event_type, event_data))

    def events(self, event_type):
        return [data for kind, data in self.published if kind == event_type]

    # --- helpers for tests ------------------------------------------------------------
    def learner(self, user_id, is_staff=False):
        """Another learner on the same course state (same definitions, own user_state)."""
        return RecordingRuntime(
            user_id=user_id,
            kvs=self.kvs,
            id_manager=self.id_manager,
            services=self._services,
            is_staff=is_staff,
            block_classes=self.block_classes,
        )

    def load(self, olx):
        usage_id = self.parse_xml_string(olx)
        return self.get_block(usage_id)

    def call(self, block, handler, payload, raw=False):
        """POST `payload` (JSON-encoded unless raw) to a handler; returns (status, parsed body)."""
        body = payload if raw else json.dumps(payload)
        request = Request.blank("/", method="POST", body=body.encode("utf-8") if isinstance(body, str) else body)
        request.content_type = "application/json"
        response = self.handle(block, handler, request)
        try:
            parsed = json.loads(response.body.decode("utf-8"))
        except ValueError:
            parsed = response.body.decode("utf-8", "replace")
        return response.status_code, parsed
