"""What each language's news says, as data (``data/osint/languages/<lang>.yaml``): names
of actors with their inflected forms, stance cues, conditions, kinds, basing, contrast
and numbers. The clause reader (``clauses``) is the same for every language; only this
changes. A file is checked when loaded: every pattern compiles, every code and value is
in the vocabulary."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from coalition.domain.enums import ContributionKind
from coalition.errors import CoalitionError
from coalition.osint.literals import name_prefixes, required_groups

STATUSES = ("considering", "ruled_out", "opposes", "declared", "government_approved",
            "parliament_approved", "deployed", "withdrawn", "refused", "supports", "announced",
            "conditional")  # fmt: skip
#: Cues that state no stance of their own, only that an actor reacted: named or thanked
#: ("reacts") or denounced ("denounces"); what they mean depends on who reacts (``cues``).
REACTIONS = ("reacts", "denounces")
CONDITIONS = ("ceasefire", "peace_agreement", "us_backstop", "parliamentary_approval",
              "un_mandate", "away_from_front_line")  # fmt: skip
BASING = ("in_ukraine", "outside_ukraine", "at_sea", "in_the_air", "away_from_front_line")


def _compile(patterns: list[str], where: str) -> re.Pattern[str]:
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    except re.error as exc:
        raise CoalitionError(f"{where}: a pattern does not compile ({exc})") from exc


@dataclass(frozen=True)
class Cue:
    """One stance cue as the language file gives it: its status, its place in the file's
    order (``entry``), and words one of which its every match contains (``None``: no such
    word), so that a clause is searched only for the cues whose words it has."""

    status: str
    entry: int
    pattern: re.Pattern[str]
    words: frozenset[str] | None
    #: Groups of words every match holds one of each (``literals.required_groups``).
    groups: tuple[frozenset[str], ...] = ()


def _opening_words(pattern: str) -> frozenset[str] | None:
    """The words the alternatives of the group a pattern opens with start with ("\\b(?:will|
    would\\s+not|won't)" gives will, would, won), if each starts with a letter."""
    start = pattern[2:] if pattern.startswith("\\b") else pattern
    if not start.startswith("(?:"):
        return None
    words, depth, i, alternative = set(), 0, 3, 3
    while i < len(start):
        char = start[i]
        if char == "\\":
            i += 2
            continue
        if char in "([":
            depth += 1
        elif char in ")]" and depth:
            depth -= 1
        elif char in "|)" and depth == 0:
            run = re.match(r"[^\W\d_]+", start[alternative:i])
            if run is None:
                return None
            word = run.group(0)
            if start[alternative + len(word) : alternative + len(word) + 1] in ("?", "*", "{"):
                word = word[:-1]  # its last letter is optional
            if not word:
                return None
            words.add(word.casefold())
            if char == ")":
                return frozenset(words)
            alternative = i + 1
        i += 1
    return None


def _cues_of_word(cues: list[Cue]) -> dict[str, tuple[int, ...]]:
    """For each word a cue needs, the cues (by place) that need it."""
    found: dict[str, list[int]] = {}
    for i, cue in enumerate(cues):
        for word in cue.words or ():
            found.setdefault(word, []).append(i)
    return {word: tuple(places) for word, places in found.items()}


def _words_needed(pattern: str) -> frozenset[str] | None:
    """Words one of which every match of ``pattern`` contains: a plain word of four
    letters or more it requires, else the words its opening group's alternatives start
    with, else a shorter word it requires."""
    word = _required_word(pattern)
    if word:
        return frozenset({word})
    opening = _opening_words(pattern)
    if opening:
        return opening
    short = _required_word(pattern, shortest=2)
    return frozenset({short}) if short else None


@dataclass(frozen=True)
class Numbers:
    words: dict[str, int]
    thousand: re.Pattern[str]
    million: re.Pattern[str]
    billion: re.Pattern[str]
    decimal_comma: bool
    up_to: re.Pattern[str]
    about: re.Pattern[str]
    at_least: re.Pattern[str]
    #: "between 400 and 600", "zwischen ... und ...": two numbers, low and high.
    range: re.Pattern[str] | None = None
    #: Articles that count one ("a frigate", "eine Fregatte", "une frégate"), only when
    #: the unit follows at once.
    articles: frozenset[str] = frozenset()
    #: Words that are a number only within a longer one: "тысячи двухсот" is 1,200, but
    #: "тысячи военных" is "thousands of troops", no figure.
    only_within: frozenset[str] = frozenset()
    #: A cap said after the number and its unit ("200 militaires au maximum", "300
    #: soldiers at most"): read on the text that follows the number.
    up_to_after: re.Pattern[str] | None = None
    #: An offer changed "from 300 to 500 soldiers", "von 600 auf 250": two numbers, the
    #: second the offer now.
    changed: re.Pattern[str] | None = None
    #: A half after a number or its scale ("seven and a half thousand", "deux milliards et
    #: demi", "сім з половиною тисяч"), matched at the start of what follows.
    half: re.Pattern[str] | None = None


@dataclass(frozen=True)
class Lexicon:
    language: str
    actors: dict[str, re.Pattern[str]]
    conditions: dict[str, re.Pattern[str]]
    kinds: dict[str, re.Pattern[str]]
    basing: dict[str, re.Pattern[str]]
    contrast: re.Pattern[str] | None
    saying: re.Pattern[str] | None
    numbers: Numbers
    units: dict[str, re.Pattern[str]]
    meeting_held: re.Pattern[str] | None = None
    #: Groups that name no state ("Europe", "many countries", "the allies"): a group
    #: between the actor named and the cue is the clause's subject, and no state's.
    groups: re.Pattern[str] | None = None
    #: Every actor's names in one pattern, a named group per actor (one pass a sentence).
    any_actor: re.Pattern[str] | None = None
    #: A number in digits or in this language's words.
    number: re.Pattern[str] | None = None
    #: The first two letters (case-folded) a name of an actor can start with, where its
    #: pattern tells; names whose pattern does not are in ``unprefixed``. A sentence is
    #: tried for names only at the words that start so (far fewer than its positions).
    prefixes: frozenset[str] = frozenset()
    #: Every stance cue, in the file's order, with the words it needs.
    cues: tuple[Cue, ...] = ()
    #: Every word the cues need, with the cues (by place in ``cues``) needing it.
    cues_of_word: dict[str, tuple[int, ...]] = field(default_factory=dict)
    #: The cues that need no word (by place in ``cues``).
    wordless_cues: tuple[int, ...] = ()
    unprefixed: re.Pattern[str] | None = None
    #: "without", "unless", "not before": a refusal until a condition is met is an offer
    #: on that condition ("no soldier goes without a vote in parliament").
    without: re.Pattern[str] | None = None
    #: Negation words ("not", "no", "kein", "nie"): a name just after one may sit inside
    #: its cue ("there will be no American troops").
    negation: re.Pattern[str] | None = None
    #: "while", "although", "obwohl", "bien que", "chociaż": a subordinate clause that
    #: ends at the next comma ("while Japan could not deploy troops, it would pay").
    concessive: re.Pattern[str] | None = None
    #: "and would send", "et enverrait", "und werde": the same actor's second offer in one
    #: sentence, which keeps its own kind, size and conditions ("will pay EUR 40 million
    #: and would send 150 soldiers, provided ...": the condition is the soldiers').
    also_offers: re.Pattern[str] | None = None
    #: Words set off by commas that a cue reads through ("would, however, pay").
    asides: re.Pattern[str] | None = None
    #: "regardless of", "whether or not", "unabhängig von": a condition just after one is
    #: cancelled, not set.
    regardless: re.Pattern[str] | None = None
    #: "if", "whether", "ob", "czy": a cue after one (no comma between) states nothing.
    hypothetical: re.Pattern[str] | None = None
    #: "in my view", "I bet", "moim zdaniem": the writer's own opinion reports no one.
    hedges: re.Pattern[str] | None = None
    #: A poll anywhere in the sentence ("61 % of Norwegians favour it, a poll found"): it
    #: reports what people think, not a state's position.
    polls: re.Pattern[str] | None = None
    #: "according to figures from", "nach Angaben aus": a state named just after gives the
    #: figures, it does not pledge them.
    sources: re.Pattern[str] | None = None
    #: "only", "once", "would need", "sobald", "pod warunkiem": a sentence with a condition
    #: and one of these, and no stance of its own, conditions the offer just before it.
    requires: re.Pattern[str] | None = None
    #: "we", "our country", "wir", "nous", "my": the speaker's state, in a transcript.
    first_person: re.Pattern[str] | None = None
    #: Nouns a state's adjective owns as its offer ("a British contribution").
    owned: re.Pattern[str] | None = None
    #: Plain words one of which every condition's pattern needs (and the patterns that
    #: need none): a sentence with none of them names no condition.
    condition_heads: tuple[str, ...] = ()
    #: Nouns that count states ("countries", "Staaten", "pays", "państw", "держав",
    #: "стран"): anywhere in a sentence (``counted``), and two words at most after a
    #: number (``counted_after``, matched where the number ends).
    counted: re.Pattern[str] | None = None
    counted_after: re.Pattern[str] | None = None
    #: The word between the part and the whole ("19 of the 29", "14 der 35", "21 des 32"),
    #: matched where a number ends (``partitive``) or ending the text before one.
    partitive: re.Pattern[str] | None = None
    partitive_before: re.Pattern[str] | None = None
    #: People a number of states sends ("ministers from 29 countries", "представителей 33
    #: государств"), ending just before the number: attendance, not a count.
    attendees_before: re.Pattern[str] | None = None
    #: A preposition of place just before a name ("in", "at", "to" the United Kingdom):
    #: the name is where, not who (away from a sentence's start).
    places_before: re.Pattern[str] | None = None
    #: "this", "dazu", "cela", "tego": a count that names no condition and points back
    #: takes the conditions its paragraph stated last ("readiness for this").
    anaphora: re.Pattern[str] | None = None
    #: "Without it", "без этого": a refusal that only restates the condition just said.
    without_that: re.Pattern[str] | None = None
    #: "Both offers", "all three pledges": a condition said of several offers at once.
    every_offer: re.Pattern[str] | None = None
    condition_headless: re.Pattern[str] | None = None


def _patterns(value: Any, where: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise CoalitionError(f"{where}: expected a list of patterns")


def _table(data: dict[str, Any], key: str, allowed: tuple[str, ...] | None, path: Path
           ) -> dict[str, re.Pattern[str]]:  # fmt: skip
    table = data.get(key) or {}
    if not isinstance(table, dict):
        raise CoalitionError(f"{path}: {key}: expected a mapping")
    unknown = [k for k in table if allowed is not None and k not in allowed]
    if unknown:
        raise CoalitionError(f"{path}: {key}: unknown {', '.join(map(str, unknown))}")
    return {str(k): _compile(_patterns(v, f"{path}: {key}.{k}"), f"{path}: {key}.{k}")
            for k, v in table.items() if v}  # fmt: skip


def _word_starts(table: dict[str, re.Pattern[str]]) -> dict[str, re.Pattern[str]]:
    """Currencies matching only where a word starts (not "eur" in "ravitailleur"; a sign or
    a digit may come before). Other units may end a compound ("Militärbeobachter")."""
    return {k: re.compile(rf"(?<![^\W\d_])(?:{p.pattern})", p.flags) if k.isupper() else p
            for k, p in table.items()}  # fmt: skip


def _asides(data: dict[str, Any], path: Path) -> re.Pattern[str] | None:
    """The asides as one pattern: a word or two between commas."""
    words = _patterns(data.get("asides") or [], f"{path}: asides")
    if not words:
        return None
    return re.compile(r",\s*(?:" + "|".join(words) + r")\s*,", re.IGNORECASE)


def _framed(data: dict[str, Any], key: str, path: Path, frame: str) -> re.Pattern[str] | None:
    """The key's patterns as one alternation put where ``{}`` stands in ``frame`` (the
    words that count states, a preposition ending the text before a name...)."""
    raw = data.get(key)
    if not raw:
        return None
    where = f"{path}: {key}"
    return _compile([frame.replace("{}", "(?:" + "|".join(_patterns(raw, where)) + ")")], where)


def _optional(data: dict[str, Any], key: str, path: Path) -> re.Pattern[str] | None:
    value = data.get(key)
    return _compile(_patterns(value, f"{path}: {key}"), f"{path}: {key}") if value else None


def _required_word(pattern: str, shortest: int = 4) -> str | None:
    """The longest plain word (four letters or more) that every match of ``pattern``
    contains: a run of letters outside any group, escape, class or quantifier."""
    best, depth, run, i = "", 0, "", 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            run, i = "", i + 2  # an escape (\s, \b, \w) ends a word
            continue
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        if depth == 0 and char.isalpha() and char not in "([)]":
            run += char
        else:
            run = ""
        following = pattern[i + 1] if i + 1 < len(pattern) else ""
        if run and following and following in "?*{":
            run = run[:-1]  # the last letter is optional
        if depth == 0 and char == "|":
            return None  # a top-level alternative: no word is required
        if len(run) > len(best):
            best = run
        i += 1
    return best.casefold() if len(best) >= shortest else None


def _heads(patterns: list[str]) -> tuple[set[str], list[str]]:
    """A plain word each condition pattern's matches contain (case-folded), where there
    is one of four letters or more; the other patterns as they are."""
    heads: set[str] = set()
    headless: list[str] = []
    for pattern in patterns:
        word = _required_word(pattern)
        if word:
            heads.add(word)
        else:
            headless.append(f"(?:{pattern})")
    return heads, headless


def _actors(table: dict[str, Any], path: Path) -> dict[str, re.Pattern[str]]:
    """Each actor's names as one pattern that starts at a word's start; an abbreviation in
    capitals ("US", "UK", "EU") matches in capitals only (not the pronoun "us")."""
    found = {}
    for code, names in table.items():
        parts = []
        for name in _patterns(names, f"{path}: actors.{code}"):
            # Latin or Cyrillic capitals ("EU", "US", Russian and Ukrainian "EU"), also
            # with the cases it is not said of ("NATO(?<!flanka NATO)": not "natomiast")
            exact = re.fullmatch(r"[A-Z\u0400-\u042f\u0490][A-Z\u0400-\u042f\u0490.]{1,4}"
                                 r"(?:\(\?<?[!=][^)]*\))*", name) is not None  # fmt: skip
            parts.append(f"(?:{name})" if exact else f"(?i:{name})")
        try:
            found[str(code)] = re.compile(r"(?<![\w-])(?:" + "|".join(parts) + ")")
        except re.error as exc:
            raise CoalitionError(
                f"{path}: actors.{code}: a pattern does not compile ({exc})"
            ) from exc
    return found


def load_lexicon(path: Path) -> Lexicon:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise CoalitionError(f"{path}: cannot read ({exc})") from exc
    if not isinstance(data, dict) or "language" not in data:
        raise CoalitionError(f"{path}: not a language file")
    cue_list: list[Cue] = []
    for i, entry in enumerate(data.get("stances") or []):
        status = entry.get("status")
        if status not in STATUSES and status not in REACTIONS:
            raise CoalitionError(f"{path}: stances[{i}]: unknown status {status!r}")
        if entry.get("patterns"):
            where = f"{path}: stances[{i}]"
            cue_list += [Cue(str(status), i, _compile([p], where), _words_needed(p),
                             required_groups(p))
                         for p in _patterns(entry["patterns"], where)]  # fmt: skip
    raw = data.get("numbers") or {}
    never = re.compile(r"(?!x)x")
    numbers = Numbers(
        words={str(k).casefold(): int(v) for k, v in (raw.get("words") or {}).items()},
        thousand=_optional(raw, "thousand", path) or never,
        million=_optional(raw, "million", path) or never,
        billion=_optional(raw, "billion", path) or never,
        decimal_comma=bool(raw.get("decimal_comma", False)),
        up_to=_optional(raw, "up_to", path) or never,
        about=_optional(raw, "about", path) or never,
        at_least=_optional(raw, "at_least", path) or never,
        range=_optional(raw, "range", path),
        changed=_optional(raw, "changed", path),
        half=_optional(raw, "half", path),
        articles=frozenset(str(a).casefold() for a in raw.get("articles") or []),
        only_within=frozenset(str(a).casefold() for a in raw.get("only_within") or []),
        up_to_after=_framed(raw, "up_to_after", path, r"^\s*[^\W\d_]+(?:\s+[^\W\d_]+)?,?\s+{}\b"),
    )
    actors = _actors(data.get("actors") or {}, path)
    groups = "|".join(f"(?P<a{i}>{p.pattern})" for i, p in enumerate(actors.values()))
    prefixes, loose = name_prefixes(data.get("actors") or {})
    raw = data.get("conditions") or {}
    conditions_heads, conditions_headless = _heads(
        [p for v in raw.values() if v for p in _patterns(v, f"{path}: conditions")]
    )
    spoken = set(numbers.words) | numbers.articles
    words = "|".join(re.escape(w) for w in sorted(spoken, key=len, reverse=True))
    # not a number inside a model name ("E-7A", "F-35", "MiG-29"): it counts nothing
    model = r"(?<![A-Za-z]-)(?<![A-Za-z]{2}-)"
    digits = rf"(?<![\w.,]){model}(\d{{1,3}}(?:[ \u00a0.,\u202f]\d{{3}})+|\d+(?:[.,]\d+)?)(?!\d)"
    return Lexicon(
        language=str(data["language"]),
        attendees_before=_framed(data, "attendees", path, "{}$"),
        counted=_framed(data, "counted", path, r"\b{}"),
        counted_after=_framed(data, "counted", path, r"[\s\u2013\u2014-]+(?:[^\W\d_]+\s+){0,2}?{}"),
        partitive=_framed(data, "partitive", path, r"\s+{}\b"),
        partitive_before=_framed(data, "partitive", path, r"\b{}\s+$"),
        any_actor=re.compile(groups) if actors else None,
        prefixes=frozenset(prefixes),
        cues=tuple(cue_list),
        cues_of_word=_cues_of_word(cue_list),
        wordless_cues=tuple(i for i, c in enumerate(cue_list) if c.words is None),
        unprefixed=re.compile("|".join(loose)) if loose else None,
        number=re.compile(digits + (rf"|(?i:\b({words})\b)" if words else "")),
        actors=actors,
        conditions=_table(data, "conditions", CONDITIONS, path),
        kinds=_table(data, "kinds", tuple(k.value for k in ContributionKind), path),
        basing=_table(data, "basing", BASING, path),
        contrast=_optional(data, "contrast", path),
        concessive=_optional(data, "concessive", path),
        also_offers=_optional(data, "also_offers", path),
        regardless=_optional(data, "regardless", path),
        asides=_asides(data, path),
        saying=_optional(data, "saying", path),
        numbers=numbers,
        units=_word_starts(_table(data, "units", None, path)),
        meeting_held=_optional(data, "meeting_held", path),
        groups=_optional(data, "groups", path),
        without=_optional(data, "without", path),
        negation=_optional(data, "negation", path),
        hypothetical=_optional(data, "hypothetical", path),
        hedges=_optional(data, "hedges", path),
        polls=_optional(data, "polls", path),
        sources=_optional(data, "sources", path),
        requires=_optional(data, "requires", path),
        first_person=_optional(data, "first_person", path),
        owned=_optional(data, "owned", path),
        anaphora=_optional(data, "anaphora", path),
        without_that=_optional(data, "without_that", path),
        every_offer=_optional(data, "every_offer", path),
        places_before=_framed(data, "places_before", path, r"{}\s*$"),
        condition_heads=tuple(sorted(conditions_heads)),
        condition_headless=re.compile("|".join(conditions_headless), re.IGNORECASE)
        if conditions_headless
        else None,
    )


@lru_cache(maxsize=4)
def lexicons(folder: Path) -> dict[str, Lexicon]:
    """Every language file in ``folder``, by language code."""
    found = {}
    for path in sorted(folder.glob("*.yaml")):
        lexicon = load_lexicon(path)
        found[lexicon.language] = lexicon
    return found
