"""An article as passages: boilerplate removed, each passage's language detected, and
translations of the article appended to it recognised as such.

HTML goes through trafilatura (main text and metadata: title, date). Plain text is split
into paragraphs at blank lines (a single line break also ends a paragraph when the next
line starts like a new one). Offsets are kept: every passage knows where it starts in
the text, so evidence can point at exact characters.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from coalition.datafiles.paths import expand
from coalition.errors import CoalitionError
from coalition.osint.dates import resolve
from coalition.osint.text import headline_like

LANGUAGES = {
    Language.ENGLISH: "en",
    Language.GERMAN: "de",
    Language.SPANISH: "es",
    Language.FRENCH: "fr",
    Language.ITALIAN: "it",
    Language.POLISH: "pl",
    Language.RUSSIAN: "ru",
    Language.UKRAINIAN: "uk",
}
_DETECT_FROM = 60  # characters: shorter passages get no language
SUFFIXES = {".txt", ".text", ".md", ".html", ".htm"}

# Lines that belong to the page, not the article: links, widgets, comment prompts, credits.
_BOILERPLATE = re.compile(
    r"""^(?:read\ more\b.*|click\ here\b.*|leave\ a\ (?:comment|reply)\b.*
    |related(?:\ live-story|\ article|\ stories|\ content)?:?
    |source:\ [^.]{1,60}|share\ (?:this|on)\b.*|subscribe\b.*|sign\ up\b.*|advertisement
    |comments?\ \(\d+\)|©.*|copyright\b.*|all\ rights\ reserved.*|\d+\ comments?|like
    |follow\ us\b.*|photo:\ .*|image:\ .*
    |(?:read|see)\ also\b.*|also\ read\b.*|lesen\ sie\ (?:auch|mehr)\b.*|mehr\ zum\ thema\b.*
    |(?:[àa]\ )?lire\ aussi\b.*|voir\ aussi\b.*|czytaj\ (?:także|też|również|więcej)\b.*
    |zobacz\ (?:także|też|również)\b.*|читайте\ (?:також|также|також:|еще|ещё)\b.*
    |дивіться\ також\b.*|смотрите\ также\b.*)$""",
    re.IGNORECASE | re.VERBOSE,
)
# "Translation below into German (translator)", "Traducción al español", ...
_TRANSLATION_MARK = re.compile(
    r"""^(?:(?:the\ )?translation\ (?:below\ )?(?:into|in)\ (?P<lang>[A-Z][a-z]+)\b.*
    |traducci[oó]n\ al\ (?P<es>espa[nñ]ol)\b.*|[ÜU]bersetzung\ (?:ins|auf)\ (?P<de>Deutsch)\b.*
    |traduction\ en\ (?P<fr>fran[cç]ais)\b.*)$""",
    re.IGNORECASE | re.VERBOSE,
)
# Where readers' comments begin: "6 COMMENTS", "Comments (3)", "14 Kommentare", "11
# commentaires", "6 komentarzy", "Коментарі (4)", "5 комментариев"; a line of its own.
_COMMENTS_HEADING = re.compile(
    r"^(?:\d+\s+)?(?:reader\s+|leser\w*\s+)?(?:comments?|kommentar\w*|commentaires?|komentarz\w*"
    r"|\u043a\u043e\u043c\u0435\u043d\u0442\u0430\u0440\w*|\u043a\u043e\u043c\u043c\u0435\u043d\u0442\u0430\u0440\w*)"
    r"\s*(?:\(\d+\))?\s*:?$",
    re.IGNORECASE,
)
# The button under each comment ("Reply", "Antworten", "Répondre", "Odpowiedz", Ukrainian
# and Russian "reply"): the comments started just before the first one.
_REPLY = re.compile(
    r"^(?:reply|antworten|r[ée]pondre|odpowiedz|\u0432\u0456\u0434\u043f\u043e\u0432\u0456\u0441\u0442\u0438"
    r"|\u043e\u0442\u0432\u0435\u0442\u0438\u0442\u044c)$",
    re.IGNORECASE,
)
# A journalist's question or a moderator's line in a transcript ("QUESTION:", "Q4:",
# "FRAGE:", "PYTANIE:", Ukrainian and Russian "question", "MODERATOR:"): it asks, it
# reports no one's position.
_QUESTIONER = re.compile(
    r"^(?:Q\d*|QUESTION|REPORTER|JOURNALIST|MODERATOR|FRAGE|MODERATORIN|MODERATEUR|JOURNALISTE"
    r"|PYTANIE|PROWADZ\u0104CY|DZIENNIKARZ|\u041f\u0418\u0422\u0410\u041d\u041d\u042f"
    r"|\u0412\u041e\u041f\u0420\u041e\u0421|\u0412\u0415\u0414\u0423\u0429\u0418\u0419"
    r"|\u0412\u0415\u0414\u0423\u0427\u0418\u0419|\u0412\u0415\u0414\u0423\u0427\u0410"
    r"|\u0412\u0415\u0414\u0423\u0429\u0410\u042f)\b[^:\n]{0,40}:\s",
    re.IGNORECASE,
)
# The line that opens a comment: a name with a date or "says:", or the date line itself.
_COMMENTER = re.compile(
    r"^[^\s,]+(?:\s[^\s,]+){0,2}\s*(?:[,\u2014\u2013-]\s*\d|\s+\w+:$)|^\d{1,2}[. ]"
)
_NAMES = {"german": "de", "spanish": "es", "french": "fr", "italian": "it", "polish": "pl",
          "russian": "ru", "ukrainian": "uk", "english": "en", "español": "es", "espanol": "es",
          "deutsch": "de", "français": "fr", "francais": "fr"}  # fmt: skip


@dataclass(frozen=True)
class Passage:
    start: int  # offset of the passage in Document.text
    text: str
    language: str  # ISO 639-1, or "und" where undecided
    boilerplate: bool = False
    translation: bool = False  # part of a translation appended to the article

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True)
class Document:
    id: str  # short content digest: the same article read twice has the same id
    path: str
    title: str
    text: str
    published: dt.date | None
    language: str  # the article's own language (of its first substantial passages)
    passages: tuple[Passage, ...] = field(default=())

    def language_of(self, passage: Passage) -> str:
        """A passage's language, or the article's where the passage is too short to tell
        (a headline, a one-line answer in a transcript)."""
        return self.language if passage.language == "und" else passage.language

    def body(self) -> list[Passage]:
        """Passages that carry the article: no boilerplate, no appended translation."""
        return [p for p in self.passages if not p.boilerplate and not p.translation]


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    return (
        LanguageDetectorBuilder.from_languages(*LANGUAGES).with_preloaded_language_models().build()
    )


def language_of(text: str) -> str:
    found = _detector().detect_language_of(text)
    return LANGUAGES.get(found, "und") if found is not None else "und"


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, paragraph) at blank lines, or at line breaks where lines look like whole
    paragraphs (scraped text often has one paragraph a line)."""
    out = []
    for match in re.finditer(r"[^\n]+", text):
        line = match.group(0)
        stripped = line.strip()
        if stripped:
            out.append((match.start() + (len(line) - len(line.lstrip())), stripped))
    return out


