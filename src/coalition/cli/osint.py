"""`coalition osint`: read news into candidate facts, review them into the registry,
and score the extractor against a gold file."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.progress import Progress

from coalition.cli.context import FORMAT, migrated_engine, open_registry, settings
from coalition.cli.output import Format, console, emit_rows, handles_errors, parse_date
from coalition.errors import CoalitionError
from coalition.osint import (
    HEADLINE,
    Gazetteer,
    ReviewItem,
    Score,
    apply_edits,
    decide,
    edits,
    evaluate,
    evaluate_corpus,
    load_dates,
    queue,
    read_all,
)
from coalition.osint import read as read_article
from coalition.osint import review as reviewing
from coalition.registry import Registry
from coalition.registry import load as load_registry
from coalition.store import make_engine

app = typer.Typer(help="Open-source tracking: news articles -> candidate facts -> review.")
CANDIDATES = typer.Option(
    Path("osint-candidates.json"), "--file", help="the candidates file (JSON)"
)


#: Where its commands stand in `coalition --help` (see ``cli.registration``).
ORDER = 80


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="osint")


def _gazetteer(ctx: typer.Context) -> Gazetteer:
    return Gazetteer.of(settings(ctx).data_dir)


def _row(item: ReviewItem) -> dict[str, Any]:
    return {
        "id": item["id"],
        "state": item["state"],
        "fact": item["fact"],
        "actor": item.get("actor") or "",
        "status": item.get("status") or "",
        "conditions": item.get("conditions") or [],
        "kind": (item.get("kinds") or [""])[0],
        "count": item.get("count") or "",
        "date": item.get("date") or "",
        "sources": len(item.get("sources") or []),
        "in English": reviewing.gloss(item),
        "quote": item["quote"],
    }


@app.command("read")
@handles_errors
def read_cmd(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(..., help="article files or folders (.txt, .md, .html)"),
    out: Path = typer.Option(
        Path("osint-candidates.json"), "--out", help="where to write the candidates (JSON)"
    ),
    date: str = typer.Option(None, "--date", help="publication date of every article read"),
    dates: Path = typer.Option(
        None, "--dates", help="dates file (default: the bundled data/osint/article-dates.yaml)"
    ),
    to_queue: bool = typer.Option(
        False, "--queue", help="also put the candidates in the server's review queue (database)"
    ),
    fmt: Format = FORMAT,
) -> None:
    """Read articles and write the candidate facts they report, with their evidence."""
    known = load_dates(dates or settings(ctx).data_dir / "osint" / "article-dates.yaml")
    when = parse_date(date, "--date") if date else None
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("reading", total=None)
        reading = read_all(
            paths,
            _gazetteer(ctx),
            known,
            when,
            lambda done, total: progress.update(task, completed=done, total=total),
            parallel=True,
        )
    data = reviewing.to_records(reading.candidates, reading.documents)
    reviewing.save(data, out)
    if to_queue:
        engine = migrated_engine(ctx)
        texts = {d.id: d.text for d in reading.documents}
        queued = queue.enqueue(engine, data, texts)
        console.print(f"{queued.added} candidates added to the review queue (dashboard, OSINT "
                      f"tab); {queued.merged} were copies of a queued story: one more source "
                      "each")  # fmt: skip
    rows = [_row(c) for c in data["candidates"]]
    emit_rows(rows, list(rows[0]) if rows else ["id"], fmt, f"Candidates ({out})")
    if fmt is Format.TABLE:
        for doc in reading.documents:
            translated = sum(p.translation for p in doc.passages)
            note = (
                f", {translated} passages of appended translation set aside" if translated else ""
            )
            console.print(
                f"{Path(doc.path).name}: {doc.language}, "
                f"published {doc.published or 'unknown'}{note}"
            )
        for group in reading.duplicates:
            console.print(f"near-duplicate articles: {', '.join(group)}")
        console.print(f"{len(rows)} candidates written to {out}; next: coalition osint review")


def _can_ask() -> bool:
    """A person is at the terminal (questions would hang a script)."""
    return sys.stdin.isatty()


def _decide(item: ReviewItem, registry: Registry) -> str:
    """Ask a person about one candidate: accept, edit, reject, skip or quit."""
    flag = reviewing.contradiction(item, registry)
    console.rule(f"{item['id']}  {item['fact']}")
    console.print(f"  in English: {escape(reviewing.gloss(item))}")
    shown: Mapping[str, Any] = item
    for key in reviewing.EDITABLE:
        if shown.get(key):
            console.print(f"  {key}: {shown[key]}")
    console.print(f'  evidence: "{escape(item["quote"])}"  [{item["start"]}:{item["end"]}]')
    if flag:
        console.print(f"  [bold yellow]contradicts the registry:[/] {escape(flag)}")
    while True:
        reply: str = typer.prompt("accept / edit / reject / skip / quit", default="skip")
        answer = reply[:1].lower()
        if answer == "e":
            change = typer.prompt("field=value (e.g. status=conditional, conditions=a,b, "
                                  "quantity=up to 300 personnel, basing=at_sea)")  # fmt: skip
            try:
                _edit(item, change)
            except CoalitionError as exc:
                console.print(f"[red]{escape(str(exc))}[/]")
            continue
        if answer in ("a", "r", "s", "q"):
            return answer


def _edit(item: ReviewItem, change: str) -> None:
    apply_edits(item, edits.from_words(change))


@app.command("review")
@handles_errors
def review_cmd(
    ctx: typer.Context,
    file: Path = CANDIDATES,
    accept: list[str] = typer.Option([], "--accept", help="accept this candidate id"),
    reject: list[str] = typer.Option([], "--reject", help="reject this candidate id"),
    accept_all: bool = typer.Option(False, "--accept-all", help="accept every pending one"),
    set_: list[str] = typer.Option([], "--set", help="edit before accepting: ID:field=value"),
    out: Path = typer.Option(
        None, "--out", help="where to write the accepted facts (default: beside the file)"
    ),
) -> None:
    """Show each pending candidate with its evidence and any contradiction with the
    registry; accept (into the registry), edit or reject it. With --accept/--reject/
    --accept-all it runs without questions."""
    data = reviewing.load(file)
    items: dict[str, ReviewItem] = {c["id"]: c for c in data["candidates"]}
    for change in set_:
        ident, _, rest = change.partition(":")
        if ident not in items:
            raise CoalitionError(f"--set: no candidate {ident!r}")
        _edit(items[ident], rest)
    scripted = bool(accept or reject or accept_all)
    with open_registry(ctx) as registry:
        for ident in accept + reject:
            if ident not in items:
                raise CoalitionError(f"no candidate {ident!r} in {file}")
        for ident in accept:
            decide(items[ident], accept=True)
        for ident in reject:
            decide(items[ident], accept=False)
        if accept_all:
            for item in items.values():
                if item["state"] == reviewing.PENDING:
                    decide(item, accept=True)
        if not scripted:
            if not _can_ask():
                raise CoalitionError(
                    "no terminal to ask in: use --accept ID, --reject ID or --accept-all"
                )
            for item in items.values():
                if item["state"] != reviewing.PENDING:
                    continue
                answer = _decide(item, registry)
                if answer == "q":
                    break
                if answer in ("a", "r"):
                    decide(item, accept=answer == "a")
        result = reviewing.accepted(data, registry)
    reviewing.save(data, file)
    for ident, flag in result.contradictions:
        console.print(
            f"[yellow]{ident} contradicts the registry ({escape(flag)}): "
            "added as a new statement, nothing overwritten[/]"
        )
    accepted = sum(c["state"] == reviewing.ACCEPTED for c in data["candidates"])
    if result.empty:
        console.print(f"{accepted} accepted; nothing to add to the registry")
        return
    target = out or file.with_name(file.stem + "-accepted.yaml")
    reviewing.write_dataset(result.dataset, target)
    summary = load_registry(make_engine(settings(ctx).db_url), [target])
    added = sum(summary.inserted.values())
    console.print(f"{accepted} accepted; {target} loaded into the registry ({added} new records)")


@app.command("add")
@handles_errors
def add_cmd(
    file: Path = CANDIDATES,
    document: str = typer.Option(..., "--document", help="the article's id (see the file)"),
    quote: str = typer.Option(..., "--quote", help="the sentence, copied from the article"),
    set_: list[str] = typer.Option(
        [], "--set", help="field=value: fact, actor, status, conditions, kinds, quantity..."
    ),
) -> None:
    """Add a fact the extractor missed, from a sentence of an article read before; it
    waits in the file for review like the others."""
    data = reviewing.load(file)
    info = data["documents"].get(document)
    if info is None:
        raise CoalitionError(f"no article {document!r} in {file} "
                             f"(it has {', '.join(data['documents']) or 'none'})")  # fmt: skip
    fields: dict[str, Any] = {}
    for change in set_:
        field, sep, value = change.partition("=")
        if not sep:
            raise CoalitionError(f"--set {change!r}: write field=value")
        fields[field.strip()] = value.strip()
    text = read_article(Path(info["path"])).text
    item = reviewing.manual_candidate(document, info, text, quote, fields, "command line")
    reviewing.add_fact(data, item, str(file))
    reviewing.save(data, file)
    console.print(f"{item['id']} added to {file}; next: coalition osint review")


@app.command("eval")
@handles_errors
def eval_cmd(
    ctx: typer.Context,
    gold: Path = typer.Argument(None, help="gold file (see data/osint/seeds-gold.yaml)"),
    root: Path = typer.Option(None, "--root", help="folder the gold's files are in"),
    corpus: Path = typer.Option(
        None, "--corpus", help="a corpus folder (gold-*.yaml with splits: data/osint/corpus)"
    ),
    split: str = typer.Option("test", "--split", help="the corpus split to score (dev, test)"),
    fmt: Format = FORMAT,
) -> None:
    """Precision, recall and F1 of the extractor, per field (a corpus: per language too)."""
    if corpus is not None:
        _eval_corpus(ctx, corpus, split, fmt)
        return
    if gold is None:
        raise CoalitionError("give a gold file, or --corpus FOLDER")
    scores = evaluate(gold, _gazetteer(ctx), root)
    emit_rows(_score_rows(scores), SCORE_COLUMNS, fmt, f"Extraction against {gold}")


SCORE_COLUMNS = ["field", "precision", "recall", "f1", "tp", "fp", "fn"]


def _score_rows(scores: list[Score]) -> list[dict[str, object]]:
    return [
        {"field": s.field, "precision": round(s.precision, 3), "recall": round(s.recall, 3),
         "f1": round(s.f1, 3), "tp": s.tp, "fp": s.fp, "fn": s.fn}
        for s in scores
    ]  # fmt: skip


def _eval_corpus(ctx: typer.Context, corpus: Path, split: str, fmt: Format) -> None:
    found = evaluate_corpus(corpus, _gazetteer(ctx), split)
    counts = found.documents | {"all": sum(found.documents.values())}
    headline = [
        {"language": language, "documents": counts[language]}
        | {f"{s.field} f1": round(s.f1, 3) for s in scores if s.field in HEADLINE}
        for language, scores in [*found.by_language.items(), ("all", found.overall)]
    ]
    emit_rows(headline, list(headline[0]), fmt, f"Corpus {corpus}, split {split}")
    if fmt is Format.TABLE:
        emit_rows(_score_rows(found.overall), SCORE_COLUMNS, fmt, "Every field, all languages")
