"""The strength hint: length counts most, variety helps, common choices are weak."""

from __future__ import annotations

import pytest

from zvkd_desktop.ui.password_strength import Strength, evaluate, hint


@pytest.mark.parametrize(
    ("password", "strength"),
    [
        ("", Strength.EMPTY),
        ("kort", Strength.WEAK),
        ("abcdefghij", Strength.WEAK),
        ("wachtwoord123!", Strength.WEAK),
        ("1234567890", Strength.WEAK),
        ("aaaaaaaaaaaaaaaaaaaaaaa", Strength.WEAK),
        ("abcdefgh1!", Strength.FAIR),
        ("Zomerfiets8!", Strength.FAIR),
        ("koffie met zeven koekjes", Strength.STRONG),
        ("Fietsbel-27-Vla", Strength.STRONG),
    ],
)
def test_strength(password: str, strength: Strength) -> None:
    assert evaluate(password) is strength


def test_the_hint_is_dutch() -> None:
    assert hint("kort").label == "Zwak"
    assert hint("abcdefgh1!").label == "Redelijk"
    assert hint("koffie met zeven koekjes").label == "Sterk"
    assert not hint("kort").acceptable and hint("abcdefgh1!").acceptable
