"""A template is code: every template runs in Jinja's sandbox, and one of your own within limits.

Each hostile template is stopped with exit 2 and a message naming its file and line, quickly and
without eating memory; the shipped templates, and copies of them given with --template, render
exactly as before.
"""

from __future__ import annotations

import shutil
import tracemalloc
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT, RunCoprod

UNIT = EXAMPLES / "open-rehab-unit.yaml"
SMALL = 64 * 1024 * 1024  # bytes Python may allocate at the peak

STOPPED = [
    ('{{ "x" * 10**9 }}', "it would make text of 1,000,000,000 characters, more than the 10,485,760"),
    ("{{ [0] * 10**9 }}", "it would make a list of 1,000,000,000 items, more than the 1,000,000"),
    ("{{ 10**9 * 'ab' }}", "it would make text of 2,000,000,000 characters"),
    ("{% for i in range(10**9) %}x{% endfor %}", "it gave the number 1,000,000,000"),
    ("{% for i in range(10**5) %}{% for j in range(10**5) %}{% endfor %}{% endfor %}", "it took more than"),
    ("{% for i in range(10**5) %}{% for j in range(10**5) %}x{% endfor %}{% endfor %}", "it took more than"),
    ("{% for i in range(20000) %}{{ 'x' * 1000 }}{% endfor %}", "it wrote more than 10 MiB"),
    (
        '{% set ns = namespace(s="x") %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}',
        "it would make text of 16,777,216 characters",
    ),
    (
        '{% set ns = namespace(s="x") %}{% for i in range(60) %}{% set ns.s = ns.s + ns.s %}{% endfor %}',
        "it would make text of 16,777,216 characters",
    ),
    (
        "{% set ns = namespace(s=[0]) %}{% for i in range(60) %}{% set ns.s = ns.s + ns.s %}{% endfor %}",
        "it would make a list of 1,048,576 items",
    ),
    ('{{ "x" | center(10**9) }}', "it gave the number 1,000,000,000"),
    ('{{ "x".ljust(10**9) }}', "it gave the number 1,000,000,000"),
    ('{{ "%999999999s" | format("x") }}', "its format asks for widths"),
    ('{{ "%999999999s" % "x" }}', "its format asks for widths"),
    ('{{ "{:>999999999}".format("x") }}', "its format asks for widths"),
    ("{{ 9 ** (9 ** 9) }}", "it would compute a number of about"),
    (
        "{% set ns = namespace(n=3) %}{% for i in range(40) %}{% set ns.n = ns.n * ns.n %}{% endfor %}",
        "it would compute a number of about",
    ),
    ('{{ ("a" * 1000) | replace("a", "b" * 100000) }}', "it would make text of 100,101,000 characters"),
    ('{{ ("a" * 1000).replace("a", "b" * 100000) }}', "it would make text of 100,101,000 characters"),
    ('{{ ("a\\n" * 10000) | indent(100000) }}', "it would make text of 1,000,120,000 characters"),
    ("{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(40) }}", "it took more than"),
    ("{% for t in r.levels * 100000 %}{% for u in r.levels * 100000 %}{% endfor %}{% endfor %}", "it took more than"),
]

REFUSED = [
    ('{{ cycler.__init__.__globals__.os.system("touch PWNED") }}', "access to attribute '__init__' of 'type' object"),
    ('{{ self.__init__.__globals__["os"] }}', "access to attribute '__init__'"),
    ('{{ "".__class__.__mro__[1].__subclasses__() }}', "access to attribute '__class__' of 'str' object"),
    ("{{ r.__class__ }}", "access to attribute '__class__'"),
    ("{{ joiner.__init__.__globals__ }}", "access to attribute '__init__'"),
    ("{% set l = [] %}{{ l.append(1) }}", "access to attribute 'append' of 'list' object"),
    ("{{ r.levels.__len__() }}", "access to attribute '__len__'"),
]


