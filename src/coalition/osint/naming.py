"""Who a clause names and who speaks: the actors a sentence names (the longest name where
two overlap), whose troops a name owns ("Bulgarian troops"), subjects joined by "and",
names in an aside ("Cyprus, which holds the EU presidency, said": Cyprus), the speaker a
quotation or report names after it, and the speaker's label in a transcript."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

from coalition.osint.lexicon import Lexicon

#: States that receive, not give: their own statements are not pledges to the coalition.
RECIPIENTS = {"UKR"}
#: States that pledge nothing to the coalition: what they say is a stance.
STANCES_ONLY = {"RUS", "BLR"}

_WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True)
class Named:
    start: int
    end: int
    actor: str


#: A dateline opening a story: a place (in capitals, or any place before an agency in
#: brackets), maybe a date, then a dash ("BRUXELLES (AFP) -", "Wien/Bern (dpa) -",
#: "WARSAW, March 3 (Reuters) -"): where it was filed, not who speaks.
_DATELINE = re.compile(
    r"^\s*(?P<place>[^\W\d_][\w'\u2019.-]*(?:[ /][^\W\d_][\w'\u2019.-]*){0,3})"
    r"(?:,\s[^()\n\u2013\u2014]{1,40}?)?\s*(?P<agency>\([^()\n]{2,30}\))?\s*[-\u2013\u2014]\s"
)


def dateline_end(text: str) -> int:
    """Where the dateline that opens ``text`` ends (0 if it has none)."""
    found = _DATELINE.match(text)
    if found is None:
        return 0
    place = found.group("place").replace("/", " ")
    capitals = all(w.isupper() for w in place.split() if len(w) > 1)
    return found.end() if capitals or found.group("agency") else 0


def mentions(lexicon: Lexicon, text: str) -> list[Named]:
    """Actors named in ``text``, left to right, the longest name where two overlap; not a
    dateline's place."""
    found, places = _names_and_places(lexicon, text)
    # A sentence that names states only as places (besides the receiving state) names
    # them as who acts ("approved the deployment of our troops to Ukraine in France and
    # Lithuania").
    if all(n.actor in RECIPIENTS for n in found):
        return sorted(found + places, key=lambda n: n.start)
    return found


def places_named(lexicon: Lexicon, text: str) -> list[Named]:
    """The states ``text`` names as places ("to Poland", "nach Rumänien", "w Polsce")."""
    return _names_and_places(lexicon, text)[1]


def _names_and_places(lexicon: Lexicon, text: str) -> tuple[list[Named], list[Named]]:
    if lexicon.any_actor is None:
        return [], []
    codes = list(lexicon.actors)
    starts = [w.start() for w in _WORD.finditer(text)
              if w.group(0)[:3].casefold() in lexicon.prefixes
              or w.group(0)[:2].casefold() in lexicon.prefixes]  # fmt: skip
    if lexicon.unprefixed is not None:
        starts += [m.start() for m in lexicon.unprefixed.finditer(text)]
    found: list[Named] = []
    places: list[Named] = []
    skip = dateline_end(text) if text[:1].isupper() or text[:1].isspace() else 0
    place_end = -1  # where the last place named ends ("in the United Kingdom and Latvia")
    for start in sorted(set(starts)):
        if (found and start < found[-1].end) or start < skip or start < place_end:
            continue
        match = lexicon.any_actor.match(text, start)
        if not match:
            continue
        named = Named(match.start(), match.end(), codes[int(str(match.lastgroup)[1:])])
        if named.actor not in RECIPIENTS and _a_place(lexicon, text, start, place_end):
            place_end = match.end()
            places.append(named)
            continue
        found.append(named)
    return found, places


def _a_place(lexicon: Lexicon, text: str, start: int, place_end: int) -> bool:
    """Whether the name at ``start`` is where something happens: just after a preposition
    of place (not at the sentence's start: "In Poland, the ministry said"), or joined by
    "and" to a place just named. The receiving state keeps its own rules (``RECIPIENTS``)."""
    if lexicon.places_before is None or start < 4:
        return False
    if place_end >= 0 and _AND.match(text[place_end:start]):
        return True
    return lexicon.places_before.search(text, max(0, start - 30), start) is not None


QUOTES = re.compile('["\u201c\u201d\u00ab\u00bb\u201e]')
_CLOSING = re.compile('["\u201d\u00bb\u201c]')
#: How far after a quotation its speaker is named ("..., Foreign Ministry spokeswoman
#: Maria Zakharova said on Tuesday").
_SPEAKER_REACH = 120