def _mark_translations(passages: list[Passage], own: str) -> list[Passage]:
    """From a translation marker on (or from the first long run of passages in another
    language after the article's own), passages are an appended translation."""
    result = list(passages)
    in_translation = False
    for i, p in enumerate(result):
        marker = _TRANSLATION_MARK.match(p.text)
        if marker:
            in_translation = True
            result[i] = Passage(p.start, p.text, p.language, boilerplate=True, translation=True)
            continue
        if not in_translation and p.language not in (own, "und") and len(p.text) > 80:
            # A foreign passage starts a translation only if the rest is mostly foreign.
            rest = [q for q in result[i:] if len(q.text) > 80 and not q.boilerplate]
            foreign = sum(q.language != own for q in rest)
            in_translation = len(rest) >= 2 and foreign >= 0.8 * len(rest)
        if in_translation:
            result[i] = Passage(p.start, p.text, p.language, p.boilerplate, translation=True)
    return result


def _mark_comments(passages: list[Passage]) -> list[Passage]:
    """Readers' comments under the article are not the article: from their heading on (or,
    without one, from the commenter's line before the first reply button), passages are
    boilerplate."""
    # a heading after some of the article ("KOMMENTAR" above an opinion piece is its label)
    start = next((i for i, p in enumerate(passages) if _COMMENTS_HEADING.match(p.text)
                  and sum(len(q.text) > 80 for q in passages[:i]) >= 2), None)  # fmt: skip
    if start is None:
        reply = next((i for i, p in enumerate(passages) if _REPLY.match(p.text)), None)
        if reply is None:
            return passages
        opening = [i for i in range(max(0, reply - 3), reply) if _COMMENTER.match(passages[i].text)]
        start = opening[0] if opening else max(0, reply - 1)
    return [
        *passages[:start],
        *(Passage(p.start, p.text, p.language, True, p.translation) for p in passages[start:]),
    ]


