"""A clause reader that works in any language with a lexicon (``lexicon``): each sentence
is cut into clauses at contrast words ("but", "sondern", "mais", "ale", "але", "но") and
semicolons, so that "will not send troops to Ukraine but will train them in Poland" is
two facts; each clause with a stance cue becomes a candidate whose actor is the one named
nearest before the cue (in the clause, else in the sentence, else in the sentences just
before: "he", "the Chancellor", "the Prime Minister" point back to it), with the kind,
conditions (in the clause or its sentence), quantity and basing the clause states.

The quote is the clause's sentence, in the article's language; the reviewer sees the
language, and the English rendering where the corpus gives one.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import replace

from coalition.osint.candidate import Candidate
from coalition.osint.conditions import (
    PLACE,
    condition_spans,
    conditions_in,
    conditions_only,
    placed,
    refuses,
    until,
)
from coalition.osint.cues import REFUSALS, blind, cues_for, reacting
from coalition.osint.cues import plain as plain_text
from coalition.osint.dates import month_recalled, resolve
from coalition.osint.lexicon import REACTIONS, Cue, Lexicon
from coalition.osint.naming import (
    RECIPIENTS,
    STANCES_ONLY,
    Named,
    coordinated,
    joined_after,
    mentions,
    not_sources,
    opening_seat,
    outside_conditions,
    owned_troops,
    places_named,
    quoted,
    reported_by,
    said_after,
    subject_before,
)
from coalition.osint.offered import basing_of, domains_of, kinds_of
from coalition.osint.quantities import in_currency_of, quantity
from coalition.osint.reading import Document, Passage
from coalition.osint.text import Sentence, asks, sentences

#: Days before an article's date beyond which what a sentence dates is background
#: recalled, not news (the corpus gold dates 9 of 3,014 positions over 90 days back).
_BACKGROUND_DAYS = 180

#: Characters before a parliament's approval in which a word that makes it a condition
#: ("once", "until", "only after") may stand.
_REQUIRES_BEFORE = 40

#: Sentences back that a clause without a named actor may take its actor from.
_CARRY = 2


#: Words that join two clauses wherever they stand; another contrast word (German "aber",
#: "jedoch") cuts only after a comma or a dash: "Norwegen ist aber bereit" is one clause.
#: (The last three: Ukrainian and Russian "but", and "whereas".)
_CONJUNCTIONS = {"but", "sondern", "mais", "ale", "lecz", "\u0430\u043b\u0435", "\u043d\u043e",
                 "\u0430"}  # fmt: skip


#: A colon or semicolon inside a cue's words (not one it starts with: ": not a single
#: soldier"): "the position has not changed: we are ready" is no "not ... ready".
_OVER_A_BREAK = re.compile(r"[:;]\s")

_BREAKS = (",", ";", ":", "-", "\u2013", "\u2014")  # a comma, or a dash of any length


def _cuts_here(text: str, match: re.Match[str]) -> bool:
    words = match.group(0).split()
    word = words[0].casefold() if words else ""
    return word in _CONJUNCTIONS or text[: match.start()].rstrip()[-1:] in _BREAKS


def _clauses(lexicon: Lexicon, sentence: Sentence, seconds: set[int]) -> list[tuple[int, str]]:
    """The sentence cut at contrast words, semicolons and where a second offer starts
    (``seconds``, from ``_second_offers``): (offset in sentence, text)."""
    cuts = [0]
    for match in re.finditer(r";", sentence.text):
        cuts.append(match.end())
    if lexicon.contrast is not None:
        cuts += [m.start() for m in lexicon.contrast.finditer(sentence.text)
                 if m.start() > 0 and _cuts_here(sentence.text, m)]  # fmt: skip
    if lexicon.concessive is not None:  # "while A could not, B would": A's ends at a comma
        for match in lexicon.concessive.finditer(sentence.text):
            comma = sentence.text.find(",", match.end())
            cuts += [match.start()] + ([comma + 1] if comma > 0 else [])
    cuts += sorted(seconds)
    cuts = [*sorted(set(cuts)), len(sentence.text)]
    return [(a, sentence.text[a:b]) for a, b in itertools.pairwise(cuts) if b > a]


def _second_offers(lexicon: Lexicon, sentence: Sentence) -> set[int]:
    """Where a second offer of the same actor starts ("and would send"): its own clause."""
    if lexicon.also_offers is None:
        return set()
    return {m.start() for m in lexicon.also_offers.finditer(sentence.text) if m.start() > 0}


#: Characters before a name where a cue that holds the name may start.
_INSIDE_CUE = 40
_BREAK = re.compile(r"[,;:(\u2013\u2014]")
#: A break that opens what was said ("said, that ...", "zapowiedział, że ..."): the
#: reported words belong to the cue's clause.
_THAT = re.compile(r"[,:]\s*(?:that|dass|daß|que|qu['\u2019]|że|що|что)\b", re.IGNORECASE)


def _unasserted(lexicon: Lexicon, text: str, offset: int, at: int) -> bool:
    """Whether the cue at ``at`` states nothing: the sentence is a question, the cue's
    clause (up to the next break after it) a writer's own opinion ("should", "in my
    view"; not "..., adding that the task should fall to others"), or the cue stands
    after "if"/"whether" with no break between."""
    if asks(text) or (lexicon.polls is not None and lexicon.polls.search(text)):
        return True
    if lexicon.hedges is not None:
        breaks = [b.start() for b in _BREAK.finditer(text, at)]
        end = breaks[0] if breaks else len(text)
        if _THAT.match(text, end):  # "announced, that his party ..."
            end = breaks[1] if len(breaks) > 1 else len(text)
        if lexicon.hedges.search(text, offset, end) is not None:
            return True
    if lexicon.hypothetical is None:
        return False
    breaks = [b.end() for b in _BREAK.finditer(text, offset, at)]
    start = breaks[-1] if breaks else offset
    return lexicon.hypothetical.search(text, start, at) is not None


def read_passage(
    document: Document,
    passage: Passage,
    lexicon: Lexicon,
    names: Callable[[str], list[tuple[int, int, str]]] | None = None,
    speaker: str | None = None,
) -> list[Candidate]:
    """Candidates from one passage in ``lexicon``'s language; ``names``: another way to
    find the actors named (start, end, code);
    ``speaker``: the state of a transcript's speaker whose words these are (the caller
    follows the labels: an answer may run over several paragraphs)."""
    out: list[Candidate] = []
    read = sentences(passage.text, passage.start)
    found: dict[int, list[Named]] = {}

    def named_in(i: int) -> list[Named]:  # the actors a sentence names, found once, if asked
        if i not in found:
            text = read[i].text
            found[i] = ([Named(*n) for n in names(text)] if names is not None
                        else mentions(lexicon, text))  # fmt: skip
        return found[i]

    def recent_after(i: int, need: int) -> list[str]:
        """The actors named just before, as the sentences up to ``i`` leave them: a
        sentence that names some puts them first; one that names none keeps two."""
        if i < 0:
            return []
        if named_in(i):
            head = [m.actor for m in named_in(i)][:need]
            return head + (recent_after(i - 1, need - len(head)) if len(head) < need else [])
        return recent_after(i - 1, min(need, _CARRY))

    for i, sentence in enumerate(read):
        blinded = blind(sentence.text)  # read through quotation marks, once a sentence
        if not _has_cue(lexicon, blinded) and (
            lexicon.asides is None
            or lexicon.asides.search(blinded) is None  # "could, however, second"
            or not _has_cue(lexicon, plain_text(lexicon, sentence.text))
        ):
            continue  # no stance at all (most sentences): its names are found only if asked
        named = named_in(i)
        recent = recent_after(i - 1, _CARRY * 3)
        seconds = _second_offers(lexicon, sentence)
        clauses = _clauses(lexicon, sentence, seconds)
        # A clause that states no condition takes the sentence's, except those of a clause
        # that refuses ("will not send troops to a post-ceasefire force, but will pay")
        # and those of a second offer after it ("will pay, and would send troops once").
        texts = [blinded[a : a + len(c)] for a, c in clauses]
        for k, (offset, clause) in enumerate(clauses):
            others = ([t for j, t in enumerate(texts) if j <= k or clauses[j][0] not in seconds]
                      if len(clauses) > 1 else None)  # fmt: skip
            # "will pay EUR 50 million and also - once parliament agrees - 200 sappers"
            shared = (_cue_status(lexicon, sentence, *clauses[k - 1])
                      if offset in seconds and k > 0 else None)  # fmt: skip
            out += _clause(document, lexicon, sentence, blinded, offset, clause, named,
                           recent, others, speaker, shared)  # fmt: skip
    return out


def _cue_status(lexicon: Lexicon, sentence: Sentence, offset: int, clause: str) -> str | None:
    """The stance a clause's own cue states, if any (what an elided second offer shares)."""
    cue = _asserted_cue(lexicon, sentence.text, offset, plain_text(lexicon, clause))
    return cue[0] if cue is not None else None


