"""Conditions said after the offer: "Norway is prepared to send two minehunters. Any
deployment would also need the backing of the Storting." The second sentence states no
stance of its own; it names a condition with a word that makes it one ("need", "only",
"once", "sobald", "pod warunkiem"), and names no other actor than the offer's (actors
inside the condition, "provided Washington backs it", do not count). Its conditions join
those of the offer made in the two sentences before it, which becomes conditional; of
every offer there when it speaks of "both offers". A state's terms said first ("First a
signed peace, then a vote, and only then Spanish soldiers.") condition the troops it
offers in the two sentences after them."""

from __future__ import annotations

from coalition.osint.candidate import Candidate
from coalition.osint.conditions import condition_spans, negated, placed, refuses
from coalition.osint.cues import REFUSALS, says_nothing, status_of
from coalition.osint.lexicon import Lexicon
from coalition.osint.naming import RECIPIENTS, STANCES_ONLY, mentions, outside_conditions
from coalition.osint.reading import Document
from coalition.osint.text import Sentence, sentences

#: Sentences back that a condition may reach (the offer's, or the one after it).
_REACH = 3
#: Sentences ahead that a condition naming the offer's state may reach: the state's
#: terms said first, then its offer.
_AHEAD = 2
#: A sentence this short that names no actor may condition the offer after it ("Yes,
#: if a ceasefire agreement is concluded." then the offer).
_FRAGMENT = 90
_OPEN = (
    "announced",
    "conditional",
    "considering",
    "declared",
    "government_approved",
    "parliament_approved",
)


def _conditions(lexicon: Lexicon, text: str) -> tuple[set[str], list[tuple[int, int]]]:
    found = condition_spans(lexicon, text)
    return {code for code, _, _ in found}, [(a, b) for _, a, b in found]


def carry(document: Document, lexicons: dict[str, Lexicon], candidates: list[Candidate]) -> None:
    """Add to each offer the conditions a following sentence sets it, a short sentence
    naming no actor just before it, or its state's terms said just before (in place)."""
    read: list[tuple[Sentence, Lexicon]] = []
    for passage in document.body():
        lexicon = lexicons.get(document.language_of(passage))
        if lexicon is not None:
            read += [(s, lexicon) for s in sentences(passage.text, passage.start)]
    where = {id(c): i for c in candidates for i, (s, _) in enumerate(read)
             if s.start <= c.start < s.end}  # fmt: skip
    _without_that(read, where, candidates)
    _fold_elaborations(read, where, candidates)
    positions = [c for c in candidates if c.fact == "position"]
    offers = [c for c in positions if c.status in _OPEN]
    if not offers:
        return
    stated = {c.start for c in candidates}
    starts = {c.start for c in offers}
    with_offer = {i for i, (s, _) in enumerate(read) if any(s.start <= o < s.end for o in starts)}
    for i, (sentence, lexicon) in enumerate(read):
        ahead = i + 1 in with_offer and len(sentence.text) <= _FRAGMENT
        coming = [j for j in range(i + 1, i + 1 + _AHEAD) if j in with_offer]
        if not with_offer & set(range(i - _REACH, i)) and not ahead and not coming:
            continue  # no offer near: nothing to condition
        if lexicon.requires is None or any(sentence.start <= s < sentence.end for s in stated):
            continue  # a sentence with a fact of its own is read for that fact
        low = sentence.text.casefold()
        if not any(head in low for head in lexicon.condition_heads) and not (
            lexicon.condition_headless and lexicon.condition_headless.search(sentence.text)
        ):
            continue  # the cheaper tests first: most sentences name no condition
        if not lexicon.requires.search(sentence.text):
            continue
        said, spans = _conditions(lexicon, sentence.text)
        if not said:
            continue
        if refuses(lexicon, sentence.text):
            continue  # a refusal, not a condition ("... unless", "not without" are)
        if says_nothing(lexicon, sentence.text):
            continue  # a question or an opinion sets no condition
        # who the condition names as another offerer: not a name inside it, nor the
        # receiving state or one that pledges nothing ("a ceasefire between Russia and
        # Ukraine")
        named = {m.actor for m in mentions(lexicon, sentence.text)
                 if not any(a <= m.start < b for a, b in spans)
                 and m.actor not in RECIPIENTS | STANCES_ONLY}  # fmt: skip
        around = [s for s, _ in reversed(read[max(0, i - _REACH) : i])]
        if ahead and not named:  # "Only once a ceasefire holds. Denmark will send..."
            around.append(read[i + 1][0])
        # "First a peace deal, then a vote, and only then Spanish soldiers. ... Spain is
        # ready to send 1,000.": terms that state no stance (not "Europe is ready if ...")
        terms = bool(named) and status_of(lexicon, sentence.text) is None
        if terms:
            around += [read[j][0] for j in coming]
        ahead_of = {read[j][0].start for j in coming} if terms else set()
        # "Not even after the war ends" extends the refusal just before; "it will only be
        # activated once a peace deal is signed" conditions the offer, past a refusal.
        extends = negated(lexicon, sentence.text)
        # "Both offers depend on a ceasefire": every offer within reach, not the nearest
        every = lexicon.every_offer is not None and bool(lexicon.every_offer.search(sentence.text))
        for earlier in around:  # the nearest statement is the one conditioned
            there = [c for c in positions if earlier.start <= c.start < earlier.end
                     and (not named or c.actor in named)
                     and (earlier.start not in ahead_of or c.kinds[:1] == ["troops"])]  # fmt: skip
            targets = [c for c in there if c.status in _OPEN]
            if targets or (there and extends):
                for offer in targets:
                    offer.conditions = placed(lexicon, sentence.text,
                                              sorted(set(offer.conditions) | said),
                                              own=False)  # fmt: skip
                    if offer.status == "announced":
                        offer.status = "conditional"
                if not every:
                    break