# "and" in the coalition's languages (the last four: Ukrainian and Russian), with an
# optional article after it: "Belgium and the Netherlands", "Paris und London".
_AND = re.compile(
    r"^\s*(?:,\s*)?(?:(?:and|und|et|i|oraz|\u0442\u0430|\u0456|\u0439|\u0438)\s+)?"
    r"(?:(?:the|die|der|la|le|les|l')\s*)?$",
    re.IGNORECASE,
)


def _owned_noun(lexicon: Lexicon, text: str, mention: Named) -> tuple[int, int] | None:
    """Where the word for troops (or an owned noun) stands that a name is the adjective
    of: just after it ("Bulgarian troops"), or just before it where adjectives follow
    ("un contingent portugais")."""
    troops = lexicon.kinds.get("troops")
    if troops is None or mention.end - mention.start < 4:
        return None
    nouns = [troops] + ([lexicon.owned] if lexicon.owned is not None else [])
    if text[mention.end : mention.end + 1].isspace():
        after = next((m for n in nouns if (m := n.match(text, mention.end + 1))), None)
        if after is not None:
            return after.start(), after.end()
    noun = re.search(r"(\w+)\s+$", text[: mention.start])
    if noun is not None and any(
        (m := n.match(noun.group(1))) is not None and m.end() == len(noun.group(1)) for n in nouns
    ):
        return noun.start(), noun.end(1)
    return None


def owned_troops(lexicon: Lexicon, text: str, mention: Named) -> bool:
    """Whether a name is an adjective on a word for troops ("Bulgarian troops", "Czech
    soldiers"): the troops are that state's."""
    return _owned_noun(lexicon, text, mention) is not None


def recipients_troops(lexicon: Lexicon, text: str) -> str:
    """The text with the troops of the state that receives blanked out: they are whom a
    contribution helps, not what is sent ("training Ukrainian soldiers" is training)."""
    for m in mentions(lexicon, text):
        noun = _owned_noun(lexicon, text, m) if m.actor in RECIPIENTS else None
        if noun is not None:
            start, end = min(m.start, noun[0]), max(m.end, noun[1])
            text = text[:start] + " " * (end - start) + text[end:]
    return text


def coordinated(text: str, before: list[Named]) -> list[str]:
    """The other subjects of a coordinated subject ending with the last mention: "Sir Keir
    Starmer and Emmanuel Macron signed", "Belgia i Holandia podpisały" (a comma or "and"
    between names, nothing else)."""
    found: list[str] = []
    for later, earlier in itertools.pairwise(reversed(before)):
        gap = text[earlier.end : later.start]
        words = gap.split()
        joined = "," in gap or (bool(words) and words[0].casefold() != "the")
        if not joined or not _AND.match(gap):
            break
        found.append(earlier.actor)
    return found


def _aside(text: str, mention: Named, earlier: list[Named], at: int) -> bool:
    """Whether a name stands in an aside about an earlier one, between commas after it
    and before the cue ("Cyprus, which takes over the EU presidency, has said")."""
    opened = text.rfind(", ", 0, mention.start)  # a comma between words, not "1,340"
    if opened < 0:
        return False
    closes = text.find(", ", mention.end)
    return 0 < closes < at and any(0 <= opened - e.end <= 1 for e in earlier)


def subject_before(text: str, before: list[Named], at: int) -> Named | None:
    """The last actor named before the cue, passing over names in an aside and the state
    that receives where another is named ("Tusk of Poland, one of Ukraine's strongest
    backers, ruled out": Poland)."""
    givers = [m for m in before if m.actor not in RECIPIENTS] or before
    for i in range(len(givers) - 1, -1, -1):
        if not _aside(text, givers[i], givers[:i], at):
            return givers[i]
    return givers[-1] if givers else None


def joined_after(text: str, after: list[Named]) -> list[Named]:
    """The first giving state named after the cue and those joined to it by "and" or a
    comma ("approved the deployment of our troops in France and Lithuania")."""
    givers = [m for m in after if m.actor not in RECIPIENTS]
    chain = givers[:1]
    for earlier, later in itertools.pairwise(givers):
        if not _AND.match(text[earlier.end : later.start]):
            break
        chain.append(later)
    return chain


def said_after(lexicon: Lexicon, text: str, at: int, named: list[Named]) -> Named | None:
    """Who a report names after its verb of saying, when nothing before the cue does
    ("The alliance's newest member would contribute jets, Prime Minister X told MPs");
    ``named``: the names outside the sentence's conditions (``outside_conditions``)."""
    if lexicon.saying is None:
        return None
    verb = lexicon.saying.search(text, at)
    if verb is None:
        return None
    near = [m for m in named if verb.start() - _SPEAKER_REACH // 2 <= m.start
            < verb.end() + _SPEAKER_REACH // 2 and m.start > at
            and m.actor not in RECIPIENTS]  # fmt: skip
    # the one closest to the verb ("..., Kyriakos Mitsotakis said"), not "to Ukraine"
    return min(near, key=lambda m: min(abs(m.end - verb.start()), abs(m.start - verb.end())),
               default=None)  # fmt: skip