def _template(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "tpl"
    folder.mkdir(exist_ok=True)
    (folder / "report.md.j2").write_text(f"# My report\n{text}\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize(("text", "said"), STOPPED, ids=[t for t, _ in STOPPED])
def test_a_template_that_would_run_away_is_stopped(
    coprod: RunCoprod, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, said: str
) -> None:
    folder = _template(tmp_path, text)
    monkeypatch.chdir(tmp_path)
    run = coprod("report", UNIT, "--template", "tpl")
    assert run.code == 2, run
    assert run.stdout == "", run
    place = "tpl/report.md.j2" if "wrote more than" in said else "tpl/report.md.j2:2:1"
    assert run.stderr.startswith(f"coprod: {place}: template stopped: {said}"), run
    assert run.stderr.rstrip("\n").endswith(
        "; a template of your own runs within limits (README, 'Your own report layout')"
    ), run
    assert run.stderr.count("\n") == 1, run
    if "took more than" not in said:  # (tracing every allocation would slow a long loop many times over)
        tracemalloc.start()
        try:
            assert coprod("report", UNIT, "--template", "tpl").stderr == run.stderr
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert peak < SMALL, f"peak {peak / 2**20:.0f} MiB"
    assert not (folder / "PWNED").exists()


@pytest.mark.parametrize(("text", "said"), REFUSED, ids=[t for t, _ in REFUSED])
def test_a_template_cannot_reach_into_python(
    coprod: RunCoprod, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, said: str
) -> None:
    _template(tmp_path, text)
    monkeypatch.chdir(tmp_path)
    run = coprod("report", UNIT, "--template", "tpl")
    assert run.code == 2, run
    assert run.stderr.startswith(f"coprod: tpl/report.md.j2:2:1: template refused: {said}"), run
    assert run.stderr.rstrip("\n").endswith(
        "is unsafe; a template runs in a sandbox: it can lay out the values coprod gives it, "
        "but not reach into Python (names starting with '_') or change coprod's data"
    ), run
    assert not (tmp_path / "PWNED").exists()


def test_a_partial_of_your_own_is_named_where_it_stops(
    coprod: RunCoprod, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _template(tmp_path, "{% include 'part.md.j2' %}")
    (folder / "part.md.j2").write_text("one\ntwo\n{{ 'x' * 10**9 }}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run = coprod("report", UNIT, "--template", "tpl")
    assert run.code == 2, run
    assert run.stderr.startswith("coprod: tpl/part.md.j2:3:1: template stopped: it would make text of"), run


@pytest.mark.parametrize(
    "args",
    [
        ("report", str(UNIT)),
        ("report", str(UNIT), "--format", "html"),
        ("report", str(UNIT), "--style", "easy-read"),
        ("report", str(UNIT), "--style", "easy-read", "--format", "html"),
        ("summary", str(EXAMPLES), "--format", "markdown"),
        ("summary", str(EXAMPLES), "--format", "html"),
    ],
    ids=lambda a: " ".join(a[2:]) or a[0],
)
def test_a_copy_of_the_shipped_templates_renders_the_same(
    coprod: RunCoprod, tmp_path: Path, args: tuple[str, ...]
) -> None:
    """The limits of a template of your own change nothing for a template that keeps to them."""
    shutil.copytree(ROOT / "templates", tmp_path / "tpl")
    shipped = coprod(*args)
    own = coprod(*args, "--template", str(tmp_path / "tpl"))
    assert shipped.code == 0, shipped
    assert own.code == 0, own
    assert own.stdout == shipped.stdout


def test_the_shipped_templates_run_in_the_sandbox_too() -> None:
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from coprod_cli.reports import html_report, markdown_report
    from coprod_cli.resources import data_dir

    for make in (markdown_report.environment, html_report.environment):
        env = make(data_dir("templates"))
        assert isinstance(env, ImmutableSandboxedEnvironment)
        assert not env.bounded
