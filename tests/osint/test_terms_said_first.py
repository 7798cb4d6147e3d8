"""A state's terms said before its offer ("First a signed peace, then a vote in the Cortes,
and only then Spanish soldiers. ... Spain is ready to send up to 1,000"), and
parliament's say put as "only the Sabor can decide". Round 18 of unseen articles
(issue 17). Every sentence is written here, none copied from the corpus."""

from __future__ import annotations

import pytest

from tests.osint.builders import positions, read_article


@pytest.mark.parametrize(
    ("text", "actor", "conditions"),
    [
        ("Сначала подписанный мирный договор, потом голосование в кортесах, и только после "
         "этого португальские военные. Так формулу Лиссабона повторил премьер. Португалия "
         "готова направить до шестисот военнослужащих.", "PRT",
         ["parliamentary_approval", "peace_agreement"]),
        ("Norwegia. „Najpierw cisza na froncie, potem nasze wojsko” – tak stanowisko Oslo "  # noqa: RUF001
         "streścił norweski minister. Norwegia jest gotowa wydzielić do 300 żołnierzy.", "NOR",
         ["ceasefire"]),
        ("First quiet on the front line, then Danish troops, the Danish minister said. Denmark "
         "is ready to send a battalion of about 500.", "DNK", ["ceasefire"]),
    ],
)  # fmt: skip
def test_terms_said_first_condition_the_troops_offered_after(
    text: str, actor: str, conditions: list[str]
) -> None:
    assert positions(read_article(text))[(actor, "conditional")].conditions == conditions


def test_terms_said_first_do_not_reach_money_offered_after() -> None:
    found = positions(read_article(
        "Only after a ceasefire would Belgian soldiers go, the Belgian minister said. Belgium "
        "will also pay EUR 40 million into the coalition's fund this year."
    ))  # fmt: skip
    assert found[("BEL", "announced")].kinds == ["financing"]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Хорватия готова рассмотреть участие своих военных, однако решение может принять "
         "только Сабор.", "HRV"),  # noqa: RUF001
        ("Croatia is prepared to send a company, but only the Sabor can decide, the minister "
         "said.", "HRV"),
        ("Kroatien sei bereit, eine Kompanie zu stellen, aber nur der Sabor könne darüber "
         "entscheiden, sagte der Minister.", "HRV"),
    ],
)  # fmt: skip
def test_only_parliament_can_decide_is_parliaments_approval(text: str, actor: str) -> None:
    found = [c for c in read_article(text) if c.actor == actor and c.fact == "position"]
    assert [c.conditions for c in found] == [["parliamentary_approval"]]


@pytest.mark.parametrize(
    "text",
    [
        "Правительство Латвии одобрило проект решения о направлении до 90 военнослужащих. "  # noqa: RUF001
        "Окончательное слово — за Сейм, который рассмотрит проект в декабре.",
        "Уряд Латвії схвалив проєкт рішення про направлення до 90 військовослужбовців. "
        "Останнє слово — за Сеймом, який розгляне проєкт у грудні.",  # noqa: RUF001
        "Rząd Łotwy zatwierdził projekt decyzji o wysłaniu do 90 żołnierzy. Ostatnie słowo "
        "należy do Sejmu, który zajmie się projektem w grudniu.",
        "The Latvian cabinet approved a draft decision to send up to 90 soldiers. The final "
        "say rests with the Saeima, which will debate it in December.",
    ],
)
def test_the_last_word_left_to_parliament_is_its_approval(text: str) -> None:
    approved = positions(read_article(text))[("LVA", "government_approved")]
    assert approved.conditions == ["parliamentary_approval"]


@pytest.mark.parametrize(
    "text",
    [
        "Slovenia could provide an engineer company, its minister said. His Croatian "
        "colleague said Zagreb was ready to send a medical team. Both offers depend on a "
        "ceasefire being in place first, the two ministers said.",
        "Słowenia może wysłać kompanię saperów, powiedział minister. Jego chorwacki "
        "odpowiednik zapowiedział, że Zagrzeb jest gotów wysłać zespół medyczny. Obie oferty "
        "zależą od zawieszenia broni, zaznaczyli obaj ministrowie.",
    ],
)
def test_a_condition_said_of_both_offers_conditions_both(text: str) -> None:
    found = [c for c in read_article(text) if c.fact == "position"]
    assert {c.actor: c.conditions for c in found} == {"SVN": ["ceasefire"], "HRV": ["ceasefire"]}


def test_not_before_the_guns_stop_and_not_without_the_sabor() -> None:
    found = positions(read_article(
        "Croatia will offer two helicopters with crews to the force, the defence minister "
        "said on Tuesday. He named two strings: \"Not before the guns stop, and not without "
        "the Sabor.\""
    ))  # fmt: skip
    assert found[("HRV", "conditional")].conditions == ["ceasefire", "parliamentary_approval"]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Le gouvernement a annoncé qu'un bataillon pourrait être engagé une fois la trêve "
         "conclue ; il faudra cependant que le Riksdag l'approuve, a dit le ministre suédois.",
         "SWE"),
        ("Norway is ready to send a company, but only with the Storting behind us, the "
         "Norwegian minister said.", "NOR"),
        ("Denmark is ready to send two frigates, but that decision belongs to the Folketing, "
         "the Danish minister said.", "DNK"),
        ("Deutschland sei bereit, Soldaten zu stellen; einen solchen Einsatz müsse zuvor der "
         "Bundestag mandatieren, sagte der Minister.", "DEU"),
        ("Латвия готова направить роту, а окончательное решение «в любом случае примет "  # noqa: RUF001
         "Сейм», подчеркнул премьер-министр Латвии.", "LVA"),
    ],
)  # fmt: skip
def test_parliament_having_its_say_in_more_words(text: str, actor: str) -> None:
    found = [c for c in read_article(text) if c.actor == actor and c.fact == "position"]
    assert ["parliamentary_approval" in c.conditions for c in found] == [True]
