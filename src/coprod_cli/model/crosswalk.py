"""The crosswalk file: another framework's items, each with the targets and enablers that give
evidence of it (docs/crosswalks.md, "The crosswalk file").

Read by the same strict reader and checked by the same pydantic rules as every coprod file: an
unknown key is refused with a "did you mean", and every message names file:line:col.  Only ids and
short titles are kept: a crosswalk never carries the other framework's guidance text.
"""

from pydantic.dataclasses import dataclass

from coprod_cli.model.models import Items
from coprod_cli.model.text import CONFIG as _CONFIG
from coprod_cli.model.text import Text


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class CrosswalkCy:
    """The Welsh of the crosswalk's title and of where its items come from."""

    title: Text | None = None
    source: Text | None = None


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class ItemCy:
    """The Welsh of an item's short title."""

    title: Text | None = None


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class CrosswalkItem:
    """One item of the other framework: its id, a short title, and what gives evidence of it."""

    id: Text
    title: Text
    targets: Items[Text] = ()
    """Target ids of the framework mapped."""
    enablers: Items[Text] = ()
    """Enabler ids of the framework mapped."""
    cy: ItemCy | None = None


@dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)
class Crosswalk:
    """A crosswalk file: named by ``crosswalk:``, written for one version of one framework."""

    crosswalk: Text
    """Its name, as ``--crosswalk NAME`` gives it."""
    title: Text
    source: Text
    """Where the item list comes from, in words."""
    url: Text | None = None
    framework: Text
    """The id of the framework it maps."""
    framework_version: Text
    """The version of that framework it was written for."""
    items: Items[CrosswalkItem] = ()
    cy: CrosswalkCy | None = None
