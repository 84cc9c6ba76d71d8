"""What every WISE block shares: scoring and attempts, show-answer policy, client-event
allow-list, author-HTML sanitising, i18n, OLX helpers, handler errors and resource loading.

A block imports from here; it never grows its own copy.
"""