def outside_conditions(named: list[Named], spans: list[tuple[int, int]]) -> list[Named]:
    """The names that stand outside the text's conditions (``spans``): "provided the
    Americans underwrite it" names a condition, not who offers."""
    return [n for n in named if not any(a <= n.start < b for a, b in spans)]


def reported_by(lexicon: Lexicon, text: str, at: int, named: list[Named]) -> Named | None:
    """The one a quotation holding the cue is attributed to, after it: a verb of saying
    and the first actor named after the closing quote."""
    if lexicon.saying is None or not QUOTES.search(text, 0, at):
        return None
    close = _CLOSING.search(text, at)
    if close is None:
        return None
    tail = text[close.end() : close.end() + _SPEAKER_REACH]
    if not lexicon.saying.search(tail):
        return None
    after = [m for m in named if close.end() <= m.start < close.end() + _SPEAKER_REACH]
    return after[0] if after else None


# A speaker's label opening a passage of a transcript: "PISTORIUS:", "John Healey:",
# "PRIME MINISTER CARNEY:" (a name, a title, up to six words, then a colon).
_LABEL = re.compile(
    r"^\s*(?:\d{1,2}[.:]\d{2}\s+)?"  # a sitting's time stamp ("01.03 Theo Francken, ministre:")
    r"((?:[^\W\d_][\w.'-]*,?\s+){0,5}[^\W\d_][\w.'-]*)\s*(?:\([^)\n]{0,40}\))?\s*:\s"
)


def has_label(text: str) -> bool:
    """Whether a speaker's label opens the passage (known to the lexicon or not)."""
    return _LABEL.match(text) is not None


def labelled(lexicon: Lexicon, text: str,
              names: Callable[[str], list[tuple[int, int, str]]] | None,
              earlier: dict[frozenset[str], str] | None = None) -> str | None:  # fmt: skip
    """The state of the speaker whose label opens the passage, if the label names one,
    or if it is the short form of an earlier label that did (``earlier``: the words of
    each such label to its state; "LA MINISTRE" after "LA MINISTRE DES ARMÉES"). A label
    that names a state is added to ``earlier``."""
    label = _LABEL.match(text)
    if label is None:
        return None
    words = label.group(1)
    found = [code for _, _, code in names(words)] if names is not None else []
    found += [m.actor for m in mentions(lexicon, words)]
    own = frozenset(w.casefold() for w in re.findall(r"[^\W\d_]+", words))
    if found:
        if earlier is not None:
            earlier[own] = found[0]
        return found[0]
    if earlier is None or not own:
        return None
    longer = {state for full, state in earlier.items() if own < full}
    return longer.pop() if len(longer) == 1 else None  # two states' labels: not guessed


def quoted(lexicon: Lexicon, clause: str) -> bool:
    """Whether the clause holds a quotation followed by a verb of saying (cheap tests
    first: most clauses have no quotation mark)."""
    if lexicon.saying is None or not QUOTES.search(clause):
        return False
    close = [m.end() for m in _CLOSING.finditer(clause)]
    return bool(close) and lexicon.saying.search(clause, close[-1]) is not None


def not_sources(lexicon: Lexicon, text: str, named: list[Named]) -> list[Named]:
    """The names that are not where figures come from ("according to figures from Paris,
    the partners' pledges add up to 27,000": Paris pledges none of them)."""
    if lexicon.sources is None:
        return named
    ends = {m.end() for m in lexicon.sources.finditer(text)}
    return [m for m in named if m.start not in ends]


#: A sentence that opens on where it is said ("In Berlin, the cabinet ...", "À Paris, le
#: gouvernement ...", "W Warszawie rząd ...", and the Ukrainian and Russian "in").
_OPENING = re.compile("^\\W*(?:In|At|\u00c0|Au|En|W|We|\u0423|\u0412|\u0412\u043e)\\s+")


def opening_seat(lexicon: Lexicon, text: str) -> str | None:
    """The state whose capital (or name) a sentence opens on as the place it is said, when
    the clause names no one else: "In Madrid, the cabinet signed off ..." is Spain's."""
    opening = _OPENING.match(text)
    if opening is None:
        return None
    rest = " " * opening.end() + text[opening.end() :]  # the place read as a name
    seat = next((m for m in mentions(lexicon, rest) if m.start == opening.end()), None)
    return seat.actor if seat is not None and seat.actor not in RECIPIENTS else None
