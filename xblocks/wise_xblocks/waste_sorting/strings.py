"""Every string the page's JavaScript shows, as msgids: translated on the server and passed to
the page (common.i18n.translate_strings), so the workbench and the LMS show the same text."""

from wise_xblocks.common.i18n import _

JS_STRINGS = {
    "items_heading": _("Items to sort"),
    "bins_heading": _("Bins"),
    "no_items_left": _("All items are sorted."),
    "selected": _("Selected: {item}. Choose a bin with the arrow keys or Tab, then press Enter. Escape cancels."),
    "select_hint": _("Select an item (Enter or Space), then choose a bin."),
    "placed": _("{item} placed in {bin}."),
    "moved_back": _("{item} taken back out of {bin}."),
    "cancelled": _("Selection cancelled."),
    "undone": _("Undone: {item} is back in the list."),
    "nothing_to_undo": _("Nothing to undo."),
    "correct": _("Correct: {item} goes in {bin}."),
    "wrong": _("Not quite: {item} does not go in {bin}."),
    "wrong_goes_in": _("Not quite: {item} goes in {correct}, not {bin}."),
    "mark_correct": _("Correct"),
    "mark_wrong": _("Wrong"),
    "in_bin": _("In: {bin}"),
    "bin_count": _("{count} items"),
    "submit": _("Submit"),
    "submitting": _("Submitting..."),
    "undo": _("Undo"),
    "try_again": _("Try again"),
    "result": _("You sorted {correct} of {total} items correctly."),
    "attempts": _("Attempts: {used} of {max}"),
    "attempts_unlimited": _("Attempts: {used}"),
    "sort_all_first": _("Sort every item before you submit ({left} left)."),
    "error": _("Something went wrong: {message}"),
    "take_back": _("Take back {item}"),
    "keyboard_help": _(
        "Keyboard: Tab or arrow keys move between items and bins, Enter or Space selects an item "
        "and drops it in a bin, Escape cancels, Ctrl+Z or the Undo button takes the last item back."
    ),
    "sim_heading": _("Simulation round: the sorting line"),
    "sim_intro": _(
        "Items arrive one by one. Sort each before the next one arrives. You can pause at any time, "
        "or switch the timer off."
    ),
    "sim_start": _("Start the sorting line"),
    "sim_pause": _("Pause"),
    "sim_resume": _("Resume"),
    "sim_untimed": _("No time limit"),
    "sim_arrives": _("Next on the line: {item}. {seconds} seconds."),
    "sim_arrives_untimed": _("Next on the line: {item}."),
    "sim_missed": _("{item} passed the line unsorted and goes to residual waste."),
    "sim_paused": _("Sorting line paused."),
    "sim_resumed": _("Sorting line running."),
    "sim_seconds_left": _("{seconds} s left"),
    "sim_done": _("The sorting line is finished."),
    "sim_rate": _(
        "Separate collection: {separate}%. Recycling that counts: {recycling}% (best possible with these "
        "items: {best}%)."
    ),
    "sim_target_met": _("EU target {year} ({target}%): met"),
    "sim_target_missed": _("EU target {year} ({target}%): not met"),
    "sim_contamination": _("{bin}: {percent}% contamination"),
    "sim_contaminants": _("Items that contaminated a bin: {items}"),
    "sim_unsorted": _("Unsorted: {items}"),
    "sim_again": _("Run the sorting line again"),
    "sim_source": _("Targets: Waste Framework Directive as amended in 2018 (municipal waste, by weight)."),
}

# Only the Studio editor shows these.
STUDIO_STRINGS = {
    "studio_saved": _("Saved."),
    "studio_errors": _("Please fix the problems below; nothing was saved."),
    "studio_add_bin": _("Add bin"),
    "studio_add_item": _("Add item"),
    "studio_remove": _("Remove"),
    "studio_preset_loaded": _("Preset loaded. Review it, then save."),
    "studio_confirm_preset": _("Replace the bins and items with the preset?"),
}
