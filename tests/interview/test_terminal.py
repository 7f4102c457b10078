"""The plain-text terminal: one key press on a real terminal, q and Ctrl-D to quit."""

from __future__ import annotations

import os

import pytest

from coprod_cli.interview.terminal import Terminal


def test_menus_on_a_terminal_take_one_key_press() -> None:
    import io

    from coprod_cli.interview.terminal import Quit

    out = io.StringIO()
    presses = iter(["\x1b[A", "Z", "\r", "M", "\x04"])
    term = Terminal(io.StringIO(), out, read_key=lambda: next(presses))
    assert term.choose("Pick? m me:", {"m": "m"}) == "m"
    assert out.getvalue() == (
        "Pick? m me: \n"
        "That key is not one of the keys here; press one of those listed.\n"
        "Pick? m me: z\n"
        "'z' is not one of the keys here; press one of those listed.\n"
        "Pick? m me: \n"
        "'' is not one of the keys here; press one of those listed.\n"
        "Pick? m me: m\n"
    )
    with pytest.raises(Quit):
        term.choose("Pick? m me:", {"m": "m"})


def test_the_key_reader_reads_one_key_from_a_real_terminal_and_restores_it() -> None:
    import io

    from coprod_cli.interview.terminal import _key_reader

    termios = pytest.importorskip("termios")
    assert _key_reader(io.StringIO()) is None
    master, slave = os.openpty()
    try:
        with open(slave, encoding="utf-8", closefd=False) as stdin:
            read = _key_reader(stdin)
            assert read is not None
            before = termios.tcgetattr(slave)
            os.write(master, b"m")
            assert read() == "m"
            assert termios.tcgetattr(slave) == before
    finally:
        os.close(master)
        os.close(slave)


def test_text_typed_on_a_terminal_is_not_echoed_twice() -> None:
    import io

    out = io.StringIO()
    term = Terminal(io.StringIO("  Minutes of   the meeting \n"), out, read_key=lambda: "")
    assert term.ask("What shows it?") == "Minutes of the meeting"
    assert out.getvalue() == "What shows it?\n> "  # the terminal showed the typing itself


def test_a_stream_that_says_terminal_but_has_no_file_reads_lines() -> None:
    import io

    from coprod_cli.interview.terminal import _key_reader

    class Claims(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert _key_reader(Claims()) is None  # fileno() raises io.UnsupportedOperation
