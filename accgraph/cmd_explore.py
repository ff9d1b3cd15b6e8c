"""Commands to explore the graph beyond the canned queries: search, show, cypher."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from accgraph import schema as S
from accgraph.cli import Target, backend_options, format_option, redact_option, run_errors


def _fmt(fmt: str | None) -> str:
    return fmt or ("table" if sys.stdout.isatty() else "json")


def kind_option(f):
    return click.option("--kind", "kinds", multiple=True, type=click.Choice(list(S.NODES)), metavar="KIND",
                        help="Only records of this node type; repeat for several.")(f)


@click.command("search")
@click.argument("text")
@kind_option
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True, help="Hits to show at most.")
@format_option
@backend_options
@run_errors
def search_cmd(text: str, kinds: tuple, limit: int, fmt: str | None, target: Target) -> None:
    """Search every record for TEXT: names, aliases, summaries, texts, notes and quotes.

    Case and diacritics do not matter ("Pec", "Peć" and "PEC" are one word); a
    record matches when it holds every word of TEXT. Hits come best first, each
    with its kind, id, name, and the field and snippet that matched.
    """
    from accgraph import output, search

    with target.open_for_reading() as be:
        try:
            hits = search.search(be, text, list(kinds), limit)
        except search.SearchError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(output.render(["kind", "id", "name", "field", "snippet"], [h.row() for h in hits], _fmt(fmt)), nl=False)


@click.command("show")
@click.argument("record")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@backend_options
@run_errors
def show_cmd(record: str, fmt: str, target: Target) -> None:
    """Show RECORD (an id, name or alias of any kind): its properties, its relations
    in and out as sentences, and every citation with its quote.

    Hedged facts, the project's editorial identifications and second-hand
    citations (a document reporting what another said) are marked.
    """
    from accgraph import show

    with target.open_for_reading() as be:
        rec = show.record(be, show.resolve(be, record))
    if fmt == "json":
        click.echo(json.dumps(rec, indent=2, ensure_ascii=False, default=str))
    else:
        click.echo(show.to_text(rec), nl=False)


@click.command("cypher")
@click.argument("statement")
@click.option("-p", "--param", "params", nargs=2, multiple=True, metavar="NAME VALUE",
              help="A parameter ($NAME in the statement); numbers, true/false and JSON lists are parsed.")
@format_option
@backend_options
@run_errors
def cypher_cmd(statement: str, params: tuple, fmt: str | None, target: Target) -> None:
    """Run one read-only Cypher STATEMENT on either backend.

    Writes are refused: the embedded database is opened read-only and Neo4j runs
    the statement in a read transaction. File access (LOAD CSV, COPY, EXPORT),
    several statements at once and procedures that are not read-only catalogue
    look-ups are refused as well. Example:

        accgraph cypher 'MATCH (f:Facility) RETURN f.id AS id, f.name AS name ORDER BY id'
    """
    from accgraph import adhoc, output

    values = adhoc.parse_params(params)
    adhoc.check(statement)
    with target.open_for_reading() as be:
        columns, rows = adhoc.run(be, statement, values)
    click.echo(output.render(columns, rows, _fmt(fmt)), nl=False)


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(["graphml", "gexf", "csv", "ndjson", "ftm"]), required=True,
              help="graphml, gexf (Gephi), csv (a folder for neo4j-admin import), ndjson, ftm (FollowTheMoney).")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), required=True,
              help="File to write (a folder for csv).")
@kind_option
@redact_option
@backend_options
@run_errors
def export_cmd(fmt: str, out: Path, kinds: tuple, redact: bool, target: Target) -> None:
    """Export the graph for Gephi, Aleph, another Neo4j or a spreadsheet (see docs/exchange.md).

    With --kind, only nodes of those types and the edges between them.
    """
    from accgraph import export as X

    with target.open_for_reading() as be:
        try:
            counts = X.export(be, fmt, out, list(kinds), redact)
        except X.ExportError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"Wrote {out} ({counts['nodes']} nodes, {counts['edges']} edges)")
