"""The `minutes` command: run the pipeline over an archive, run one DVC stage, print the data dictionary,
params.yaml or dvc.yaml, build the review site, export CSV/Excel."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from typer.core import TyperCommand, TyperGroup

from pipeline import __version__
from pipeline.run.export import OutputError


def _blank_flag_types(params: list) -> list:
    """--help shows no '<bool>' type on flags (an on/off switch takes no value)."""
    for p in params:
        if getattr(p, "is_flag", False) and not p.metavar:
            p.metavar = ""
    return params


class _Command(TyperCommand):
    def get_params(self, ctx):
        return _blank_flag_types(super().get_params(ctx))


class _Group(TyperGroup):
    def get_params(self, ctx):
        return _blank_flag_types(super().get_params(ctx))


# markdown: a docstring's single line breaks are wrapped to the terminal, not printed as they are
app = typer.Typer(help="Turn archives of Swedish meeting minutes into Parquet research data.", cls=_Group,
                  rich_markup_mode=None, no_args_is_help=True, add_completion=False)
console = Console(stderr=True)

ParamsOption = Annotated[Path | None, typer.Option(
    "--params", help="Parameters file (params.yaml); without it every stage uses its declared defaults.")]


def _version(value: bool) -> None:
    if value:
        print(__version__)
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                               help="Print the version and exit.")] = False) -> None:
    """Turn archives of Swedish meeting minutes into Parquet research data."""


def _settings(params: Path | None, mask_identifiers: bool | None):
    """The run's parameters: the file's, with --mask-identifiers/--no-mask-identifiers on top."""
    from pipeline.contract.stage import ParamsError
    from pipeline.run.registry import load_params, parse_params

    try:
        settings = load_params(params)
        if mask_identifiers is not None:
            sections = settings.as_dict()
            sections["identifiers"] = {**sections["identifiers"], "mask": mask_identifiers}
            settings = parse_params(sections)
    except ParamsError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    return settings


def _print_summary(summary, out: Path) -> None:
    """The table at the end of a run, and the first failed and skipped paths."""
    table = Table(title=f"minutes {__version__}: {out}", show_header=False)
    c = summary.counts
    speed = summary.words / max(summary.seconds, 1e-9)
    for label, value in [("documents read", summary.ok), ("documents failed", summary.failed),
                         ("paths skipped", summary.skipped),
                         ("processed / reused", f"{summary.processed} / {summary.reused}"),
                         ("meetings", c.get("meetings", 0)), ("attendees", c.get("attendees", 0)),
                         ("sections", c.get("sections", 0)), ("entities", c.get("entities", 0)),
                         ("decisions", c.get("decisions", 0)), ("action items", c.get("action_items", 0)),
                         ("OCR corrections", c.get("corrections", 0)), ("persons", c.get("persons", 0)),
                         ("identifiers", c.get("identifiers", 0)),
                         ("warnings", f"{summary.warnings} on {summary.documents_with_warnings} documents"),
                         ("time", f"{summary.seconds:.1f} s ({speed:,.0f} words/s)")]:
        table.add_row(label, str(value))
    Console().print(table)
    for what, rows, more in (("failed", summary.errors, "documents.error"),
                             ("skipped", summary.skips, "documents.error of status 'skipped'")):
        for path, why in rows[:20]:
            console.print(f"[yellow]{what}:[/yellow] {escape(path)}: {escape(why)}")
        if len(rows) > 20:
            console.print(f"... and {len(rows) - 20} more {what} (see {more})")


@app.command(cls=_Command)
def run(
    inputs: Annotated[list[Path], typer.Argument(help="Files or folders of minutes (folders are read recursively).",
                                                 exists=True, metavar="INPUT")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder for the Parquet tables.")] = Path(
        "data/processed"),
    params: ParamsOption = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Worker processes on this machine.")] = 1,
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Address of a Dask scheduler to run on.")] = None,
    fresh: Annotated[bool, typer.Option("--fresh", help="Process every document again, ignoring results kept "
                                                         "from earlier runs in OUT/.cache.")] = False,
    follow_symlinks: Annotated[bool, typer.Option(
        "--follow-symlinks", help="Also read symlinks that point outside the input folders (by default they are "
                                  "skipped, so a link cannot pull files from elsewhere into the dataset).")] = False,
    mask_identifiers: Annotated[bool | None, typer.Option(
        "--mask-identifiers/--no-mask-identifiers", show_default=False,
        help="Replace personnummer, samordningsnummer, phone numbers and e-mail addresses in the text by "
             "'[personnummer]', '[telefonnummer]', ... (default: on; params identifiers.mask).")] = None,
    pseudonymize: Annotated[bool, typer.Option(
        "--pseudonymize", help="Write to OUT a dataset in which every person name is replaced by a stable pseudonym "
                               "('Person 17') and every identifier and street address by a placeholder; the "
                               "identified dataset and its cache go to --identified-out.")] = False,
    identified_out: Annotated[Path | None, typer.Option(
        "--identified-out", help="With --pseudonymize: where the identified dataset is kept "
                                 "(default: OUT-identified beside OUT; keep it private).")] = None,
    overrides: Annotated[Path | None, typer.Option(
        "--overrides", help="Hand corrections (YAML) applied after extraction on every run; default: "
                            "OUT/overrides.yaml when it exists. See docs/overrides.md.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log every document (to the terminal, and to "
                                                                   "--log-file).")] = False,
    log_file: Annotated[Path | None, typer.Option("--log-file", help="Write the run's log (documents, warnings, "
                                                                      "errors) to this file.")] = None,
) -> None:
    """Process minutes and write documents, meetings, attendees, sections, entities, decisions,
    action_items, corrections, identifiers and persons as Parquet tables to OUT.

    Every path found under the inputs gets a row in documents: status ok, error (with the reason)
    or skipped (with the reason: an unsupported kind, a hidden file, a symlink out of the input
    folder, a fifo or device, a duplicate). A re-run into the same OUT processes only new or
    changed documents (results are kept in OUT/.cache); a stopped run resumes. Exits 0 when the
    run finished, also when some documents failed; non-zero only when the run itself could not
    proceed.
    """
    from pipeline.products.overrides import OverrideError
    from pipeline.run.runner import run_archive

    _logging(verbose, log_file)
    settings = _settings(params, mask_identifiers)
    work_out = out
    if pseudonymize:
        work_out = identified_out or out.with_name(out.name + "-identified")
        if work_out.resolve() == out.resolve():
            console.print("[red]error:[/red] --identified-out must differ from --out")
            raise typer.Exit(2)
    progress = Progress(TextColumn("[bold]minutes"), BarColumn(), MofNCompleteColumn(),
                        TextColumn("{task.description}"), TimeRemainingColumn(), console=console, disable=quiet)
    with progress:
        task = progress.add_task("documents", total=None)
        try:
            summary = run_archive(
                inputs, work_out, settings, workers=workers, scheduler=scheduler, fresh=fresh, overrides=overrides,
                follow_symlinks=follow_symlinks, on_start=lambda n: progress.update(task, total=n),
                on_document=lambda rec: progress.update(task, advance=1,
                                                        description=escape(rec.document["source_path"][-40:])))
        except (OutputError, OverrideError) as exc:
            console.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(2) from exc
    if summary.overrides:
        for miss in summary.overrides["not_applied"]:
            console.print(f"[yellow]override not applied:[/yellow] {escape(miss['entry'])}: {escape(miss['why'])}")
    if pseudonymize:
        _pseudonymize(work_out, out)
    _print_summary(summary, out)


def _logging(verbose: bool, log_file: Path | None) -> None:
    """The 'minutes' logger: warnings (failed documents) to the terminal, everything with --verbose;
    --log-file gets every record with a timestamp."""
    import logging

    from rich.logging import RichHandler

    log = logging.getLogger("minutes")
    log.setLevel(logging.DEBUG)
    log.handlers.clear()
    term = RichHandler(console=console, show_path=False, show_time=False)
    term.setLevel(logging.DEBUG if verbose else logging.ERROR)
    log.addHandler(term)
    if log_file:
        fh = logging.FileHandler(log_file, encoding="utf-8")
        fh.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        fh.setLevel(logging.DEBUG)
        log.addHandler(fh)


def _pseudonymize(identified: Path, out: Path) -> None:
    from pipeline.products.pseudonymize import pseudonymize_dataset

    try:
        pseudo = pseudonymize_dataset(identified, out)
    except OSError as exc:
        console.print(f"[red]error:[/red] cannot write the pseudonymised dataset to {out}: {exc}")
        raise typer.Exit(2) from exc
    console.print(f"pseudonymised {pseudo['persons']} persons into {out}; "
                  f"the identified dataset is in {identified} (keep it private)")


@app.command(cls=_Command)
def stage(
    name: Annotated[str, typer.Argument(help="ingest, repair, segment, ner, extract or export.")],
    inp: Annotated[Path, typer.Option("--in", help="Input: the raw archive (ingest) or the previous stage's folder.")],
    out: Annotated[Path, typer.Option("--out", help="Output folder of this stage.")],
    params: ParamsOption = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Worker processes on this machine.")] = 1,
) -> None:
    """Run one stage on its own (the DVC pipeline in dvc.yaml runs these in order), through the
    same passes as `minutes run`."""
    from pipeline.contract.stage import ParamsError
    from pipeline.run.dvc import run_stage

    try:
        counts = run_stage(name, inp, out, params, workers=workers)
    except (KeyError, OutputError, ParamsError, FileNotFoundError, ValueError) as exc:
        console.print(f"[red]error:[/red] {exc.args[0] if isinstance(exc, KeyError) else exc}")
        raise typer.Exit(2) from exc
    console.print(f"{name}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))


def _write_or_print(text: str, out: Path | None) -> None:
    if out:
        out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


@app.command("params", cls=_Command)
def params_file(
    out: Annotated[Path | None, typer.Option("--out", help="Write params.yaml here instead of printing it.")] = None,
) -> None:
    """Print params.yaml: every stage's parameters with their defaults and comments (generated from
    the stages' declarations)."""
    from pipeline.run.generate import params_yaml

    _write_or_print(params_yaml(), out)


