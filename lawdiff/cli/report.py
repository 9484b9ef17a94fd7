"""``lawdiff report``: the ``diff`` command with a report format by default.

A shortcut, not a second implementation: its options are the ``diff`` command's own click parameters
(minus those that only shape terminal output) and it runs ``diff`` itself, so the two cannot drift
apart — same loading, same exit codes (0 no differences, 1 differences, 2 trouble), same atomic write.
"""

from __future__ import annotations

import copy

import click

from lawdiff.cli.group import diff, main

#: diff options that only shape terminal output; a report has no use for them.
TERMINAL_ONLY = frozenset({"side_by_side", "only_changed", "context", "color", "width", "no_signal"})
FORMATS = ("markdown", "json", "html")


def _params() -> list[click.Parameter]:
    params: list[click.Parameter] = []
    for p in diff.params:
        if p.name in TERMINAL_ONLY:
            continue
        if p.name == "fmt":
            params.append(
                click.Option(
                    ["--format", "fmt"],
                    type=click.Choice(FORMATS),
                    default="markdown",
                    show_default=True,
                    help="Report format.",
                )
            )
            continue
        params.append(copy.copy(p))
    return params


@click.command("report", params=_params(), context_settings={"help_option_names": ["-h", "--help"]})
@click.pass_context
def report(ctx: click.Context, **options: object) -> None:
    """Write the comparison as a report: a Markdown 修改对照表 (or JSON, or one HTML page).

    Draft on the left, final on the right, article by article; deleted words ~~struck~~, inserted
    words **bold**, unchanged articles once with 同左 (--show-unchanged prints both); under each
    changed article its label and the rules that fired.  The same inputs give byte-identical output
    (no time unless --timestamp, no absolute paths), so reports can be committed and diffed.
    Exit status as for diff: 0 no differences, 1 differences, 2 trouble.

    \b
    Example:
      lawdiff report corpora/genai-2023/draft.txt corpora/genai-2023/final.txt -o genai-2023.md
    """
    ctx.invoke(diff, **options)


if main.get_command(click.Context(main), "report") is None:  # imported before cli registered it
    main.add_command(report)
