"""wise_waste_sorting against xblock-drag-and-drop-v2, side by side in one process (printed, never asserted).

Both blocks get the same exercise: 20 items and 6 bins (the EU preset's bins and items, plus
copies to reach 20), in assessment mode with unlimited attempts, in the same in-memory XBlock
runtime (tests/xblock_runtime.py) with Django templates configured as in the LMS.

1. student_view render time (median of many runs).
2. Submit time: ours `submit` (all placements in one call) vs drag-and-drop-v2's `do_attempt`
   (placements already stored by `drop_item`), and the whole "sort 20 items, then submit"
   round trip: 20 x `place` + `submit` vs 20 x `drop_item` + `do_attempt`.
3. Bytes each sends to the browser for the student view: fragment HTML, init arguments
   (JSON), inline JS, and every JS/CSS file the view loads (for ours the ES modules main.js
   imports statically; studio.js is only imported by the Studio editor).

Run: make bench, or PYTHONPATH=devsite:. .venv/bin/python tests/benchmarks/bench_waste_sorting.py
"""

import json
import os
import re
import statistics
import sys
import time
from importlib import resources
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
RUNS = 200
ZONE_BOX = {"width": 150, "height": 120, "align": "center"}


def setup_django():
    for path in (str(REPO / "devsite"), str(REPO)):
        if path not in sys.path:
            sys.path.insert(0, path)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devsite.settings_test")
    import django

    django.setup()


def exercise():
    """(bins, items) shared by both blocks: 6 bins, 20 items with an explanation each."""
    from wise_xblocks.waste_sorting import presets

    content = presets.preset_content("eu")
    items = list(content.items)
    extra = [
        item.__class__(**{**item.__dict__, "id": item.id + "-2", "name": item.name + " (2)"})
        for item in items[: 20 - len(items)]
    ]
    return list(content.bins), items + extra


def ours_olx(bins, items):
    from wise_xblocks.waste_sorting import olx
    from wise_xblocks.waste_sorting.content import Content, Settings

    settings = Settings(display_name="Bench", mode="assessment", shuffle=False)
    return olx.to_string(settings, Content(bins=tuple(bins), items=tuple(items)))


