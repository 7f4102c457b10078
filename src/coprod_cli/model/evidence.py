"""Frozen pydantic dataclasses of a unit's evidence file (docs/evidence-file.md).

The values that are not text (dates, roles, ratings) are parsed by the validators of
:mod:`coprod_cli.model.models`, which accept only the one spelling each has.
"""

from dataclasses import field
from datetime import date
from typing import Literal

from pydantic.dataclasses import dataclass

from coprod_cli.model.models import Entries, IsoDate, Items, Rating, Role, Status, Text
from coprod_cli.model.text import CONFIG as _CONFIG

PROGRESS = ("open", "done", "dropped")
Progress = Literal["open", "done", "dropped"]
"""Where an action, or something service users raised, has got to (docs/evidence-file.md, 'Actions')."""
CHANNELS = ("suggestion-box", "community-meeting", "forum", "questionnaire", "complaint", "conversation", "other")
Channel = Literal["suggestion-box", "community-meeting", "forum", "questionnaire", "complaint", "conversation", "other"]
"""How something was raised (docs/evidence-file.md, 'You said, we did')."""
UNIT_KINDS = ("low-secure", "locked-rehab", "open-rehab", "step-down", "community", "other")
UnitKind = Literal["low-secure", "locked-rehab", "open-rehab", "step-down", "community", "other"]
"""What kind of unit it is, so a pool compares like with like (docs/evidence-file.md, 'The unit')."""


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class Unit:
    name: Text
    service: str | None = None
    organisation: str | None = None
    kind: UnitKind | None = None


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class Assessor:
    name: Text
    role: Role


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class EvidenceItem:
    description: Text
    date: IsoDate | None = None
    link: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class Action:
    """What will be done about a gap (docs/evidence-file.md, 'Actions')."""

    description: Text
    owner: str | None = None
    due: IsoDate | None = None
    status: Progress = "open"
    changed_on: IsoDate | None = None
    """The day its status last changed: when it was agreed, done or dropped."""
    reason: str | None = None
    """Why it was dropped; required when ``status`` is ``dropped``."""

    def overdue_on(self, day: date) -> bool:
        """Whether it is still open though it was due before ``day``."""
        return self.status == "open" and self.due is not None and self.due < day


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class Feedback:
    """Something service users or carers raised, and what was done about it
    (docs/evidence-file.md, 'You said, we did')."""

    you_said: Text
    raised_on: IsoDate
    channel: Channel | None = None
    we_did: str | None = None
    status: Progress = "open"
    changed_on: IsoDate | None = None
    """The day its status last changed."""
    reason: str | None = None
    """Why nothing will be done; required when ``status`` is ``dropped``."""
    targets: Items[Text] = ()
    """The targets or enablers it is evidence for, e.g. ``[L1.suggestion-boxes]``."""


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class Entry:
    """The unit's record for one target or enabler."""

    status: Status
    """The status the group agreed."""
    ratings: Entries[Rating] = field(default_factory=dict)
    """Each person's own status, by assessor name; ``not-assessed`` means they gave none."""
    evidence: Items[EvidenceItem] = ()
    action: Action | None = None
    """One action, as files written before actions had a status say it."""
    actions: Items[Action] = ()
    """Several actions, each with its status (a file gives ``action`` or ``actions``, not both)."""
    justification: str | None = None
    review_by: IsoDate | None = None
    """When to ask again whether a not-applicable target still does not apply (only with not-applicable)."""
    notes: str | None = None

    @property
    def all_actions(self) -> tuple[Action, ...]:
        """Every action of the entry, whichever key the file wrote them under."""
        return self.actions if self.action is None else (self.action, *self.actions)


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class SignOff:
    """An assessor's signature on a level's result."""

    name: Text
    date: IsoDate


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class Evidence:
    unit: Unit
    framework: str | None = None
    assessed_on: IsoDate
    assessors: Items[Assessor] = ()
    sign_off: Entries[Items[SignOff]] = field(default_factory=dict)
    """Who signed each level off, keyed by level number, e.g. ``1: [{name: A. B., date: 2026-10-14}]``."""
    targets: Entries[Entry] = field(default_factory=dict)
    enablers: Entries[Entry] = field(default_factory=dict)
    retired: Entries[Entry] = field(default_factory=dict)
    """Targets the framework no longer has (``coprod migrate`` moves them here): kept, not scored."""
    you_said_we_did: Items[Feedback] = ()
    """What service users and carers raised and what was done about it."""


def person_key(name: str) -> str:
    """How two spellings of a person's name are told to be the same person."""
    return " ".join(name.split()).casefold()