def _without_that(
    read: list[tuple[Sentence, Lexicon]], where: dict[int, int], candidates: list[Candidate]
) -> None:
    """ "... presupposes a US commitment. Without it, Paris would not send troops." A
    refusal that opens on "without it" restates the condition just said: it is no
    refusal. The same state's offer just before takes the conditions said since (and the
    refusal goes); with no such offer, the refusal becomes the conditional offer it
    implies, when the sentences just before name its conditions."""
    for c in [c for c in candidates if c.fact == "position" and c.status in REFUSALS]:
        at = where.get(id(c))
        if at is None:
            continue
        sentence, lexicon = read[at]
        if lexicon.without_that is None or not lexicon.without_that.search(sentence.text):
            continue
        said: set[str] = set()
        for back in range(at, max(-1, at - _REACH), -1):
            here, lx = read[back]
            said |= {code for code, _, _ in condition_spans(lx, here.text)}
            offer = next((o for o in candidates if o.fact == "position" and o.actor == c.actor
                          and o.status in _OPEN and where.get(id(o)) == back),
                         None)  # fmt: skip
            if offer is not None:
                offer.conditions = sorted(set(offer.conditions) | said)
                if offer.status == "announced":
                    offer.status = "conditional"
                candidates.remove(c)
                break
        else:
            if said:
                c.status, c.conditions = "conditional", sorted(said)


def _fold_elaborations(
    read: list[tuple[Sentence, Lexicon]], where: dict[int, int], candidates: list[Candidate]
) -> None:
    """ "The cabinet approved two minehunters. The ships will start clearing only once a
    ceasefire holds." A sentence that names no state, read as the same state's offer of
    the same kind just made, says more about that offer (its conditions, its size): it
    is folded into it rather than counted as a second statement."""
    for c in [
        c for c in candidates if c.fact == "position" and c.status in ("announced", "conditional")
    ]:
        at = where.get(id(c))
        if at is None or at == 0:
            continue
        sentence, lexicon = read[at]
        _, spans = _conditions(lexicon, sentence.text)  # "still to be voted by the Riksdag"
        named = outside_conditions(mentions(lexicon, sentence.text), spans)
        if any(m.actor == c.actor for m in named):
            continue  # the state is named (not as the parliament of a condition): its own
        earlier = [o for o in candidates if o is not c and o.fact == "position"
                   and o.actor == c.actor and o.status in _OPEN and o.kinds[:1] == c.kinds[:1]
                   and at - 2 <= where.get(id(o), -9) < at]  # fmt: skip
        if not earlier:
            continue
        offer = max(earlier, key=lambda o: o.start)
        offer.conditions = sorted(set(offer.conditions) | set(c.conditions))
        if offer.quantity is None:
            offer.quantity = c.quantity
        if offer.status == "announced" and c.status == "conditional":
            offer.status = "conditional"
        candidates.remove(c)