def _has_cue(lexicon: Lexicon, text: str) -> bool:
    return any(c.pattern.search(text) for c in cues_for(lexicon, text))


def _group_speaks(
    lexicon: Lexicon, text: str, before: list[Named], since: int, at: int, offset: int
) -> bool:
    """Whether a group that names no state stands between the actor named and the cue:
    a pronoun ("they") only where it is not the one named ("The Swedes ... they", "The
    Dutch have said they will")."""
    if _counted_between(lexicon, text, since, at):
        return True  # "Kosiniak-Kamysz said 19 states have declared": the 19 states'
    group = lexicon.groups.search(text, since, at) if lexicon.groups is not None else None
    if group is None:
        return False
    if text.startswith(", ", since) and 0 < text.find(", ", group.end()) < at:
        return False  # in an aside: "Serbia, which is not part of the coalition, will"
    pronoun = group.group(0).islower() and len(group.group(0)) <= 4
    people = bool(before) and text[before[-1].start : before[-1].end].endswith("s")
    said = (  # said in the same clause
        bool(before)
        and before[-1].start >= offset
        and lexicon.saying is not None
        and lexicon.saying.search(text, before[-1].end, group.start()) is not None
    )  # "The Dutch have said they will"
    return not (pronoun and (people or said))


def _counted_between(lexicon: Lexicon, text: str, since: int, at: int) -> bool:
    """Whether a count of states ("19 państw", "zwölf Staaten") stands between ``since``
    and the cue at ``at``: the count is the subject, not the state named before it."""
    if lexicon.number is None or lexicon.counted_after is None:
        return False
    return any(lexicon.counted_after.match(text, m.end(), at) is not None
               for m in lexicon.number.finditer(text, since, at))  # fmt: skip


