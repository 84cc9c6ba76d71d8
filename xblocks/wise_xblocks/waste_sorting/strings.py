"""Every string the page's JavaScript shows, as msgids: translated on the server and passed to
the page (common.i18n.translate_strings), so the workbench and the LMS show the same text."""

from wise_xblocks.common.i18n import _, ngettext_noop

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
    "bin_count": ngettext_noop("{count} item", "{count} items"),
    "submit": _("Submit"),
    "submitting": _("Submitting..."),
    "undo": _("Undo"),
    "try_again": _("Try again"),
    "result": ngettext_noop(
        "You sorted {correct} of {total} item correctly.", "You sorted {correct} of {total} items correctly.", "total"
    ),
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
    "sim_arrives": ngettext_noop(
        "Next on the line: {item}. {seconds} second.", "Next on the line: {item}. {seconds} seconds.", "seconds"
    ),
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
    "studio_error_at": _("{place}: {message}"),
    "studio_add_bin": _("Add bin"),
    "studio_add_item": _("Add item"),
    "studio_bin_row": _("Bin {number}"),
    "studio_item_row": _("Item {number}"),
    "studio_move_up": _("Move up"),
    "studio_move_down": _("Move down"),
    "studio_remove": _("Remove"),
    "studio_move_up_label": _("Move up: {row}"),
    "studio_move_down_label": _("Move down: {row}"),
    "studio_remove_label": _("Remove: {row}"),
    "studio_added": _("{row} added."),
    "studio_removed": _("{row} removed."),
    "studio_moved": _("{item} is now {row} of {total}."),
    "studio_no_rows": _("No rows yet."),
    "studio_preset_loaded": _("Preset loaded. Review it, then save."),
    "studio_confirm_preset": _("Replace the bins and items with the preset?"),
    # Field labels: plain words a course team reads (the summary of errors uses them too).
    "studio_bins_id": _("Id"),
    "studio_bins_name": _("Name"),
    "studio_bins_colour": _("Colour"),
    "studio_bins_icon": _("Pattern"),
    "studio_bins_stream": _("Waste stream"),
    "studio_bins_description": _("Description"),
    "studio_items_id": _("Id"),
    "studio_items_name": _("Name"),
    "studio_items_bin": _("Bin"),
    "studio_items_weight": _("Weight in grams"),
    "studio_items_explanation": _("Explanation (HTML)"),
    "studio_items_description": _("Description"),
    "studio_items_image": _("Image"),
    "studio_items_image_alt": _("Image description (alt text)"),
    "studio_items_source": _("Source"),
    "studio_help_bins_id": _("A short code that items use to name this bin: lowercase letters, digits, - or _."),
    "studio_help_bins_icon": _("A pattern on the bin, so that colour is never the only cue."),
    "studio_help_bins_stream": _(
        "How the bin counts in the simulation: recycling counts towards the recycling rate; special collection "
        "(hazardous waste, electronics, the collection centre) is separate but not recycling; residual waste is "
        "burnt or landfilled."
    ),
    "studio_help_items_id": _("A short code, different for each item: lowercase letters, digits, - or _."),
    "studio_help_items_bin": _("The id of the bin where this item belongs (see the bins above)."),
    "studio_help_items_weight": _("Used by the simulation, as EU targets are by weight. Empty: 100 g."),
    "studio_help_items_explanation": _("Where the item goes and why; learners see it after sorting the item."),
    "studio_help_items_image": _("Optional: a course file (/static/...) or an https:// address."),
    "studio_help_items_image_alt": _("What the image shows, for learners who cannot see it. Needed with an image."),
    "studio_help_items_source": _("Where the rule comes from, for example your municipality's guide."),
    "studio_streams_recycling": _("Recycling"),
    "studio_streams_special": _("Special collection (not recycling)"),
    "studio_streams_residual": _("Residual waste"),
    "studio_icons_paper": _("Paper"),
    "studio_icons_glass": _("Glass"),
    "studio_icons_plastic": _("Plastic"),
    "studio_icons_metal": _("Metal"),
    "studio_icons_packaging": _("Packaging"),
    "studio_icons_organic": _("Organic waste"),
    "studio_icons_garden": _("Garden waste"),
    "studio_icons_residual": _("Residual waste"),
    "studio_icons_hazardous": _("Hazardous waste"),
    "studio_icons_battery": _("Batteries"),
    "studio_icons_electronics": _("Electronics"),
    "studio_icons_textile": _("Textiles"),
    "studio_icons_centre": _("Collection centre"),
    "studio_icons_carton": _("Drink cartons"),
    "studio_icons_other": _("Other"),
}
