"""The ``accgraph`` command line: parse, call, format."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from accgraph import __version__


@click.group()
@click.version_option(__version__, prog_name="accgraph")
def main() -> None:
    """accountability-graph: who was responsible, who reported to whom, who was
    immune, and who could have lifted that immunity."""


@main.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--sources-dir", type=click.Path(path_type=Path, file_okay=False),
              help="Directory of the source documents; quotes are checked against them.")
def validate(path: Path | None, sources_dir: Path | None) -> None:
    """Check the seed YAML files: schema, cross-references and provenance."""
    from accgraph.loader import validate as v
    from accgraph.seeds_path import default_seeds

    if sources_dir is not None and not sources_dir.is_dir():
        raise click.ClickException(f"sources directory not found: {sources_dir}")
    ds = v.read(path or default_seeds(), sources_dir)
    for issue in ds.issues:
        click.echo(str(issue), err=True)
    if ds.issues:
        raise click.ClickException(f"{len(ds.issues)} error(s) in {len(ds.files)} file(s)")
    n_nodes, n_edges = len(ds.nodes), len(ds.edges)
    click.echo(f"ok: {len(ds.files)} files, {n_nodes} nodes, {n_edges} edges")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