def _asserted_cue(
    lexicon: Lexicon, text: str, offset: int, clause: str
) -> tuple[str, int, int] | None:
    """The clause's stance and where its cue stands (in the sentence): the first status
    in the lexicon's order with a cue the sentence asserts ("has yet to decide whether
    they would join" is considering; "would join" after "whether" states nothing)."""
    cues = cues_for(lexicon, clause)
    # A cue inside a condition is the condition's ("if the United States stands behind
    # this force"), not a stance.
    conditions = condition_spans(lexicon, clause)
    found: list[tuple[int, int, int, str]] = []  # an entry's matches: start, order, end
    entry = -1
    for order, cue in enumerate([*cues, None]):
        if cue is None or cue.entry != entry:  # an entry's cues are read: the first asserted
            for start, _, end, status in sorted(found):
                if _in_condition(lexicon, clause, conditions, start, status):
                    continue
                if not _unasserted(lexicon, text, offset, offset + start):
                    return _hedged(lexicon, text, offset, clause, cues, (status, start, end))
            found = []
        if cue is None:
            return None
        entry = cue.entry
        if cue.pattern.search(clause) is not None:  # most cues match nowhere: one scan
            found += [(m.start(), order, m.end(), cue.status) for m in cue.pattern.finditer(clause)
                      if not _OVER_A_BREAK.search(m.group(0).lstrip(" :;"))]  # fmt: skip
    return None


def _in_condition(lexicon: Lexicon, clause: str, conditions: list[tuple[str, int, int]],
                  start: int, status: str) -> bool:  # fmt: skip
    """Whether a cue stands inside a condition the clause sets: not a parliament's
    approval said as news ("the Folketing approved sending 25 officers"), only one said
    as what must come first ("once the Folketing has approved")."""
    inside = [code for code, a, b in conditions if a <= start < b]
    if not inside:
        return False
    if status != "parliament_approved" or set(inside) != {"parliamentary_approval"}:
        return True
    return lexicon.requires is not None and bool(
        lexicon.requires.search(clause, max(0, start - _REQUIRES_BEFORE), start)
    )


