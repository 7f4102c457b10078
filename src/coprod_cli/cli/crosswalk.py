"""``summary --crosswalk``: the summary's units laid against a crosswalk (docs/crosswalks.md,
"Across units").  Kept apart from ``cli/rollup.py`` so that module stays one command's options."""

from pathlib import Path

from coprod_cli.cli.exits import print_warnings
from coprod_cli.rollup.summary import Summary


def summary_against(ref: str, summary: Summary, kind: str, template: Path | None) -> str:
    """The summary against the crosswalk ``ref`` names, in ``kind`` (text, json, markdown, html)."""
    from coprod_cli.framework.crosswalk import load_crosswalk
    from coprod_cli.reports import crosswalk as render
    from coprod_cli.scoring.crosswalk import across

    found = across(load_crosswalk(ref), summary.units)
    print_warnings(found.warnings)
    if kind == "json":
        from coprod_cli.reports.json_result import dumps

        return dumps(render.across_dict(found))
    if kind == "text":
        return render.across_text(found)
    from coprod_cli.reports.bilingual import in_chosen_languages

    if kind == "html":
        return in_chosen_languages(lambda: render.render_summary(found, "html", template_dir=template), "html")
    return in_chosen_languages(lambda: render.render_summary(found, "md", template_dir=template), "markdown")
