"""Round 22 of unseen articles (issue 17): a cue does not run over a colon ("the position
has not changed: we are ready" is no refusal); being ready to discuss a contribution is
considering it; an offer that "does not depend on any truce" is on no condition. Every
sentence is written here, none copied from the corpus."""

from __future__ import annotations

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
