"""wise_tutor: the Tutor plugin ("tutor plugins enable wise") shipped inside the openedx-wise distribution.

Tutor imports it on the operator's host, in Tutor's own virtualenv, where neither Django nor
Open edX is installed: nothing here imports them (or wise_skills / wise_xblocks).
"""