@app.command("dvc", cls=_Command)
def dvc_file(
    out: Annotated[Path | None, typer.Option("--out", help="Write dvc.yaml here instead of printing it.")] = None,
) -> None:
    """Print dvc.yaml: the DVC stages, their deps, params and outs (generated from the stages' declarations)."""
    from pipeline.run.generate import dvc_yaml

    _write_or_print(dvc_yaml(), out)


@app.command(cls=_Command)
def schema(
    out: Annotated[Path | None, typer.Option("--out", help="Write the Markdown here instead of printing it.")] = None,
) -> None:
    """Print the data dictionary (generated from the schema module)."""
    from pipeline.contract.dictionary import data_dictionary

    _write_or_print(data_dictionary(), out)


@app.command(cls=_Command)
def codebook(
    out: Annotated[Path | None, typer.Option("--out", help="Write the Markdown here instead of printing it.")] = None,
) -> None:
    """Print the codebook: the units of the dataset and every vocabulary value with its definition and
    Swedish examples (generated from the code's vocabularies; docs/codebook.md)."""
    from pipeline.products.codebook import codebook as make_codebook

    _write_or_print(make_codebook(), out)


@app.command(cls=_Command)
def report(
    data: Annotated[Path, typer.Argument(help="Output folder of `minutes run` (the Parquet tables).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the HTML site.")] = Path("site"),
) -> None:
    """Write a static HTML review site: an index of meetings (with a filter) and one page per meeting with
    the text, entities highlighted, decisions and action items linked to their place, OCR corrections and
    hand corrections, previous/next links; a page per body and per person."""
    from pipeline.products.report import build_site

    try:
        result = build_site(data, out)
    except (FileNotFoundError, FileExistsError) as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    console.print(f"report: {result['meetings']} meetings, {result['failed_documents']} failed documents "
                  f"-> {result['index']}")


