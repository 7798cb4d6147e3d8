"""Candidate facts from an article's English passages, each with its evidence.

Rules, not a model: cue phrases for each stance (with their negations: "not ready to
deploy" rules out, "do not exclude" is open), the conditions attached in the same
sentence, the kind of contribution, the actor nearest before the cue (or the subject
after "said"), counts of states ("26 countries have committed") and a meeting's listed
priorities. The patterns follow how news reports such statements, not one article.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from coalition.osint.actors import Gazetteer, Mention
from coalition.osint.candidate import Candidate, absorb, consolidate, merge
from coalition.osint.dates import resolve
from coalition.osint.meetings import meeting_of
from coalition.osint.reading import Document
from coalition.osint.text import Sentence, sentences

_TROOPS = (
    r"(?:troops|forces|soldiers|boots|peace-?keep\w*|units|military presence|contingent|personnel)"
)
_SEND = r"(?:deploy\w*|send\w*|commit\w*|contribut\w*|put|station\w*|provide)"


def _rx(*alternatives: str) -> re.Pattern[str]:
    """One case-insensitive pattern from alternatives written one per line."""
    return re.compile("|".join(alternatives), re.IGNORECASE)


# (status, cue) in order: the first that matches decides; negations come first.
STANCE_CUES: list[tuple[str, re.Pattern[str]]] = [
    ("considering", _rx(
        r"\b(?:do|does|did)\s*(?:not|n[o']t)\s+(?:exclude|rule out)",
        r"\bnot\s+(?:excluding|ruling out)",
        r"\brefus\w*\s+to\s+rule\s+out",
        r"\bnicht\s+ausschlie",
    )),
    ("ruled_out", _rx(
        r"\b(?:not|n't|never)\s+(?:be\s+)?(?:ready|willing|prepared|going|planning)\s+to\s+"
        + _SEND,
    )),
    ("ruled_out", _rx(r"\brul(?:ed|es|ing)\s+out\b", r"\brule\s+out\b")),
    ("ruled_out", _rx(rf"\b(?:will|would)\s+not\s+{_SEND}", rf"\brefus\w*\s+to\s+{_SEND}",
                      rf"\b(?:will|would)\s+{_SEND}\s+no\b")),
    ("ruled_out", _rx(
        r"\bfirm\s+(?:nein|no)\b",
        r"\b(?:completely|very|highly)\s+(?:premature|inappropriate)\b",
    )),
    ("ruled_out", _rx(r"\bexplicitly\s+excluded\b", r"\bexcluded\s+(?:such|any|a)\b")),
    ("opposes", _rx(r"\b(?:staunchly\s+|strongly\s+|firmly\s+)?opposed?\s+to\b", r"\bopposes\b")),
    ("opposes", _rx(
        r"\b(?:categorically\s+)?rejected\s+the\s+idea\b",
        r"\brefusal\s+to\s+accept\b",
        r"\bdismissed\s+the\s+possibility\b",
        r"\bcompletely\s+unacceptable\b",
    )),
    # A signed political declaration: more than words, less than a decision to deploy.
    ("declared", _rx(
        r"\bsign(?:ed|s|ing)?\s+(?:a\s+|the\s+)?(?:joint\s+|trilateral\s+)?"
        r"(?:declaration|letter)s?\s+of\s+intent\b",
    )),
    ("government_approved", _rx(
        r"\bformally\s+approved\b", r"\bcabinet\s+approved\b", r"\bgovernment\s+approved\b"
    )),
    ("supports", _rx(r"\b(?:very\s+)?(?:important|essential|crucial|vital)\s+that\b")),
    ("announced", _rx(
        rf"\b(?:ready|willing|prepared)\s+to\s+(?:consider\s+)?{_SEND}",
        r"\b(?:have|has)\s+(?:officially\s+)?committed\b",
        rf"\boffer(?:ed|s|ing)?\s+(?:\w+\s+)?{_TROOPS}",
        r"\bwill\s+(?:send|deploy)\b",
        rf"\bpledg\w+\s+to\s+{_SEND}",
    )),
    ("considering", _rx(
        r"\bconsider(?:ing|s)?\s+(?:sending|deploying|committing)\b",
        r"\bopen\s+to\s+(?:sending|deploying)\b",
    )),
]  # fmt: skip

CONDITIONS: dict[str, re.Pattern[str]] = {
    "peace_agreement": _rx(
        r"\b(?:lasting|durable|comprehensive|final)?\s*peace\s+(?:agreement|deal|settlement|accord)\b",
        r"\bpost\s+a\s+peace\s+deal\b",
        r"\bafter\s+(?:a\s+)?peace\b",
    ),
    "us_backstop": _rx(
        r"\bback-?stop\b",
        r"\b(?:american|us|u\.s\.)\s+back-?up\b",
        r"\bwith\s+(?:an?\s+)?(?:american|us|u\.s\.)\s+(?:support|guarantee|backing)\b",
    ),
    "ceasefire": _rx(
        r"\bcease-?fire\b",
        r"\bguns\s+fall\s+silent\b",
        r"\b(?:war|fighting|hostilities)\s+(?:stops|ends|has\s+ended|cease)\b",
        r"\bonce\s+(?:the\s+)?(?:fighting|hostilities)\s+(?:stops?|cease)\b",
    ),
    "parliamentary_approval": _rx(
        r"\bparliament\w*\s+(?:approval|vote|consent)\b",
        r"\bapproval\s+(?:of|by|from)\s+(?:the\s+|their\s+)?parliament",
    ),
    "away_from_front_line": _rx(r"\baway\s+from\s+(?:the\s+|ukraine's\s+)?front[\s-]?lines?\b"),
    "un_mandate": _rx(r"\bun\s+mandate\b", r"\bsecurity\s+council\s+(?:mandate|resolution)\b"),
}  # fmt: skip

KINDS: dict[str, re.Pattern[str]] = {
    "troops": _rx(_TROOPS, r"\bdeploy"),
    "security_guarantee": _rx(r"\bguarantee\b", r"\bback-?stop\b"),
    "weapons": _rx(r"\bweapons?\b", r"\barms\b", r"\bammunition\b", r"\bmissiles?\b"),
    "training": _rx(r"\btrain(?:ing|ers)?\b"),
    "intelligence": _rx(r"\bintelligence\b"),
    "technology": _rx(r"\btechnolog\w+"),
    "financing": _rx(r"\bfinanc\w+", r"\bfunding\b", r"\bloans?\b"),
    "sanctions": _rx(r"\bsanctions?\b"),
    "humanitarian": _rx(r"\bhumanitarian\b"),
}
DOMAINS = {
    "land": re.compile(r"\bon\s+the\s+ground\b|\bground\s+(?:troops|forces)\b|\bland\b", re.I),
    "sea": re.compile(r"\bat\s+sea\b|\bnaval\b|\bnavy\b|\bmaritime\b", re.I),
    "air": re.compile(
        r"\bin\s+the\s+air\b|\bair\s+(?:policing|force|power|cover)\b|\bjets\b", re.I
    ),
}
_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen", "twenty"]
    )
}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}  # fmt: skip
_NUMBER_WORDS |= _TENS
# "Twenty-six" is one number (not "six"): the compound is tried before its parts.
_COMPOUND = r"(?:" + "|".join(_TENS) + r")[-\s](?:one|two|three|four|five|six|seven|eight|nine)"
_NUMBER = (r"(\d{1,3}|" + _COMPOUND + "|"
           + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")")  # fmt: skip
_COUNT = re.compile(
    rf"\b{_NUMBER}\s+(?:other\s+)?(?:countries|states|nations|allies|members)\b"
    r"(?:\s+that)?\s+(?:have|had|has)\s+(?:officially\s+|already\s+|formally\s+)?"
    r"(committed|expressed\s+their\s+readiness|pledged|agreed|signed\s+up|offered|promised)",
    re.IGNORECASE,
)
_ATTENDANCE = re.compile(rf"\b{_NUMBER}\s+(officials|leaders|heads\s+of\s+state)\b", re.I)
_PRIORITIES = re.compile(
    rf"\b{_NUMBER}\s+(?:\w+\s+)?(?:priorities|pillars|goals)\b[^:]*:\s*(?P<items>.+)", re.I
)
_PRONOUN = re.compile(
    r"\b(he|she|they|we|his\s+country|her\s+country|their\s+country)\b[^,;]{0,40}$", re.I
)
# A subject that names no state: "Europe is ready", "many countries are willing".
_GROUP = re.compile(
    r"\b(?:Europe|Europeans|allies|countries|nations|states|coalition|everyone|many|some|others|"
    r"the\s+West)\s+(?:is|are|was|were|stands?|remains?)\s+(?:now\s+|also\s+|still\s+)?$",
    re.I,
)
_NEAR = 60  # "they"/"we" point back to a state named at most this many characters before
# Words without which no cue (or no kind of contribution) can match: most sentences have
# none, and a substring test is far cheaper than the patterns (which stay the judges).
_CUE_WORDS = (
    "exclu", "rule out", "ruled out", "rules out", "ruling out", "ready", "willing",
    "prepared", "going to", "planning to", "will not", "would not", "refus", "firm n",
    "premature", "inappropriate", "oppos", "reject", "dismiss", "unacceptable", "approved",
    "important that", "essential that", "crucial that", "vital that", "consider", "open to",
    "committed", "offer", "will send", "will deploy", "pledg", "ausschlie", "signed up",
    "expressed", "agreed", "of intent",
    "officials", "leaders", "heads of", "priorities", "pillars", "goals",
)  # fmt: skip
_KIND_WORDS = (
    "troop", "force", "soldier", "boots", "peace", "unit", "military", "contingent",
    "personnel", "deploy", "guarantee", "backstop", "back-stop", "weapon", "arms", "ammunition",
    "missile", "train", "intelligence", "technolog", "financ", "funding", "loan", "sanction",
    "humanitarian",
)  # fmt: skip


_CONTRIBUTION_WORDS = (*_KIND_WORDS, "instructor", "officer", "staff", "ship", "frigate",
    "minehunter", "jet", "aircraft", "air defence", "air-defence", "euro", "dollar", "pound",
    "million", "billion", "hub", "logistic", "headquarters", "surveillance", "drone", "mission",
    "demining", "coalition", "oppose", "legitimate target", "escalat", "provocat",
    "unacceptable", "confrontation", "intervention", "red line", "act of war",
    "welcome", "thank", "threat")  # fmt: skip


def _contribution(text: str) -> bool:
    return _has(text, _CONTRIBUTION_WORDS)


def _has(text: str, words: tuple[str, ...]) -> bool:
    low = text.lower()
    return any(w in low for w in words)


_SAYING = re.compile(r"\b(?:said|says|told|stated|added|declared|announced|insisted)\b", re.I)


_ANAPHORA = re.compile(r"\b(?:this|that|such|these|the\s+idea|the\s+plan|it)\b", re.I)


@dataclass(frozen=True)
class _Context:
    kinds: list[str] = field(default_factory=list)
    conditions: list[str] = field(default_factory=list)


def _context(earlier: list[str]) -> _Context:
    """What the paragraph was about before: the kinds of the last sentence that names
    one, and the last conditions stated (a condition said once governs the paragraph)."""
    kinds = next((k for text in reversed(earlier) if (k := _kinds(text))), [])
    conditions = next((c for text in reversed(earlier) if (c := _conditions(text))), [])
    return _Context(kinds, conditions)


def _conditions(text: str) -> list[str]:
    return sorted(c for c, p in CONDITIONS.items() if p.search(text))


def _number(word: str) -> int:
    if word.isdigit():
        return int(word)
    parts = re.split(r"[-\s]", word.lower())
    return sum(_NUMBER_WORDS[p] for p in parts)


def _subject(
    mentions: list[Mention], cue_start: int, sentence: str, last_person: Mention | None
) -> Mention | None:
    """The actor a cue belongs to. A pronoun just before the cue points back ("he" to the
    last person named, "they" to the last state); a group ("Europe is ready") names no
    state; a "that"-clause holding an actor gives the clause's subject ("Rutte said that
    the US is willing"); otherwise the person, or else the actor, nearest before the cue;
    in "..., said X" order, the first actor after the verb of saying."""
    before = [m for m in mentions if m.end <= cue_start]
    lead = sentence[:cue_start]
    pronoun = _PRONOUN.search(lead)
    if pronoun:
        word = pronoun.group(1).lower()
        if word in ("they", "we"):
            groups = [m for m in before if not m.person and pronoun.start() - m.end <= _NEAR]
            return groups[-1] if groups else None
        people = [m for m in before if m.person]
        return people[-1] if people else last_person
    if _GROUP.search(lead):
        return None
    people = [m for m in before if m.person]
    if people:
        clause = lead.rfind(" that ", people[-1].end)
        # the clause's own subject: an actor right after "that" ("that the US is willing")
        inside = [m for m in before if clause >= 0 and clause < m.start <= clause + 12]
        return inside[-1] if inside else people[-1]
    if before:
        return before[-1]
    saying = _SAYING.search(sentence, cue_start)
    after = [m for m in mentions if saying and m.start >= saying.start()]
    return after[0] if after else None


def _kinds(text: str) -> list[str]:
    if not _has(text, _KIND_WORDS):
        return []
    return [k for k, p in KINDS.items() if p.search(text)]


def extract(document: Document, gazetteer: Gazetteer) -> list[Candidate]:
    """Candidates from the article's own English passages (no boilerplate, no appended
    translation), merged where the article repeats a statement."""
    out: list[Candidate] = []
    anchor = document.published
    for passage in document.body():
        if document.language_of(passage) not in ("en", "und"):
            continue
        last_person: Mention | None = None
        earlier: list[str] = []  # sentences before, for what "this" or "the idea" refers to
        for sentence in sentences(passage.text, passage.start):
            if not _has(sentence.text, _CUE_WORDS):
                people = [m for m in gazetteer.mentions(sentence.text, anchor) if m.person]
                last_person = people[-1] if people else last_person
                earlier.append(sentence.text)
                continue
            date, words = resolve(sentence.text, anchor)
            mentions = gazetteer.mentions(sentence.text, date or anchor)
            people = [m for m in mentions if m.person]
            if not mentions and last_person and re.match(r"^(?:he|she)\b", sentence.text, re.I):
                mentions = [Mention(0, 0, last_person.actor, last_person.person)]
            here = _context(earlier) if _ANAPHORA.search(sentence.text) else _Context()
            out += _positions(document, sentence, mentions, date, words, last_person, here)
            out += _counts(document, sentence, date, words, last_person, here)
            earlier.append(sentence.text)
            if people:
                last_person = people[-1]
    out += _in_other_words(document, gazetteer, out)
    from coalition.osint.later_conditions import carry  # builds on the clause reader

    carry(document, gazetteer.languages, out)
    meeting = meeting_of(document)
    for candidate in out:
        candidate.meeting = meeting
    return merge(consolidate(out, document))


def _in_other_words(
    document: Document, gazetteer: Gazetteer, found: list[Candidate]
) -> list[Candidate]:
    """What the clause reader finds with each language's lexicon (every language of the
    coalition, English too) that the English rules have not already found."""
    from coalition.osint.clauses import read_passage, restate, unasserted  # builds on this

    english = gazetteer.languages.get("en")
    if english is not None:  # the English rules' facts get what their clause states
        found[:] = [c for c in found if c.fact not in ("position", "stance")
                    or not unasserted(english, c)]  # fmt: skip
        for candidate in found:
            if candidate.fact == "position":
                restate(english, candidate)

    def key(c: Candidate) -> tuple[object, ...]:
        return (c.fact, c.actor, c.status, c.kinds[0] if c.kinds else None)

    seen = {key(c): c for c in found}
    more: list[Candidate] = []
    for passage in document.body():
        language = document.language_of(passage)
        lexicon = gazetteer.languages.get(language)
        if lexicon is None:
            continue
        # In English, beside the English rules, only sentences that speak of a contribution
        # at all are read again (a cheap test first: throughput).
        wanted = None
        for candidate in read_passage(document, passage, lexicon, only=wanted):
            kept = seen.get(key(candidate))
            if kept is not None:  # said again: what this reading adds joins the first
                absorb(kept, candidate, conditions=True)
            else:
                seen[key(candidate)] = candidate
                more.append(candidate)
    # Where both read one sentence as the same actor's offer of the same kind but differ
    # on its stance, the clause reader's reading of negation and scope stands ("has not
    # ruled out sending troops" is considering, not a refusal).
    read = {(c.start, c.actor, c.kinds[0] if c.kinds else None): c.status for c in more}
    found[:] = [c for c in found if read.get((c.start, c.actor, c.kinds[0] if c.kinds else None),
                                             c.status) in (c.status, "conditional", "announced")
                or c.status in ("conditional", "announced")]  # fmt: skip
    return more


def _base(
    document: Document, sentence: Sentence, date: dt.date | None, words: str
) -> dict[str, object]:
    return {
        "document": document.id,
        "quote": sentence.text,
        "start": sentence.start,
        "end": sentence.end,
        "date": date,
        "date_words": words,
        "sources": [document.id],
    }


def _positions(
    document: Document,
    sentence: Sentence,
    mentions: list[Mention],
    date: dt.date | None,
    words: str,
    last_person: Mention | None,
    context: _Context,
) -> list[Candidate]:
    for status, cue in STANCE_CUES:
        match = cue.search(sentence.text)
        if not match:
            continue
        if status in ("government_approved", "parliament_approved"):
            return _approvals(document, sentence, mentions, match.end(), status, date, words)
        if status == "supports":
            people = [m for m in mentions if m.person and m.end <= match.start()]
            subject = people[-1] if people else None
        else:
            subject = _subject(mentions, match.start(), sentence.text, last_person)
        if subject is None:
            return []
        kinds = _kinds(sentence.text) or context.kinds
        if status not in ("opposes", "supports") and not kinds:
            return []
        conditions = _conditions(sentence.text)
        if not conditions and status in ("announced", "considering"):  # what "this" was subject to
            conditions = context.conditions
        if status == "announced" and conditions:
            status = "conditional"
        if (
            status == "ruled_out"
            and "security_guarantee" in kinds
            and "troops" not in sentence.text
        ):
            kinds = ["security_guarantee"]
        fact = "stance" if status in ("opposes", "supports") else "position"
        return [
            Candidate(
                fact=fact,
                actor=subject.actor,
                speaker=subject.person,
                status=status,
                conditions=conditions if fact == "position" else [],
                kinds=[] if fact == "stance" else ["troops"] if "troops" in kinds else kinds[:1],
                domains=[d for d, p in DOMAINS.items() if p.search(sentence.text)],
                **_base(document, sentence, date, words),  # type: ignore[arg-type]
            )
        ]
    return []


def _approvals(
    document: Document,
    sentence: Sentence,
    mentions: list[Mention],
    cue_end: int,
    status: str,
    date: dt.date | None,
    words: str,
) -> list[Candidate]:
    """ "... formally approved the deployment of our troops in France and Lithuania": the
    states named after "in" are the ones whose governments approved."""
    tail = sentence.text[cue_end:]
    places = re.search(r"\bin\s+([^.;]+)[.;]?\s*$", tail)
    named = [
        m for m in mentions if places and m.start >= cue_end + places.start(1) and not m.person
    ]
    return [
        Candidate(
            fact="position",
            actor=m.actor,
            status=status,
            conditions=sorted(c for c, p in CONDITIONS.items() if p.search(sentence.text)),
            kinds=_kinds(sentence.text)[:1] or ["troops"],
            **_base(document, sentence, date, words),  # type: ignore[arg-type]
        )
        for m in named
    ]


def _counts(
    document: Document,
    sentence: Sentence,
    date: dt.date | None,
    words: str,
    speaker: Mention | None,
    context: _Context,
) -> list[Candidate]:
    out = []
    for match in _COUNT.finditer(sentence.text):
        status = "announced"  # "have committed", "expressed their readiness"
        conditions = _conditions(sentence.text) or context.conditions
        out.append(
            Candidate(
                fact="count",
                count=_number(match.group(1)),
                status="conditional" if conditions and status == "announced" else status,
                conditions=conditions,
                kinds=_kinds(sentence.text)[:1] or context.kinds[:1] or ["troops"],
                domains=[d for d, p in DOMAINS.items() if p.search(sentence.text)],
                speaker=speaker.person if speaker else None,
                **_base(document, sentence, date, words),  # type: ignore[arg-type]
            )
        )
    priorities = _PRIORITIES.search(sentence.text)
    if priorities:
        listed = priorities.group("items").rstrip(". ")
        # Items are often phrases of their own ("deploying a force across land, sea and air"):
        # split where the next item starts with a verb in -ing, else at every comma.
        items = re.split(r",\s*(?:and\s+)?(?=\w+ing\b)", listed)
        if len(items) < 2:
            items = re.split(r",\s*(?:and\s+)?|\s+and\s+", listed)
        out.append(
            Candidate(
                fact="meeting",
                count=_number(priorities.group(1)),
                priorities=[i.strip() for i in items if i.strip()],
                **_base(document, sentence, date, words),  # type: ignore[arg-type]
            )
        )
    attendance = _ATTENDANCE.search(sentence.text)
    if attendance and re.search(r"\battend", sentence.text, re.I):
        out.append(
            Candidate(
                fact="meeting",
                count=_number(attendance.group(1)),
                **_base(document, sentence, date, words),  # type: ignore[arg-type]
            )
        )
    return out
