"""The keys ``coprod interview`` listens for, and how it says them and the statuses, in the language spoken.

The keys are the same letters in every language (and a status's id, typed whole, works too); the
words shown with them are translated where they are said, so each text here is only marked (``N_``).
"""

from __future__ import annotations

from collections.abc import Mapping

from coprod_cli.i18n import N_, _

QUIT = N_("q: save and quit")
"""Said in every question that takes text (translated where it is asked)."""

STATUS_KEYS: Mapping[str, str] = {
    "m": "met",
    "p": "partial",
    "n": "not-met",
    "x": "not-applicable",
    "a": "not-assessed",
}
"""The one key that chooses each status."""
STATUS_WORDS = {"met": "m", "partial": "p", "not-met": "n", "not-applicable": "x", "not-assessed": "a", "skip": "s"}
"""Whole words piped answers may use instead of the keys (the statuses' own ids, in any language)."""
STATUS_NAMES: Mapping[str, str] = {
    "met": N_("met"),
    "partial": N_("partial"),
    "not-met": N_("not-met"),
    "not-applicable": N_("not-applicable"),
    "not-assessed": N_("not-assessed"),
}
"""How each status is shown (its id in English: the word the file holds)."""
STATUS_PROMPT = N_(
    "Status? m met, p partial, n not met, x not applicable, a not assessed;\n"
    "or s (or Enter) skip, b back, j jump to a level, q save and quit:"
)


JUMPS: Mapping[tuple[bool, bool, bool], str] = {
    (True, True, True): N_(
        "Jump to level {levels} or {last}, or e enablers, or w who took part?\n(Enter alone: stay; {quit}):"
    ),
    (True, True, False): N_("Jump to level {levels} or {last}, or e enablers?\n(Enter alone: stay; {quit}):"),
    (True, False, True): N_("Jump to level {levels} or {last}, or w who took part?\n(Enter alone: stay; {quit}):"),
    (True, False, False): N_("Jump to level {levels} or {last}?\n(Enter alone: stay; {quit}):"),
    (False, True, True): N_("Jump to level {last}, or e enablers, or w who took part?\n(Enter alone: stay; {quit}):"),
    (False, True, False): N_("Jump to level {last}, or e enablers?\n(Enter alone: stay; {quit}):"),
    (False, False, True): N_("Jump to level {last}, or w who took part?\n(Enter alone: stay; {quit}):"),
    (False, False, False): N_("Jump to level {last}?\n(Enter alone: stay; {quit}):"),
}
"""The question of ``j``, by (more than one level?, enablers to jump to?, who took part to change?)."""


def shown(status: str) -> str:
    """A status as shown to the person, in the language spoken."""
    return _(STATUS_NAMES[status]) if status in STATUS_NAMES else status
