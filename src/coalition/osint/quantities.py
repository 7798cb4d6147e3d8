"""Quantities as news states them, in any language with a lexicon: "up to 300
soldiers", "between 400 and 600", "a frigate", "EUR 3 billion", "rund 200 Millionen
Euro", "10 tys. żołnierzy": the value (scaled by thousand, million, billion), the unit
(people, money by currency, equipment), and how it was said (exactly, up to, about, at
least, a range). Kept as said: "up to" stays a bound, a range is never a midpoint."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from coalition.osint.dates import MONTHS
from coalition.osint.lexicon import Lexicon, Numbers


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str
    said: str = "exact"
    max: float | None = None

    @property
    def money(self) -> bool:
        """Whether the unit is a currency (a three-letter code: EUR, USD, PLN)."""
        return _money(self.unit)

    def as_dict(self) -> dict[str, object]:
        found: dict[str, object] = {"value": self.value, "unit": self.unit, "said": self.said}
        if self.max is not None:
            found["max"] = self.max
        return found


def _value(text: str, numbers: Numbers) -> float | None:
    digits = text.replace("\u00a0", " ").replace("\u202f", " ")
    if re.fullmatch(r"\d{1,3}(?:[ .,]\d{3})+", digits) and not (
        numbers.decimal_comma and re.fullmatch(r"\d+,\d{3}", digits) is None
    ):
        return float(re.sub(r"[ .,]", "", digits))
    if numbers.decimal_comma:
        digits = digits.replace(".", "").replace(",", ".")
    else:
        digits = digits.replace(",", "")
    try:
        return float(digits.replace(" ", ""))
    except ValueError:
        return None


def number_of(raw: str, numbers: Numbers) -> float | None:
    word = raw.casefold()
    if word in numbers.articles:
        return 1.0
    if word in numbers.words:
        return float(numbers.words[word])
    return _value(raw, numbers)


def _scale(numbers: Numbers, after: str) -> float:
    lead = re.match(r"[\s-]*(\S+)", after)  # "US$500-million"
    if lead and numbers.billion.match(lead.group(1)):
        return 1e9
    if lead and numbers.million.match(lead.group(1)):
        return 1e6
    if lead and numbers.thousand.match(lead.group(1)):
        return 1e3
    return 1.0


def _scaled(numbers: Numbers, value: float, after: str) -> float:
    """A number times its scale, with a half said before the scale ("seven and a half
    thousand", "сім з половиною тисяч") or after it ("deux milliards et demi")."""
    if numbers.half is None:
        return value * _scale(numbers, after)
    before = numbers.half.match(after)
    if before is not None:
        return (value + 0.5) * _scale(numbers, after[before.end() :])
    scale = _scale(numbers, after)
    word = re.match(r"[\s-]*\S+", after)
    if scale > 1 and word is not None and numbers.half.match(after, word.end()):
        return (value + 0.5) * scale
    return value * scale


def _said(numbers: Numbers, before: str, after: str = "") -> str:
    capped = numbers.up_to_after is not None and numbers.up_to_after.search(after)
    if numbers.up_to.search(before) or capped:
        return "up_to"
    if numbers.about.search(before):
        return "about"
    if numbers.at_least.search(before):
        return "at_least"
    return "exact"


def _changes(lexicon: Lexicon, text: str) -> list[tuple[int, int, Quantity]]:
    """ "raised its offer from 300 to 500 soldiers": (start, end, the offer now) for each
    with a unit; the number it was is no quantity."""
    numbers = lexicon.numbers
    found: list[tuple[int, int, Quantity]] = []
    for match in numbers.changed.finditer(text) if numbers.changed is not None else ():
        now = number_of(match.group(2), numbers)
        after = text[match.end() : match.end() + 40]
        unit = _unit(lexicon, text[max(0, match.start(2) - 25) : match.start(2)], after)
        if now is None or unit is None:
            continue
        found.append((match.start(), match.end(), Quantity(now * _scale(numbers, after), unit)))
    return found


def _ranges(lexicon: Lexicon, text: str) -> list[tuple[int, int, Quantity]]:
    """ "between 400 and 600 soldiers": (start, end, the range) for each with a unit."""
    numbers = lexicon.numbers
    found: list[tuple[int, int, Quantity]] = []
    for match in numbers.range.finditer(text) if numbers.range is not None else ():
        said = [g for g in match.groups() if g is not None]  # the alternative's two groups
        if len(said) != 2:
            continue
        low, high = (number_of(g, numbers) for g in said)
        after = text[match.end() : match.end() + 40]
        unit = _unit(lexicon, text[max(0, match.start() - 25) : match.start()], after)
        if low is None or high is None or unit is None or not low < high:
            continue
        scale = _scale(numbers, after)
        found.append((match.start(), match.end(), Quantity(low * scale, unit, "range",
                                                           high * scale)))  # fmt: skip
    return found


def spoken_numbers(lexicon: Lexicon, text: str) -> list[tuple[int, int, str, float]]:
    """The numbers of the text (start, end, as written, value), the words of one number
    joined: "сто двадцять п'ять" is 125, "тисячі двохсот" 1,200, "dwadzieścia trzy" 23
    (a word joins the one before it when it fills that one's trailing zeros)."""
    assert lexicon.number is not None
    found: list[tuple[int, int, str, float]] = []
    for match in lexicon.number.finditer(text):
        raw = match.group(1) or (match.group(2) if match.lastindex and match.lastindex > 1 else "")
        value = number_of(raw, lexicon.numbers)
        if value is None:
            continue
        if found and _times(found[-1], match.start(), raw, text):  # "two hundred"
            start, _, first, before = found[-1]
            found[-1] = (start, match.end(), f"{first} {raw}", before * 100)
            continue
        if found and _joins(found[-1], match.start(), raw, value, text):
            start, _, first, before = found[-1]
            found[-1] = (start, match.end(), f"{first} {raw}", before + value)
            continue
        found.append((match.start(), match.end(), raw, value))
    return [f for f in found if f[2].casefold() not in lexicon.numbers.only_within]


def _joins(last: tuple[int, int, str, float], start: int, raw: str, value: float, text: str
           ) -> bool:  # fmt: skip
    _, end, first, before = last
    if (
        text[end:start].strip().casefold() not in _JOINERS
        or first[:1].isdigit()
        or raw[:1].isdigit()
    ):
        return False
    if before != int(before) or before < 10 or value < 1:
        return False
    zeros = len(str(int(before))) - len(str(int(before)).rstrip("0"))
    return zeros > 0 and value < 10**zeros


#: Words that multiply the number before them: "two hundred", "deux cents".
_HUNDREDS = {"hundred", "cent", "cents", "hundert"}  # words the language files have


def _times(last: tuple[int, int, str, float], start: int, raw: str, text: str) -> bool:
    _, end, first, before = last
    return (raw.casefold() in _HUNDREDS and not text[end:start].strip()
            and not first[:1].isdigit() and 1 <= before < 10)  # fmt: skip


#: Words between the words of one number: "a hundred and fifty", "vingt et un".
_JOINERS = {"", "and", "et"}


#: More people than any state could send: a population or an army's size, not a pledge.
_MOST_PERSONNEL = 100_000


#: Currencies a word leaves to the state that pays: "crowns" are Norway's or Sweden's,
#: a Canadian minister's "dollars" are Canadian. Unresolved crowns give no figure (a
#: wrong currency is worse than none); unresolved dollars are US dollars.
_LOCAL = {
    "crowns": {"NOR": "NOK", "SWE": "SEK", "DNK": "DKK", "CZE": "CZK", "ISL": "ISK"},
    "dollars": {"CAN": "CAD", "AUS": "AUD", "NZL": "NZD"},
}
_UNRESOLVED = {"dollars": "USD"}


def _money(unit: str) -> bool:
    return unit in _LOCAL or (len(unit) == 3 and unit.isupper())


def in_currency_of(found: Quantity | None, actor: str | None) -> Quantity | None:
    """The quantity with a currency word ("crowns", "dollars") made the paying state's."""
    if found is None or found.unit not in _LOCAL:
        return found
    code = _LOCAL[found.unit].get(actor or "", _UNRESOLVED.get(found.unit))
    return replace(found, unit=code) if code else None


def quantity(lexicon: Lexicon, text: str, kind: str | None = None) -> Quantity | None:
    """The number in the clause that a unit follows (or a currency leads), scaled by
    thousand/million/billion, with how it was said; a range as low and high. Money for
    financing, people or equipment for anything else, where the clause says both."""
    numbers = lexicon.numbers
    if lexicon.number is None:
        return None
    changes = _changes(lexicon, text)
    ranges = changes + [r for r in _ranges(lexicon, text)
                        if not any(a <= r[0] < b for a, b, _ in changes)]  # fmt: skip
    # (counted by an article, where, what): a number said outright comes before "a
    # frigate" ("a frigate and up to 150 instructors" pledges 150 instructors)
    found: list[tuple[bool, int, Quantity]] = [(False, start, q) for start, _, q in ranges]
    for start, end, raw, value in spoken_numbers(lexicon, text):
        if any(a <= start < b for a, b, _ in ranges):
            continue
        after = text[end : end + 40]
        before = text[max(0, start - 25) : start]
        article = raw.casefold() in numbers.articles
        unit = _unit(lexicon, before, after, reach=2 if article else None)
        if unit is None or (_year(raw, value) and not _unit_next(lexicon, after)):
            continue
        if _day_of_month(value, after):
            continue  # "approved on 16 June sending up to 150 soldiers": a date
        if unit == "personnel" and value == 1:
            continue  # "an adviser said", "ani jednego żołnierza": no one pledges one person
        value = _scaled(numbers, value, after)
        if unit == "personnel" and value > _MOST_PERSONNEL:
            continue  # "a country of fewer than 400,000 people": a population, not a pledge
        found.append((article, start, Quantity(value, unit, _said(numbers, before, after))))
    found.sort(key=lambda f: (f[0], f[2].unit != "personnel", f[1]))
    if kind is not None:
        fitting = [q for _, _, q in found if _money(q.unit) == (kind == "financing")]
        if fitting:
            return fitting[0]
    return found[0][2] if found else None


_MONTH_AFTER = re.compile(r"(?:st|nd|rd|th)?\.?\s+(\w+)")


def _day_of_month(value: float, after: str) -> bool:
    """A day of the month ("16 czerwca", "3. März", "21st October"), not a quantity."""
    month = _MONTH_AFTER.match(after)
    return 1 <= value <= 31 and month is not None and month.group(1).casefold() in MONTHS


def _year(raw: str, value: float) -> bool:
    """A bare four-digit number of this era is a year ("in 2026"), not a quantity."""
    return bool(re.fullmatch(r"\d{4}", raw)) and 1900 <= value <= 2100


def _unit_next(lexicon: Lexicon, after: str) -> bool:
    word = re.match(r"\s*(\S+)", after)
    return word is not None and any(p.match(word.group(1)) for p in lexicon.units.values())


_CODE = re.compile(r"\b(EUR|USD|GBP|CHF|NOK|SEK|DKK|PLN|CAD|AUD|JPY|CZK|HUF|RON)\s*$")


def _unit(lexicon: Lexicon, before: str, after: str, reach: int | None = None) -> str | None:
    """The unit of a number: a currency sign or code before it, else the first unit word
    after it (within three words and 30 characters; ``reach``: within that many words)."""
    sign = {"€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY", "₴": "UAH"}
    lead = before.rstrip()
    dollars = re.search(r"\b(A|C|NZ|US)\$$", lead)  # A$, C$, NZ$, US$
    if dollars:
        return {"A": "AUD", "C": "CAD", "NZ": "NZD", "US": "USD"}[dollars.group(1)]
    if lead[-1:] in sign:
        return sign[lead[-1]]
    code = _CODE.search(before)
    if code:
        return code.group(1)
    head = re.match(r"\s*(?:\S+\s+){0,3}", after)
    window = after[: head.end() + 30] if head else after
    if reach is not None:  # an article counts one thing, not "a company of soldiers"
        named = _unit_at_start(lexicon, after)  # but "un chasseur de mines" is a minehunter
        if named is not None:
            return named
        near = re.match(r"\s*(?:\S+\s*){0,%s}" % str(reach), after)  # noqa: UP031
        window = after[: near.end()] if near else ""
        window = re.split(r"\s(?:of|de|d['\u2019]|von)\s", window)[0]
        if re.search(r"\d", window):
            return None  # "a further A$250m": the number is the figure, not the article
    best: tuple[int, str] | None = None
    for unit, pattern in lexicon.units.items():
        match = pattern.search(window)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), unit)
    return best[1] if best and best[0] <= 30 else None


def _unit_at_start(lexicon: Lexicon, after: str) -> str | None:
    """A unit of several words that starts right after the number ("un chasseur de
    mines"), the longest where two do."""
    lead = len(after) - len(after.lstrip())
    found = [(m.end(), unit) for unit, pattern in lexicon.units.items()
             if (m := pattern.match(after, lead)) is not None and " " in m.group(0)]  # fmt: skip
    return max(found)[1] if found else None
