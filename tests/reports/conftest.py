"""Each test of the reports starts speaking English, with no ``--lang`` chosen: a command run
in-process (the ``coprod`` fixture) sets the language for the rest of its thread."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from coprod_cli import i18n


@pytest.fixture(autouse=True)
def _english_by_default() -> Iterator[None]:
    i18n.choose(None)
    yield
    i18n.choose(None)