def _hedged(lexicon: Lexicon, text: str, offset: int, clause: str, cues: list[Cue],
            cue: tuple[str, int, int]) -> tuple[str, int, int]:  # fmt: skip
    """An offer under a hedge said before it is considered, not announced ("it would be
    conceivable that Croatia provides instructors", "is studying whether to send")."""
    status, start, end = cue
    if status == "announced":
        for other in cues:
            if other.status != "considering":
                continue
            hedge = other.pattern.search(clause, 0, start)
            if hedge is not None and not _unasserted(lexicon, text, offset, offset + hedge.start()):
                return "considering", offset + hedge.start(), offset + hedge.end()
    return status, offset + start, offset + end


def _clause(
    document: Document,
    lexicon: Lexicon,
    sentence: Sentence,
    blinded: str,
    offset: int,
    clause: str,
    named: list[Named],
    recent: list[str],
    others: list[str] | None = None,
    speaker: str | None = None,
    shared: str | None = None,
) -> list[Candidate]:
    """``shared``: the stance of the offer before, which a second offer without a verb of
    its own shares ("and also up to 200 sappers")."""
    plain = plain_text(lexicon, clause)  # through quotation marks and asides
    in_quotes = quoted(lexicon, clause)  # a quotation: its speaker may follow it
    cue = _asserted_cue(lexicon, sentence.text, offset, plain)
    if cue is None and shared is not None and shared not in REFUSALS:
        cue = (shared, offset, offset)
    if cue is None:
        return []
    status, at, cue_end = cue
    # a parliament's approval that is the news names who approved ("The Storting approved")
    spans = [(a, b) for _, a, b in condition_spans(lexicon, blinded)
             if not (status == "parliament_approved" and a <= at < b)]  # fmt: skip
    named = outside_conditions(named, spans)  # not "provided Washington backs it"
    named = not_sources(lexicon, sentence.text, named)
    inside = [m for m in named if offset <= m.start < offset + len(clause)]
    before = [m for m in inside if m.start < at] or [m for m in named if m.start < at]
    within = [m for m in inside if at <= m.start < cue_end]  # "no American troops will"
    if not within:  # "ruled out sending Bulgarian troops": whose troops says whose
        within = [m for m in inside if m.start >= at and m.actor not in RECIPIENTS
                  and owned_troops(lexicon, sentence.text, m)
                  and m.start - cue_end <= _INSIDE_CUE][:1]  # fmt: skip
    speaker_after = reported_by(lexicon, sentence.text, at, named) if in_quotes else None
    # the transcript's speaker, where the words up to the cue's end are the speaker's own
    # ("we will", "the government decided")
    first = (speaker if speaker and lexicon.first_person is not None
             and lexicon.first_person.search(sentence.text, offset, cue_end) else None)  # fmt: skip
    nearest = subject_before(sentence.text, before, at)
    if nearest is None and not within and not speaker_after and not first:
        speaker_after = said_after(lexicon, sentence.text, cue_end, named)
    actor = (nearest.actor if nearest else within[0].actor if within
             else speaker_after.actor if speaker_after else first if first
             else None)  # fmt: skip
    later = joined_after(sentence.text, [m for m in inside if m.start >= at]) if not actor else []
    givers = [m for m in inside if m.actor not in RECIPIENTS]
    if not (actor or later or givers or status in ("opposes", "supports", *REACTIONS)):
        actor = opening_seat(lexicon, sentence.text)  # an offer's; not "En France même, le RN"
    actor = actor or (later[0].actor if later else givers[0].actor if givers
                      else recent[0] if recent else None)  # fmt: skip
    reaction = status in REACTIONS
    if status in ("opposes", "supports") or reaction:
        # Who objects is the clause's subject, the first named (not "the decision from
        # Vilnius" it objects to, nor a speaker's label such as "Wadephul:"); after the
        # verb where the verb comes second ("In Kiew begrüßte Außenminister Sybiha ...").
        label = [m for m in inside if sentence.text[m.end : m.end + 2].strip().startswith(":")]
        subject = [m for m in inside if m.start < at and m not in label]
        inverted = [m for m in inside if cue_end <= m.start <= cue_end + _INSIDE_CUE
                    and status in ("supports", "reacts")]  # fmt: skip
        if reaction:  # read only from who the clause names reacting
            speaking = [m for m in inside if at <= m.start < cue_end]  # "the Kremlin said"
            reacting_one = (subject or speaking or inverted)[:1]
            actor = reacting_one[0].actor if reacting_one else None
            stance = reacting(status, actor) if actor else None
            if stance is None:
                return []
            status = stance
        else:
            actor = (subject[0].actor if subject else actor if actor
                     else inverted[0].actor if inverted else None)  # fmt: skip
    if actor is None or (actor in RECIPIENTS and status not in ("opposes", "supports")):
        return []  # Ukraine receives: what it says is a stance, never a pledge
    since = before[-1].end if before else offset
    objects = status in ("opposes", "supports")  # its subject is named first, a group later
    if not objects and _group_speaks(lexicon, sentence.text, before, since, at, offset):
        return []  # "Macron said that Europe is ready": Europe's readiness, not France's
    conditions = sorted(conditions_in(lexicon, plain))
    if not conditions:
        around = (blinded if others is None
                  else " ".join(c for c in others if not refuses(lexicon, c)))  # fmt: skip
        conditions = sorted(conditions_in(lexicon, around))
    elif status in REFUSALS and until(lexicon, plain):
        status = "conditional"  # "no soldier goes without a vote in parliament"
    if conditions and others is not None:  # "...; il faudra cependant que le Riksdag l'approuve"
        conditions = sorted({*conditions, *(c for other in others if other != plain
                                            and conditions_only(lexicon, other)
                                            for c in conditions_in(lexicon, other))})  # fmt: skip
    if status in (*REFUSALS, "withdrawn"):
        conditions = []  # a refusal is on no condition ("to a post-ceasefire force")
    if status == "parliament_approved":  # the vote it was waiting for is the news
        conditions = [c for c in conditions if c != "parliamentary_approval"]
    conditions = placed(lexicon, plain, conditions)
    if conditions and status == "announced":
        status = "conditional"
    kinds = kinds_of(lexicon, plain)
    fact = "stance" if status in ("opposes", "supports") or actor in STANCES_ONLY else "position"
    if fact == "stance" and status not in ("opposes", "supports"):
        # what Moscow or Minsk announces about the force is a threat, not an offer
        hostile = status in ("ruled_out", "refused") or actor in STANCES_ONLY
        status = "opposes" if hostile else "supports"
    date, words = resolve(sentence.text, document.published)  # only for a candidate: it costs
    said = month_recalled(sentence.text, at)  # with its year: "16 June" may be next June
    if said and document.published and (document.published - said).days > _BACKGROUND_DAYS:
        return []  # "in February 2024 Macron did not rule out": background, not the news
    date = date or document.published
    found = (
        None
        if status in REFUSALS or fact == "stance"  # an objection counts nothing
        else quantity(lexicon, clause, (kinds or ["troops"])[0])
    )
    found = in_currency_of(found, actor)  # "crowns" said by Oslo are NOK
    if kinds[:1] == ["financing"] and found is not None and not found.money:
        kinds = kinds[1:]  # "выделить ... один тральщик": a number of ships is not money
    basing = basing_of(lexicon, plain)
    if basing in (None, "in_ukraine") and basing_of(lexicon, sentence.text) == PLACE:
        basing = PLACE  # "to Ukraine ..., adding that they would stay away from the front"
    if basing is None and any(p.actor not in RECIPIENTS | {"RUS"}
                              for p in places_named(lexicon, plain)):  # fmt: skip
        basing = "outside_ukraine"  # "zwei Patriot-Staffeln nach Polen verlegen"
    candidate = Candidate(
        fact=fact, document=document.id, quote=sentence.text, start=sentence.start,
        end=sentence.end, date=date, date_words=words, actor=actor, status=status,
        conditions=conditions if fact == "position" else [],
        kinds=(kinds or ["troops"])[:1] if fact == "position" else [],
        quantity=found.as_dict() if found else None, basing=basing,
        domains=domains_of(lexicon, plain, found.unit if found else None)
        if fact == "position" and (kinds or ["troops"])[0] == "troops" else [],
        language=lexicon.language, sources=[document.id],
    )  # fmt: skip
    partners = coordinated(sentence.text, before) if before and before[-1].actor == actor else []
    partners += [m.actor for m in later[1:]]
    return [candidate] + [replace(candidate, actor=a, sources=[document.id]) for a in partners
                          if a != actor and a not in RECIPIENTS]  # fmt: skip
