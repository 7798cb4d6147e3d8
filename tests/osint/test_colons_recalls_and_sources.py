"""Round 22 of unseen articles (issue 17): a cue does not run over a colon ("the position
has not changed: we are ready" is no refusal), nor does "even before" ("even before the
offer itself: first a ceasefire"); being ready to discuss a contribution is considering
it; an offer that "does not depend on any truce" is on no condition, one that "still
stands" is made; who gives the figures ("according to figures from Rome") pledges none; a
position recalled from years before is background; an envoy who "promised nothing new"
offers nothing, "there would be no battalion" refuses one. Every sentence is written
here, none copied from the corpus."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.osint.builders import positions, read_article


def test_a_refusal_does_not_run_over_a_colon() -> None:
    found = positions(read_article(
        "Прем'єрка Литви повторила, що позиція уряду не змінилася: Литва готова "
        "направити до місії інженерів, коли буде підписано мирну угоду."
    ))  # fmt: skip
    assert ("LTU", "ruled_out") not in found
    assert found[("LTU", "conditional")].conditions == ["peace_agreement"]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Japan is ready to discuss a role for its self-defence forces in the mission, the "
         "foreign minister said on Monday.", "JPN"),
        ("Le Portugal est prêt à discuter d'une participation de ses militaires à la "
         "force, a indiqué le ministre de la Défense.", "PRT"),
        ("Czechy są gotowe rozmawiać o udziale swoich żołnierzy w misji, powiedział "
         "minister obrony w Pradze.", "CZE"),
        ("Норвегія готова обговорювати участь своїх військових у місії, заявив міністр "  # noqa: RUF001
         "оборони в Осло.", "NOR"),
    ],
)  # fmt: skip
def test_ready_to_discuss_is_considering(text: str, actor: str) -> None:
    found = positions(read_article(text))
    assert (actor, "considering") in found
    assert (actor, "announced") not in found


@pytest.mark.parametrize(
    "text",
    [
        "Belgium will pay EUR 80 million for Ukraine's air defence, an effort that does "
        "not depend on any ceasefire, the prime minister said.",
        "La Belgique versera 80 millions d'euros pour la défense aérienne ukrainienne, un "
        "effort qui ne dépend d'aucune trêve, a dit le Premier ministre.",
    ],
)
def test_an_offer_that_depends_on_no_truce_is_unconditional(text: str) -> None:
    found = positions(read_article(text))
    assert found[("BEL", "announced")].conditions == []
    assert ("BEL", "conditional") not in found


@pytest.mark.parametrize(
    "text",
    [
        "Nach Angaben aus Rom summieren sich die Zusagen der Partner inzwischen auf rund "
        "31.000 Soldaten.",
        "Około 31 tys. – tylu żołnierzy zadeklarowały łącznie państwa koalicji, według "  # noqa: RUF001
        "danych przekazanych przez Rzym.",
    ],
)
def test_who_gives_the_figures_pledges_none(text: str) -> None:
    assert not [key for key in positions(read_article(text)) if key[0] == "ITA"]


def test_a_position_recalled_from_years_before_is_background() -> None:
    found = positions(read_article(
        "In February 2024 the Spanish prime minister did not rule out sending troops. "
        "On Monday Spain said it would send up to 500 soldiers once a ceasefire holds.",
        published=dt.date(2027, 2, 17),
    ))  # fmt: skip
    assert ("ESP", "considering") not in found
    assert found[("ESP", "conditional")].conditions == ["ceasefire"]


@pytest.mark.parametrize(
    ("text", "actor", "status"),
    [
        ("Навесні 2025 року данський уряд обмежувався обіцянкою «розглянути участь».",
         "DNK", None),
        ("Russia, which annexed Crimea in March 2014, said on Monday it would never accept "
         "NATO troops in Ukraine.", "RUS", "opposes"),
    ],
)  # fmt: skip
def test_a_month_and_year_long_before_date_only_the_statement_they_open(
    text: str, actor: str, status: str | None
) -> None:
    found = positions(read_article(text, published=dt.date(2027, 2, 17)))
    assert [key[1] for key in found if key[0] == actor] == ([status] if status else [])


def test_even_before_does_not_reach_past_a_colon() -> None:
    found = positions(read_article(
        "Deutschland ist bereit, bis zu 3.000 Soldaten zu entsenden. Die Bedingungen "
        "nannte die Kanzlerin noch vor dem Angebot selbst: zuerst muss ein "
        "Waffenstillstand gelten, dann braucht es ein Mandat des Bundestages."
    ))  # fmt: skip
    assert "ceasefire" in found[("DEU", "conditional")].conditions


@pytest.mark.parametrize(
    ("text", "actor", "condition"),
    [
        ("Norway's defence minister said on Sunday that the Norwegian offer of an "
         "engineer company, some 120 soldiers, still stands, but that it will go nowhere "
         "without a vote in the Storting.", "NOR", "parliamentary_approval"),
        ("Premier Belgii powtórzył, że Belgia nie wyklucza udziału swoich żołnierzy, "
         "zastrzegając, że o wszystkim zdecyduje parlament.", "BEL",
         "parliamentary_approval"),
    ],
)  # fmt: skip
def test_an_offer_that_stands_and_a_parliament_that_decides(
    text: str, actor: str, condition: str
) -> None:
    found = positions(read_article(text))
    assert any(key[0] == actor and condition in c.conditions for key, c in found.items())


@pytest.mark.parametrize(
    ("text", "actor", "status"),
    [
        ("Washington's envoy attended the meeting but promised nothing new.", "USA", None),
        ("Ottawa n'a rien promis de nouveau lors de la réunion de Madrid.", "CAN", None),
        ("The defence minister told reporters that there would be no Estonian battalion in "
         "Ukraine.", "EST", "ruled_out"),
    ],
)  # fmt: skip
def test_nothing_promised_and_no_battalion(text: str, actor: str, status: str | None) -> None:
    found = positions(read_article(text))
    assert [key[1] for key in found if key[0] == actor] == ([status] if status else [])


def test_the_last_word_past_an_aside() -> None:
    found = positions(read_article(
        "Данський міністр повідомив, що Копенгаген готовий виділити до 150 військових. "
        "Останнє слово, наголосив він, за Фолькетингом."
    ))  # fmt: skip
    assert "parliamentary_approval" in found[("DNK", "conditional")].conditions


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Rząd Czech zgodził się wysłać do 200 żołnierzy, ale dopiero po podpisaniu "
         "porozumienia pokojowego; sam rozejm nie wystarczy.", "CZE"),
        ("La Grèce enverra une frégate, mais seulement après un accord de paix : une simple "
         "trêve ne suffira pas, a dit le ministre.", "GRC"),
    ],
)  # fmt: skip
def test_a_mere_truce_is_not_the_condition(text: str, actor: str) -> None:
    conditional = [c for key, c in positions(read_article(text)).items() if key[0] == actor]
    assert [c.conditions for c in conditional] == [["peace_agreement"]]


def test_a_condition_only_asked_about_is_none() -> None:
    found = positions(read_article(
        "Der Minister kündigte an, dass Schweden sein Bataillon auf 500 Soldaten "
        "aufstocken wird. Auf die Frage, ob das von einer amerikanischen Zusage abhängt, "
        "antwortete er: Nein, Schweden entscheide selbst."
    ))  # fmt: skip
    assert "us_backstop" not in found[("SWE", "announced")].conditions


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("L'Assemblée de la République a prolongé jusqu'en 2029 la participation de 180 "
         "militaires portugais à la force.", "PRT"),
        ("Сейм Латвії в четвер продовжив мандат латвійського контингенту ще на рік.", "LVA"),
    ],
)  # fmt: skip
def test_a_parliament_that_extends_a_mandate_approves_it(text: str, actor: str) -> None:
    assert (actor, "parliament_approved") in positions(read_article(text))


@pytest.mark.parametrize(
    ("text", "actor", "status", "conditions"),
    [
        ("Greek soldiers could take part in a mission in Ukraine only under the flag of the "
         "United Nations, the minister said.", "GRC", "conditional", ["un_mandate"]),
        ("Portugal would study what it can contribute to the force once there is a peace "
         "agreement.", "PRT", "considering", ["peace_agreement"]),
        ("The bulk of the Dutch contingent would move into Ukraine only after a ceasefire "
         "takes effect.", "NLD", "conditional", ["ceasefire"]),
        ("Стокгольм серйозно розглядає участь шведських військових, але спершу своє слово "
         "має сказати риксдаг.", "SWE", "considering", ["parliamentary_approval"]),
    ],
)  # fmt: skip
def test_more_conditions_and_offers(
    text: str, actor: str, status: str, conditions: list[str]
) -> None:
    assert positions(read_article(text))[(actor, status)].conditions == conditions


def test_washington_offers_on_no_backstop_of_its_own() -> None:
    found = positions(read_article(
        "Washington will provide intelligence and airlift to the force. Without American "
        "air cover, the Danish minister said, Danish engineers will not go."
    ))  # fmt: skip
    assert found[("USA", "announced")].conditions == []
