"""What a clause offers besides its stance: the kinds of contribution it names (troops,
training, financing...), the domains forces are offered in (land, sea, air) and where
they would be based, each read from the language file's words."""

from __future__ import annotations

from coalition.osint.conditions import condition_spans
from coalition.osint.lexicon import Lexicon
from coalition.osint.naming import recipients_troops
from coalition.osint.quantities import quantity

#: The domain a place or a unit puts forces in ("to Ukraine" tells no domain: troops sent
#: there may fly; the reviewer says which).
_DOMAIN_OF = {
    "tanks": "land",
    "at_sea": "sea",
    "minehunters": "sea",
    "ships": "sea",
    "in_the_air": "air",
    "fighter_jets": "air",
    "helicopters": "air",
    "surveillance_aircraft": "air",
}


def domains_of(lexicon: Lexicon, text: str, unit: str | None = None) -> list[str]:
    """The domains forces are offered in (land, sea, air): every place the text names
    that puts them in one ("at sea", "air policing"), and the unit's (tanks, frigates)."""
    found = {_DOMAIN_OF[b] for b, p in lexicon.basing.items()
             if b in _DOMAIN_OF and p.search(text)}  # fmt: skip
    if unit in _DOMAIN_OF:
        found.add(_DOMAIN_OF[unit])
    return [d for d in ("land", "sea", "air") if d in found]


def basing_of(lexicon: Lexicon, text: str) -> str | None:
    """Where the text puts forces (the first basing whose words it has), if it says."""
    return next((b for b, p in lexicon.basing.items() if p.search(text)), None)


def kinds_of(lexicon: Lexicon, text: str) -> list[str]:
    """The kinds of contribution a clause names, in the lexicon's order of priority, but
    money said as an amount is financing ("EUR 250 million for air defence"), and neither
    the receiving state's troops nor the words of a condition are what is sent."""
    masked = recipients_troops(lexicon, text)
    for _, start, end in condition_spans(lexicon, masked):  # "until the guns (Waffen) fall silent"
        masked = masked[:start] + " " * (end - start) + masked[end:]
    kinds = [k for k, p in lexicon.kinds.items() if p.search(masked)]
    if kinds[:1] == ["troops"] and "training" in kinds:
        # soldiers sent to train others offer training (logistics and headquarters staff
        # were tried the same way: the gold counts them both ways)
        kinds.remove("training")
        kinds.insert(0, "training")
    if kinds[:1] != ["financing"]:
        money = quantity(lexicon, text, "financing")
        if money is not None and money.money:
            kinds = ["financing", *(k for k in kinds if k != "financing")]
    return kinds
