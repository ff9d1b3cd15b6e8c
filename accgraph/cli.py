"""The ``accgraph`` command line: parse, call, format."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from accgraph import __version__
from accgraph.browser import BROWSER_URL
from accgraph.viz.views import VIEWS as VIEW_NAMES


def default_db_path() -> Path:
    import os

    import platformdirs

    env = os.environ.get("ACCGRAPH_DB")
    return Path(env) if env else Path(platformdirs.user_data_dir("accgraph")) / "accgraph.lbdb"


def backend_options(f):
    """--backend, --db and --uri, shared by every command that touches a database."""

    @click.option("--backend", type=click.Choice(["embedded", "neo4j"]), default="embedded", show_default=True,
                  help="Embedded LadybugDB file, or a Neo4j 5 server.")
    @click.option("--db", "db_path", type=click.Path(path_type=Path, dir_okay=False),
                  help="Embedded database file [default: user data dir, or $ACCGRAPH_DB].")
    @click.option("--uri", help="Neo4j URI [default: $NEO4J_URI or bolt://127.0.0.1:7687]; "
                                "also reads NEO4J_USERNAME, NEO4J_PASSWORD (for a server on this machine, "
                                "scripts/neo4j's generated one by default), NEO4J_DATABASE.")
    @functools.wraps(f)
    def wrapper(*args, backend, db_path, uri, **kwargs):
        return f(*args, target=Target(backend, db_path, uri), **kwargs)

    return wrapper


class Target:
    """Where a command reads or writes: built from the shared options."""

    def __init__(self, backend: str, db_path: Path | None, uri: str | None):
        self.backend, self.uri = backend, uri
        self.db_path = db_path or default_db_path()
        self.explicit_db = db_path is not None

    def open_for_reading(self):
        from accgraph.loader.backends import BackendError, EmbeddedBackend, Neo4jBackend
        from accgraph.loader.load import InvalidSeeds, ensure_embedded

        try:
            if self.backend == "neo4j":
                return Neo4jBackend(self.uri).checked_complete()
            if self.explicit_db and not self.db_path.exists():
                raise click.ClickException(f"no database at {self.db_path}; check the path, or build one there "
                                           f"with 'accgraph load --db {self.db_path}'")
            if not self.explicit_db or not self.db_path.exists():
                try:
                    if ensure_embedded(self.db_path):
                        click.echo(f"Built the embedded database at {self.db_path}", err=True)
                except InvalidSeeds as exc:
                    raise click.ClickException(f"the packaged seeds are invalid: {exc.dataset.issues[0]}")
            return EmbeddedBackend(self.db_path, read_only=True)
        except BackendError as exc:
            raise click.ClickException(" ".join(str(exc).split())) from None  # already redacted


#: Files an output must never replace: the data it comes from.
PROTECTED_SUFFIXES = (".yaml", ".yml", ".cypher")
DATABASE_MAGIC = b"LBUG"


def _protected(out: Path, target: Target | None) -> str | None:
    """Why ``out`` must not be written, or None."""
    from accgraph.seeds_path import default_cypher, default_seeds

    path = out.resolve()
    if target is not None:
        db = target.db_path.resolve()
        if path in (db, db.with_name(db.name + ".wal"), db.with_name(db.name + ".shadow")):
            return "it is the database this command reads"
    for folder in (default_seeds(), default_cypher()):
        if path.is_relative_to(folder.resolve()):
            return "it is part of the packaged seeds and queries"
    if path.is_file():
        if path.suffix.lower() in PROTECTED_SUFFIXES:
            return f"it is a {path.suffix} file (seeds and queries are never outputs)"
        try:
            with path.open("rb") as fh:
                if fh.read(len(DATABASE_MAGIC)) == DATABASE_MAGIC:
                    return "it is a LadybugDB database"
        except OSError:
            pass
    return None


def write_output(out: Path, text: str, target: Target | None = None) -> None:
    """Write an output file: never over a database or a seed file; missing folders are created."""
    why = _protected(out, target)
    if why:
        raise click.ClickException(f"refusing to write {out}: {why}; choose another output file")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"cannot write {out}: {exc.strerror or exc}") from None


def run_errors(f):
    """Turn expected failures into one clear line and a non-zero exit."""

    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        from accgraph.loader.backends import BackendError, redact
        from accgraph.queries import QueryError

        try:
            return f(*args, **kwargs)
        except (BackendError, QueryError) as exc:
            raise click.ClickException(redact(" ".join(str(exc).split()))) from None  # one line
        except Exception as exc:
            if not type(exc).__module__.startswith("neo4j."):
                raise
            # The driver's own errors (a server that went away, a failed write): one line too.
            text = getattr(exc, "message", None) or str(exc) or type(exc).__name__
            raise click.ClickException(redact(f"Neo4j: {' '.join(str(text).split())}")) from None

    return wrapper


@click.group()
@click.version_option(__version__, prog_name="accgraph")
@click.option("--queries", "query_dirs", multiple=True, type=click.Path(path_type=Path, file_okay=False),
              help="A folder of your own .cypher queries (same header as the packaged ones); repeat for several. "
                   "Also read from $ACCGRAPH_QUERIES (folders separated by ':').")
@click.option("--override-packaged", is_flag=True,
              help="Let a query of yours replace the packaged query of the same name.")
def main(query_dirs: tuple, override_packaged: bool) -> None:
    """accountability-graph: who was responsible, who reported to whom, who was
    immune, and who could have lifted that immunity."""
    from accgraph import queries

    queries.configure(query_dirs, override_packaged)


@main.command()
@backend_options
@click.option("--seeds", type=click.Path(path_type=Path, exists=True), help="Seed directory [default: packaged seeds].")
@click.option("--replace", is_flag=True, help="Wipe the graph first, so it holds exactly the seeds.")
@click.option("--force", is_flag=True, help="Allow --replace on a database accgraph did not create.")
@click.option("--batch-size", type=click.IntRange(1), default=1000, show_default=True, help="Rows per UNWIND batch.")
@run_errors
def load(target: Target, seeds: Path | None, replace: bool, force: bool, batch_size: int) -> None:
    """Validate the seeds and load them, all or nothing."""
    from accgraph.loader import load as L, rows as R
    from accgraph.loader.backends import Neo4jBackend

    bar = None

    def on_start(total: int) -> None:
        nonlocal bar
        bar = click.progressbar(length=total, label="Loading", file=sys.stderr)
        bar.__enter__()

    def progress(st) -> None:
        if st.label not in R.INDEX_GROUPS:  # the bar counts records; derived index rows come on top
            bar.update(len(st.rows))

    try:
        if target.backend == "neo4j":
            with Neo4jBackend(target.uri) as be:
                result = L.load(be, seeds, replace=replace, force=force, progress=progress,
                                on_start=on_start, batch_size=batch_size)
            where = f"Neo4j at {be.uri}"
        else:
            result = L.load(None, seeds, replace=replace, force=force, embedded_path=target.db_path,
                            progress=progress, on_start=on_start, batch_size=batch_size)
            where = str(target.db_path)
    except L.InvalidSeeds as exc:
        for issue in exc.dataset.issues:
            click.echo(str(issue), err=True)
        raise click.ClickException(str(exc)) from None
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    click.echo(f"Loaded {result.rows} rows into {where} in {result.seconds:.2f} s")
    if result.warnings:
        listing = "accgraph validate" + (f" {seeds}" if seeds is not None else "")
        click.echo(f"{result.warnings} validation warning(s) not accepted; '{listing}' lists them", err=True)
    for section in ("nodes", "edges"):
        counts = getattr(result, section)
        click.echo(f"{section}: {sum(counts.values())}")
        for kind, n in counts.items():
            click.echo(f"  {kind:<20} {n:>6}")


from accgraph.cmd_validate import validate  # noqa: E402

main.add_command(validate)


@main.command("queries")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@run_errors
def list_queries(fmt: str) -> None:
    """List the canned queries."""
    from accgraph import output, queries

    rows = []
    for q in queries.catalogue().values():
        params = ", ".join(f"{p.name}{'' if p.required else '?'}" for p in q.params)
        rows.append({"name": q.name, "category": q.category, "title": q.title, "parameters": params})
    click.echo(output.render(["name", "category", "title", "parameters"], rows, fmt), nl=False)


def param_option(f):
    return click.option("-p", "--param", "params", nargs=2, multiple=True, metavar="NAME VALUE",
                        help="A query parameter; repeat for several.")(f)


def redact_option(f):
    return click.option("--redact", is_flag=True,
                        help="Replace restricted names and quotes with stable placeholders.")(f)


def format_option(f):
    return click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default=None,
                        help="Output format [default: table on a terminal, json otherwise].")(f)


@main.command()
@click.argument("name")
@param_option
@format_option
@backend_options
@run_errors
def query(name: str, params: tuple, fmt: str | None, target: Target) -> None:
    """Run the canned query NAME (see 'accgraph queries')."""
    from accgraph import output, queries

    q = queries.get(name)
    queries.check_names(q, dict(params))
    with target.open_for_reading() as be:
        columns, rows = queries.run(be, q, dict(params))
    fmt = fmt or ("table" if sys.stdout.isatty() else "json")
    click.echo(output.render(columns, rows, fmt), nl=False)


@main.command()
@click.option("-o", "--output", "out", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="File to write.")
@click.option("--html", is_flag=True, help="Write HTML instead of Markdown.")
@redact_option
@backend_options
@run_errors
def report(out: Path, html: bool, redact: bool, target: Target) -> None:
    """Write the accountability report: immunity, waivers, allegations, gaps, disputes."""
    from accgraph import report as R

    with target.open_for_reading() as be:
        text = R.build(be, html=html, redact=redact)
    write_output(out, text, target)
    click.echo(f"Wrote {out}")


@main.command()
@click.argument("view", type=click.Choice(list(VIEW_NAMES)))
@click.option("-o", "--output", "out", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="HTML file to write.")
@param_option
@redact_option
@backend_options
@run_errors
def viz(view: str, out: Path, params: tuple, redact: bool, target: Target) -> None:
    """Draw VIEW as a self-contained HTML network (works offline)."""
    from accgraph.viz import render, views

    with target.open_for_reading() as be:
        try:
            model = views.build(be, view, dict(params))
        except views.ViewError as exc:
            raise click.ClickException(str(exc)) from None
        if redact:
            from accgraph.redact import Redactor

            model = Redactor(be).view(model)
    write_output(out, render.render(model), target)
    click.echo(f"Wrote {out} ({len(model.nodes)} nodes, {len(model.edges)} edges)")


@main.group()
def browser() -> None:
    """Explore the graph in the Neo4j Browser: stylesheet, guide, deep links."""


def _write_or_echo(text: str, out: Path | None, target: Target | None = None) -> None:
    if out is None:
        click.echo(text, nl=False)
    else:
        write_output(out, text, target)
        click.echo(f"Wrote {out}")


@browser.command("style")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path, dir_okay=False),
              help="GraSS file to write [default: standard output].")
def browser_style(out: Path | None) -> None:
    """Write the GraSS stylesheet: drag the file onto the Browser, or paste it after ':style'."""
    from accgraph import browser as B

    _write_or_echo(B.grass(), out)


@browser.command("guide")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path, dir_okay=False),
              help="HTML file to write [default: standard output, unless --serve].")
@click.option("--serve", is_flag=True, help="Serve the guide and the stylesheet on 127.0.0.1 until Ctrl-C.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="Port for --serve.")
@redact_option
@backend_options
@run_errors
def browser_guide(out: Path | None, serve: bool, port: int, redact: bool, target: Target) -> None:
    """Write or serve a Neo4j Browser guide: one slide per canned query (open it with ':play URL')."""
    from accgraph import browser as B, queries

    cat = queries.catalogue()
    with target.open_for_reading() as be:
        params = B.example_params(be, cat)
        if redact:
            from accgraph.redact import Redactor

            params = Redactor(be).scrub(params)
    if not serve:
        _write_or_echo(B.guide_html(cat, params), out, target)
        return
    try:
        server = B.guide_server(cat, params, port)
    except OSError as exc:
        raise click.ClickException(f"cannot serve on 127.0.0.1:{port}: {exc.strerror or exc}") from None
    if out is not None:
        _write_or_echo(server.pages[B.GUIDE_PATH][0], out, target)
    click.echo("In the Neo4j Browser, run:")
    click.echo(f"  :play {B.play_url(server)}")
    click.echo(f"  :style {B.play_url(server, B.GRASS_PATH)}")
    click.echo("Serving until Ctrl-C.", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@browser.command("link")
@click.argument("name")
@param_option
@click.option("--base", default=BROWSER_URL, show_default=True, help="The Browser's address.")
@backend_options
@run_errors
def browser_link(name: str, params: tuple, base: str, target: Target) -> None:
    """Print a Neo4j Browser URL whose editor holds query NAME, parameters filled in: press Run."""
    from accgraph import browser as B, queries

    q = queries.get(name)
    queries.check_names(q, dict(params))
    with target.open_for_reading() as be:
        bound = queries.bind(be, q, dict(params))
    try:
        click.echo(B.deep_link(q, bound, base))
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None


@main.command(hidden=True)
@click.option("--check", is_flag=True, help="Fail if the generated docs are out of date; change nothing.")
def docs(check: bool) -> None:
    """Regenerate docs/data-model.md (schema part) and docs/queries.md."""
    from accgraph import docs as D

    docs_dir = Path.cwd() / "docs"
    if not (docs_dir / "data-model.md").exists():
        raise click.ClickException("run this from the project's top folder (docs/data-model.md not found)")
    if check:
        stale = D.stale(docs_dir)
        if stale:
            raise click.ClickException("out of date: " + ", ".join(str(p) for p in stale))
        click.echo("docs are up to date")
        return
    for p in D.write_all(docs_dir):
        click.echo(f"wrote {p}")


from accgraph import cmd_explore  # noqa: E402  (its commands use the helpers above)

main.add_command(cmd_explore.search_cmd)
main.add_command(cmd_explore.show_cmd)
main.add_command(cmd_explore.cypher_cmd)
main.add_command(cmd_explore.export_cmd)

from accgraph.cmd_explain import explain_command  # noqa: E402

main.add_command(explain_command)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
