"""Stance cues as a language file gives them: which may match a text (by the words they
need), the stance a text states, and which stances refuse. Cues read through quotation
marks ('Norway "has no plans" to send troops' states a refusal)."""

from __future__ import annotations

import re

from coalition.osint.lexicon import Cue, Lexicon
from coalition.osint.literals import has_all
from coalition.osint.naming import RECIPIENTS, STANCES_ONLY
from coalition.osint.text import asks

REFUSALS = ("ruled_out", "refused")
#: Stances that refuse or object.
NEGATIVE = ("opposes", *REFUSALS)


def reacting(status: str, actor: str) -> str | None:
    """The stance a reaction states, by who reacts: Moscow or Minsk denouncing, naming or
    thanking anything about the force opposes it (every Russian reaction in the corpus
    gold but one of 232 does); Kyiv naming, welcoming or thanking an offer supports it;
    anyone else's reaction, or Kyiv warning, states nothing the verb alone can tell."""
    if actor in STANCES_ONLY:
        return "opposes"
    if actor in RECIPIENTS and status == "reacts":
        return "supports"
    return None


#: Quotation marks, and an apostrophe that is one (no letter on one side of it: not the
#: one in "don't" or "Ukraine's").
_QUOTATION = re.compile(
    "[\"\u201c\u201d\u00ab\u00bb\u201e\u2018]|(?<![^\\W\\d_])['\u2019]|['\u2019](?![^\\W\\d_])"
)


def blind(text: str) -> str:
    """The text with its quotation marks as spaces (offsets kept): a stance quoted in part
    ('Norway "has no plans" to send troops') reads as said."""
    return _QUOTATION.sub(" ", text)


def cues_for(lexicon: Lexicon, text: str) -> list[Cue]:
    """The cues that may match ``text``: those whose words it has (cheap tests first:
    one of the words a cue needs, then a word of every group it requires)."""
    low = text.casefold()
    chosen = set(lexicon.wordless_cues)
    for word, places in lexicon.cues_of_word.items():
        if word in low:
            chosen.update(places)
    cues = (lexicon.cues[i] for i in sorted(chosen))
    return [cue for cue in cues if has_all(low, cue.groups)]


def status_of(lexicon: Lexicon, clause: str) -> str | None:
    """The clause's stance: the first of the lexicon's cues (in its order) it has."""
    return next((c.status for c in cues_for(lexicon, clause) if c.pattern.search(clause)), None)


def plain(lexicon: Lexicon, text: str) -> str:
    """The text as cues read it: through quotation marks and the asides set off by commas
    ("It would, however, pay EUR 3 million"), offsets kept."""
    text = blind(text)
    if lexicon.asides is None:
        return text
    return lexicon.asides.sub(lambda m: " " * len(m.group(0)), text)


def says_nothing(lexicon: Lexicon, text: str) -> bool:
    """Whether a sentence states no one's position: a question, or a writer's or
    reader's own opinion, a poll (the language file's hedges)."""
    return asks(text) or (lexicon.hedges is not None and lexicon.hedges.search(text) is not None)
