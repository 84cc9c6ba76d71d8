"""Templates and browser assets, all served from the package (no CDN).

Each block's JavaScript is a set of ES modules under <block>/public/js/; the shared modules
live in common/public/js/ and are served to every block under public/common/js/, so a
block module imports them as "../common/js/<name>.js". The runtime calls one global init
function, WiseBlockInit, which imports the block's entry module by the URL the server
gives it: no bundler, no global state, and the browser caches every module.
"""

import inspect
from functools import lru_cache
from importlib import resources

from django.template import Context, Engine, Template
from web_fragments.fragment import Fragment
from xblock.exceptions import DisallowedFileError
from xblock.utils.resources import ResourceLoader

from .i18n import JS_NAMESPACE

COMMON_PACKAGE = "wise_xblocks.common"
COMMON_PREFIX = "public/common/"
INIT_FUNCTION = "WiseBlockInit"
BOOT_JS = (
    "function WiseBlockInit(runtime, element, args) {\n"
    "  var node = element.jquery ? element[0] : element;\n"
    "  import(args.module_url).then(function (module) { module.init(runtime, node, args); })\n"
    "    .catch(function (error) { node.setAttribute('data-init-error', String(error)); throw error; });\n"
    "}\n"
)


class BlockAssetsMixin:
    """Serves <block>/public/ and common/public/ (shared modules) as the block's local resources."""

    # The LMS compiles each third-party block's text.po into a JS catalog published under this
    # global name (compile_xblock_translations); common/public/js/i18n.js reads it when present.
    i18n_js_namespace = JS_NAMESPACE

    @classmethod
    def _open_resource(cls, uri):
        if uri.startswith(COMMON_PREFIX):
            relative = "public/" + uri[len(COMMON_PREFIX) :]
            return resources.files(COMMON_PACKAGE).joinpath(relative).open("rb")
        return super()._open_resource(uri)

    @classmethod
    def open_local_resource(cls, uri):
        if isinstance(uri, bytes):
            uri = uri.decode("utf-8")
        if not uri.endswith((".js", ".css", ".svg", ".png", ".jpg", ".webp", ".json")):
            raise DisallowedFileError(f"Not a public asset type: {uri!r}")
        return super().open_local_resource(uri)

    def block_package(self):
        # Runtimes mix mixins into a generated class (module "xblock.internal"): ask the block's own class.
        cls = getattr(type(self), "unmixed_class", type(self))
        return inspect.getmodule(cls).__package__

    def render_template(self, template, context, translator):
        # Same engine, libraries and i18n hook as ResourceLoader.render_django_template, but the
        # template is compiled once per process instead of on every view (it was most of the
        # render time); the translation catalog is still chosen per render via _i18n_service.
        compiled = _compiled_template(self.block_package(), template)
        return compiled.render(Context({**context, "_i18n_service": translator.template_service()}))

    def module_fragment(self, html, init_args, css=("public/css/block.css",)):
        """A fragment that loads the block's public/js/main.js as an ES module and calls its init()."""
        frag = Fragment(html)
        for path in css:
            frag.add_css_url(self.runtime.local_resource_url(self, path))
        frag.add_javascript(BOOT_JS)
        args = dict(init_args)
        args["module_url"] = self.runtime.local_resource_url(self, "public/js/main.js")
        frag.initialize_js(INIT_FUNCTION, args)
        return frag


@lru_cache(maxsize=64)
def _compiled_template(package, path):
    from django.template.backends.django import get_installed_libraries

    libraries = get_installed_libraries()
    libraries["i18n"] = "xblock.utils.templatetags.i18n"
    return Template(ResourceLoader(package).load_unicode(path), engine=Engine(libraries=libraries))


def package_text(package, path):
    return resources.files(package).joinpath(path).read_text(encoding="utf-8")