# A wire story's dateline: a place, a comma, the date ("TOKYO, Oct 8, 2025 (Agency) -",
# "Berlin, 18. November 2025 (dpa) -").
_DATELINE = re.compile(r"^[^\W\d_][^\n,(]{1,40},\s")


def _dateline(passages: list[Passage]) -> dt.date | None:
    """The article's date from its dateline, when the dateline gives the year (a date
    without one, "OSLO, March 10", needs the date from elsewhere: ``--date``)."""
    for passage in [p for p in passages if not p.boilerplate][:4]:
        if _DATELINE.match(passage.text):
            day, _ = resolve(passage.text[:80], None)
            if day is not None:
                return day
    return None


def analyse(
    text: str, path: str = "", title: str = "", published: dt.date | None = None
) -> Document:
    paragraphs = _paragraphs(text)
    seen: set[str] = set()
    passages = []
    # The first 200 characters tell a passage's language as well as all of it; lingua
    # takes them all at once, on both cores. Short lines (titles, captions) stay
    # undecided: they neither start a translation nor keep a statement out.
    long = [p[:200] for _, p in paragraphs if len(p) >= _DETECT_FROM]
    found = iter(_detector().detect_languages_in_parallel_of(long)) if long else iter(())
    for start, paragraph in paragraphs:
        key = paragraph.casefold()
        repeated = key in seen  # a title printed twice, a caption repeated
        seen.add(key)
        # a line of links ("Join Onet Premium | See also: ..."): any link of it marks it
        links = [link.strip() for link in paragraph.split(" | ")]
        boiler = (any(_BOILERPLATE.match(link) for link in links)
                  or bool(_QUESTIONER.match(paragraph)) or repeated)  # fmt: skip
        detected = next(found) if len(paragraph) >= _DETECT_FROM else None
        language = LANGUAGES.get(detected, "und") if detected is not None else "und"
        passages.append(Passage(start, paragraph, language, boilerplate=boiler))
    # An article begins in its own language; translations are appended after it. Its
    # first paragraph tells the language, not a headline (a name such as "Häkkänen" can
    # make a short English line read as German).
    substantial = [p for p in passages if not p.boilerplate and len(p.text) > 80]
    opening = next((p for p in substantial if not headline_like(p.text)), None)
    own = (opening or substantial[0]).language if substantial else "und"
    passages = _mark_comments(_mark_translations(passages, own))
    if not title and paragraphs:
        title = paragraphs[0][1][:200]
    if published is None:
        published = _dateline(passages)
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
    return Document(digest, path, title, text, published, own, tuple(passages))


def read(path: Path, published: dt.date | None = None) -> Document:
    """One article from a text or HTML file; ``published`` overrides what the file says."""
    if not path.is_file():
        raise CoalitionError(f"{path}: no such file")
    raw = path.read_bytes()
    try:
        content = raw.decode("utf-8")
    except UnicodeDecodeError:
        content = raw.decode("latin-1")
    if path.suffix.lower() in (".html", ".htm"):
        return _read_html(content, path, published)
    return analyse(content, str(path), published=published)


def _read_html(content: str, path: Path, published: dt.date | None) -> Document:
    import trafilatura

    text = trafilatura.extract(content, include_comments=False, include_tables=False)
    if not text:
        raise CoalitionError(f"{path}: no article text found in the HTML")
    meta = trafilatura.extract_metadata(content)
    title = (meta.title if meta and meta.title else "") or ""
    date = published
    if date is None and meta and meta.date:
        try:
            date = dt.date.fromisoformat(meta.date[:10])
        except ValueError:
            date = None
    return analyse(text, str(path), title=title, published=date)


def files(paths: list[Path]) -> list[Path]:
    return expand(paths, SUFFIXES, "articles")