@app.command(cls=_Command)
def review(
    data: Annotated[Path, typer.Argument(help="Output folder of `minutes run` (the Parquet tables).")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many rows to list.")] = 200,
    to: Annotated[Path | None, typer.Option("--to", help="Folder for review.csv and review.html "
                                                        "(default: the output folder).")] = None,
) -> None:
    """List the least certain rows (decisions, action items, attendees, entities, person links) for a
    person to check: review.csv and review.html, with context and overrides.yaml entries to fix them."""
    from pipeline.products.review import write_review

    try:
        result = write_review(data, to, limit)
    except FileNotFoundError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    tables = ", ".join(f"{t} {n}" for t, n in sorted(result["tables"].items()))
    console.print(f"review: {result['rows']} rows ({tables}) -> {result['html']}, {result['csv']}")


@app.command("export", cls=_Command)
def export_cmd(
    data: Annotated[Path, typer.Argument(help="Output folder of `minutes run` (the Parquet tables).")],
    fmt: Annotated[str, typer.Option("--format", "-f",
                                     help="csv (one file per table) or xlsx (one workbook).")] = "csv",
    to: Annotated[Path, typer.Option("--to", help="Folder to write the export into.")] = Path("export"),
) -> None:
    """Export every table as CSV files or one Excel workbook (lists ';'-joined; the data dictionary
    as README.txt or a README sheet), for R, Stata, SPSS and Excel."""
    from pipeline.products.tabular import FORMATS, export_tables

    if fmt not in FORMATS:
        console.print(f"[red]error:[/red] --format must be one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
    try:
        result = export_tables(data, fmt, to)
    except FileNotFoundError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    rows = ", ".join(f"{k} {v}" for k, v in result["tables"].items())
    console.print(f"export ({fmt}) -> {result['folder']}: {rows}")
    for note in result["notes"]:
        console.print(f"[yellow]note:[/yellow] {note}")


if __name__ == "__main__":
    app()
