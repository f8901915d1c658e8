"""`flask --app portal tilsyn --fra 2026-01 --til 2026-12 [--organisation NAVN-eller-nummer] [--csv]`: the
supervision's monthly figures (R27, issue 17) for batch use, as a table or CSV; `flask --app portal tilsyn
opdater`: every course's stored milestones computed again (``course_milestones``). ``tilsyn`` is also the group
of the operator's commands for the agency's supervisor accounts (:mod:`portal.cli_supervisors`).

Every a-kasse and then every jobcenter, or the one organisation named; one line per organisation and month
(:func:`scheduling.services.supervision.monthly_figures`, counted in the database). How the figure is counted is
``COUNTING`` (printed under the table) and docs/supervision.md.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from portal.cli_supervisors import add_commands
from scheduling.course import Organisation

_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_KINDS = {Organisation.AKASSE: "a-kasse", Organisation.JOBCENTER: "jobcenter"}
_HEADER = ("organisation", "type", "måned", "talt med", "uden samtalerne", "andel", "over 20 %",
           "måneder i træk", "STAR kontakter")


def parse_month(text: str, option: str) -> date:
    """'2026-01' as 1 January 2026; a Danish error otherwise."""
    found = _MONTH.fullmatch(text.strip())
    if found is None or not 1 <= int(found.group(2)) <= 12 or int(found.group(1)) < 1:
        raise click.UsageError(f"{option} skal være en måned skrevet som ÅÅÅÅ-MM, fx 2026-01, ikke »{text}«.")
    return date(int(found.group(1)), int(found.group(2)), 1)


def percent(share: Decimal) -> str:
    return str((share * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)).replace(".", ",")


def register(app: Flask) -> None:
    # A group that is also a command: `tilsyn --fra … --til …` prints the figures, `tilsyn opret-tilsynsfoerende`
    # and `tilsyn spaer-tilsynsfoerende` manage the supervisor accounts.
    @app.cli.group("tilsyn", invoke_without_command=True)
    @click.option("--fra", "first", help="den første måned, ÅÅÅÅ-MM (påkrævet for tallene)")
    @click.option("--til", "last", help="den sidste måned, ÅÅÅÅ-MM (påkrævet for tallene)")
    @click.option("--organisation", help="kun denne a-kasse eller dette jobcenter (navn eller nummer)")
    @click.option("--csv", "as_csv", is_flag=True, help="CSV i stedet for en tabel")
    @click.pass_context
    @with_appcontext  # a group's own callback gets no app context from AppGroup (its commands do)
    def supervision(ctx: click.Context, first: str | None, last: str | None, organisation: str | None,
                    as_csv: bool) -> None:
        """The supervision's figures (R27): each a-kasse's and jobcenter's share of the people who reached 3 or 6
        months without the job interviews required, month by month, the 20 % line and months in a row
        (``tilsyn opdater``: rebuild the stored milestones they are counted from)."""
        if ctx.invoked_subcommand is not None:
            if first or last or organisation or as_csv:
                raise click.UsageError(f"--fra, --til, --organisation og --csv hører ikke til {ctx.invoked_subcommand}.")
            return
        if first is None and last is None:
            raise click.UsageError("Skriv både --fra og --til som måneder ÅÅÅÅ-MM, fx --fra 2026-01 --til 2026-12 "
                                   "(eller: tilsyn opdater, tilsyn opret-tilsynsfoerende, tilsyn spaer-tilsynsfoerende).")
        if first is None or last is None:
            missing = "--fra" if first is None else "--til"
            raise click.UsageError(f"Skriv {missing} som en måned ÅÅÅÅ-MM, fx 2026-01 (eller: tilsyn opdater).")
        _print_figures(first, last, organisation, as_csv)

    @supervision.command("opdater")
    @click.option("--parti", "batch", type=click.IntRange(1), default=5000, show_default=True,
                  help="forløb pr. transaktion")
    def rebuild(batch: int) -> None:
        """Compute every course's stored milestones again (the registered hand-over and 6-month day, the
        whole-month exemptions before them and the held interviews counted against them, R27): after rows were
        written around the portal (a COPY) or a change to how they are computed. What changes with a course or a
        held interview is written with the change itself."""
        import time

        from portal.database import unit_of_work
        from scheduling.services.supervision import rebuild_milestones

        started = time.monotonic()

        def progress(done: int, total: int) -> None:
            click.echo(f"{done}/{total} forløb, {time.monotonic() - started:.0f} s (courses, elapsed)")

        done = rebuild_milestones(lambda: unit_of_work(current_app), batch=batch, progress=progress)
        click.echo(f"Tilsynets milepæle er beregnet for {done} forløb ({time.monotonic() - started:.1f} s).")

    add_commands(supervision)


def _print_figures(first: str, last: str, organisation: str | None, as_csv: bool) -> None:
    """The figures from ``first`` to ``last`` (ÅÅÅÅ-MM) as a table with how they are counted, or as CSV."""
    from portal.database import unit_of_work
    from scheduling.services.errors import DomainError
    from scheduling.services.supervision import COUNTING, find_organisation, monthly_figures

    start, end = parse_month(first, "--fra"), parse_month(last, "--til")
    if start > end:
        raise click.UsageError("--fra skal være før eller den samme måned som --til.")
    try:
        if organisation is not None:
            organisation_id, kind = find_organisation(unit_of_work(current_app), organisation)
            wanted: list[tuple[Organisation, int | None]] = [(kind, organisation_id)]
        else:
            wanted = [(Organisation.AKASSE, None), (Organisation.JOBCENTER, None)]
        figures = [
            f for kind, one in wanted
            for f in monthly_figures(unit_of_work(current_app), kind=kind, first=start, last=end,
                                     organisation_id=one)
        ]
    except DomainError as error:
        raise click.ClickException(error.reason.render()) from error
    rows = [
        (f.organisation_name, _KINDS[f.kind], f"{f.month:%Y-%m}", str(f.counted), str(f.without),
         percent(f.share), "ja" if f.above else "nej", str(f.in_a_row), "ja" if f.star_contacts else "nej")
        for f in figures
    ]
    if as_csv:
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";", lineterminator="\n")
        writer.writerow(_HEADER)
        writer.writerows(rows)
        click.echo(out.getvalue(), nl=False)
        return
    widths = [max(len(str(cell)) for cell in column) for column in zip(_HEADER, *rows, strict=False)]
    numeric = {3, 4, 5, 7}
    for line in (_HEADER, *rows):
        click.echo("  ".join(
            cell.rjust(width) if i in numeric else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(line, widths, strict=True))
        ).rstrip())
    click.echo("")
    click.echo("Sådan er tallet opgjort:")
    for kind in dict.fromkeys(f.kind for f in figures) or [k for k, _ in wanted]:
        click.echo(f"{_KINDS[kind].capitalize()}:")
        for sentence in COUNTING[kind]:
            click.echo(f"- {sentence}")
