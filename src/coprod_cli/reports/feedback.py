"""The "you said, we did" log in words and in order, for every renderer
(docs/evidence-file.md, 'You said, we did')."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from coprod_cli.i18n import N_, _
from coprod_cli.model.evidence import Feedback

CHANNEL_WORDS = {
    "suggestion-box": N_("Suggestion box"),
    "community-meeting": N_("Community meeting"),
    "forum": N_("Forum"),
    "questionnaire": N_("Questionnaire"),
    "complaint": N_("Complaint"),
    "conversation": N_("Conversation"),
    "other": N_("Other"),
}
"""How something was raised, in words, in English: show it with :func:`channel_word`."""


def channel_word(code: str) -> str:
    """A channel in the current language: 'suggestion-box' → 'Suggestion box', 'Blwch awgrymiadau'."""
    return _(CHANNEL_WORDS[code])


def last_change(item: Feedback) -> date:
    """When the item last moved: the day its status changed, or the day it was raised."""
    return item.changed_on or item.raised_on


def in_poster_order(items: Iterable[Feedback]) -> tuple[Feedback, ...]:
    """Done first, then open, then dropped; in each, the most recent first (by ``changed_on``,
    else ``raised_on``), and items of the same day in the order the file lists them."""
    rank = {"done": 0, "open": 1, "dropped": 2}
    listed = list(items)
    return tuple(sorted(listed, key=lambda f: (rank[f.status], -last_change(f).toordinal())))
