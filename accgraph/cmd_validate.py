"""``accgraph validate``: check the seeds, list warnings and probable duplicates, fix line ranges."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--sources-dir", type=click.Path(path_type=Path, file_okay=False),
              help="Directory of the source documents; quotes and locators are checked against them.")
@click.option("--fix-locators", is_flag=True,
              help="Rewrite cited line ranges that miss their quote (needs --sources-dir); quotes are never changed.")
@click.option("--accepted", "show_accepted", is_flag=True, help="Also list the warnings that records accept.")
@click.option("--duplicates", is_flag=True, help="List probable duplicate records across files, for a human to decide.")
@click.option("--strict", is_flag=True, help="Exit non-zero when any warning is not accepted.")
def validate(path: Path | None, sources_dir: Path | None, fix_locators: bool, show_accepted: bool,
             duplicates: bool, strict: bool) -> None:
    """Check the seed YAML files: schema, cross-references and provenance.

    Errors print as 'file:line: path: message' and block loading; warnings
    print as 'file:line: path: warning: message [check]' and do not. A record
    accepts a warning with "accept: ['check: reason']".
    """
    from accgraph.loader import locators
    from accgraph.loader import validate as v
    from accgraph.seeds_path import default_seeds

    if sources_dir is not None and not sources_dir.is_dir():
        raise click.ClickException(f"sources directory not found: {sources_dir}")
    if fix_locators and sources_dir is None:
        raise click.ClickException("--fix-locators needs --sources-dir")
    path = path or default_seeds()
    ds = v.read(path, sources_dir)
    if fix_locators and ds.fixes:
        done, skipped = locators.apply_fixes(ds.fixes)
        for fx in skipped:
            click.echo(f"{fx.file}:{fx.line}: could not rewrite {fx.old!r} as {fx.new!r}", err=True)
        click.echo(f"fixed {done} line range(s)", err=True)
        ds = v.read(path, sources_dir)
    for issue in ds.issues:
        click.echo(str(issue), err=True)
    if not ds.issues:  # warnings wait until the errors are fixed
        for issue in ds.warnings + (ds.accepted if show_accepted else []):
            click.echo(str(issue), err=True)
    if duplicates:
        from accgraph.loader import duplicates as d

        for line in d.listing(ds):
            click.echo(line)
    if ds.issues:
        raise click.ClickException(f"{len(ds.issues)} error(s) in {len(ds.files)} file(s)")
    if strict and ds.warnings:
        raise click.ClickException(f"{len(ds.warnings)} warning(s) not accepted in {len(ds.files)} file(s)")
    tail = f"; {len(ds.warnings)} warning(s)" if ds.warnings else ""
    tail += f"; {len(ds.accepted)} accepted" if show_accepted and ds.accepted else ""
    click.echo(f"ok: {len(ds.files)} files, {len(ds.nodes)} nodes, {len(ds.edges)} edges{tail}")