def dnd_data(bins, items):
    zones = [
        {
            "uid": b.id,
            "title": b.name,
            "description": b.description,
            "x": 10 + 160 * (n % 3),
            "y": 10 + 130 * (n // 3),
            **ZONE_BOX,
        }
        for n, b in enumerate(bins)
    ]
    dnd_items = [
        {
            "displayName": i.name,
            "id": n,
            "zones": [i.bin],
            "imageURL": "",
            "feedback": {"correct": i.explanation, "incorrect": i.explanation},
        }
        for n, i in enumerate(items)
    ]
    return {
        "zones": zones,
        "items": dnd_items,
        "targetImg": "",
        "targetImgDescription": "Six bins",
        "displayLabels": True,
        "feedback": {"start": "Sort the waste.", "finish": "Done."},
    }


def median_ms(action, runs=RUNS):
    action()  # warm caches (templates, presets) once, as a running LMS would have them
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def module_closure(package, entry="public/js/main.js"):
    """The ES modules the browser loads from `entry` through static imports (dynamic import() excluded)."""
    from wise_xblocks.common.resources import COMMON_PACKAGE

    seen, todo, total = set(), [entry], 0
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        if path.startswith("public/common/"):
            text = resources.files(COMMON_PACKAGE).joinpath("public/" + path[len("public/common/") :]).read_text()
        else:
            text = resources.files(package).joinpath(path).read_text()
        total += len(text.encode("utf-8"))
        folder = path.rsplit("/", 1)[0]
        for target in re.findall(r'^import\s[^;]*?from\s+"([^"]+)"', text, re.M):
            todo.append(os.path.normpath(f"{folder}/{target}"))
    return total, sorted(seen)


def fragment_bytes(fragment, url_files):
    html = len(fragment.body_html().encode("utf-8"))
    init = len(json.dumps(fragment.json_init_args or {}).encode("utf-8"))
    inline = sum(len(r.data.encode("utf-8")) for r in fragment.resources if r.kind == "text")
    files = sum(url_files)
    return {
        "html": html,
        "init_json": init,
        "inline_js_css": inline,
        "files_js_css": files,
        "total": html + init + inline + files,
    }


def dnd_url_bytes(fragment):
    import drag_and_drop_v2

    root = Path(drag_and_drop_v2.__file__).parent
    sizes = []
    for resource in fragment.resources:
        # RecordingRuntime serves local resources as /resource/<block type>/<path in the package>.
        if resource.kind == "url" and resource.data.startswith("/resource/drag-and-drop-v2/"):
            sizes.append((root / resource.data.split("/", 3)[3]).stat().st_size)
    return sizes


def main():
    setup_django()
    from drag_and_drop_v2.drag_and_drop_v2 import DragAndDropBlock
    from wise_xblocks.waste_sorting.block import WasteSortingXBlock
    from xblock.runtime import NullI18nService

    from tests.xblock_runtime import RecordingRuntime

    bins, items = exercise()
    runtime = RecordingRuntime(
        block_classes={"wise_waste_sorting": WasteSortingXBlock, "drag-and-drop-v2": DragAndDropBlock},
        services={"i18n": NullI18nService()},
    )
    ours = runtime.load(ours_olx(bins, items))
    dnd = runtime.load('<drag-and-drop-v2 mode="assessment" max_attempts="0"/>')
    dnd.data = dnd_data(bins, items)
    dnd.save()

    # Bytes first, for a learner who has not answered yet (both blocks add feedback to the page later).
    ours_fragment = ours.student_view()
    module_bytes, modules = module_closure("wise_xblocks.waste_sorting")
    css = len(resources.files("wise_xblocks.waste_sorting").joinpath("public/css/block.css").read_bytes())
    ours_bytes = fragment_bytes(ours_fragment, [module_bytes, css])
    dnd_fragment = dnd.student_view({})
    dnd_bytes = fragment_bytes(dnd_fragment, dnd_url_bytes(dnd_fragment))

    right = {i.id: i.bin for i in items}
    for n, item in enumerate(items):
        runtime.call(dnd, "drop_item", {"val": n, "zone": item.bin})

    figures = {
        "render": (median_ms(lambda: ours.student_view()), median_ms(lambda: dnd.student_view({}))),
        "submit": (
            median_ms(lambda: runtime.call(ours, "submit", {"placements": right})),
            median_ms(lambda: runtime.call(dnd, "do_attempt", {})),
        ),
    }

    def ours_round():
        for item_id, bin_id in right.items():
            runtime.call(ours, "place", {"item": item_id, "bin": bin_id})
        runtime.call(ours, "submit", {"placements": right})

    def dnd_round():
        for n, item in enumerate(items):
            runtime.call(dnd, "drop_item", {"val": n, "zone": item.bin})
        runtime.call(dnd, "do_attempt", {})

    figures["round"] = (median_ms(ours_round, runs=30), median_ms(dnd_round, runs=30))

    print(f"Waste sorting vs xblock-drag-and-drop-v2: 20 items, 6 bins, assessment mode, median of {RUNS} runs")
    print(f"{'':34}{'ours':>12}{'dnd-v2':>12}{'ours/dnd':>10}")
    labels = {
        "render": "student_view render (ms)",
        "submit": "submit handler (ms)",
        "round": "20 sorts + submit (ms, 30 runs)",
    }
    for key, label in labels.items():
        mine, theirs = figures[key]
        print(f"{label:34}{mine:12.3f}{theirs:12.3f}{mine / theirs:10.2f}")
    for key in ("html", "init_json", "inline_js_css", "files_js_css", "total"):
        mine, theirs = ours_bytes[key], dnd_bytes[key]
        ratio = f"{mine / theirs:10.2f}" if theirs else f"{'-':>10}"
        print(f"{'bytes: ' + key:34}{mine:12d}{theirs:12d}{ratio}")
    print(f"our ES modules loaded by the student view: {', '.join(modules)}")
    print("Targets (issue 3): time ratio <= 0.5, bytes ratio <= 0.33.")


if __name__ == "__main__":
    main()
