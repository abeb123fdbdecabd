"""Keyed pseudonyms recognise the same youth however the name was typed, and nothing more."""

from __future__ import annotations

from datetime import date

import pytest

from zvkd_desktop.domain.pseudonym import normalise_identity, pseudonym

KEY = b"k" * 32
BORN = date(2007, 3, 1)


@pytest.mark.parametrize(
    ("first", "last"),
    [
        ("Sem", "van der Berg"),
        ("SEM", "Van Der Berg"),
        ("  Sem ", "van  der   Berg "),
        ("Sem", "Berg, van der"),
        ("Sem", "Berg van der"),
        ("Sem van der", "Berg"),
        ("Sém", "v.d. Berg"),
    ],
)
def test_the_same_youth_typed_differently_gets_one_pseudonym(first: str, last: str) -> None:
    assert pseudonym(KEY, first, last, BORN) == pseudonym(KEY, "Sem", "van der Berg", BORN)


def test_accents_and_case_do_not_matter() -> None:
    assert normalise_identity("Çağla", "Öztürk", BORN) == normalise_identity(
        "cagla", "OZTURK", BORN
    )


def test_hyphens_and_apostrophes_are_word_breaks() -> None:
    assert normalise_identity("Jan-Willem", "in 't Veld", BORN) == normalise_identity(
        "Jan Willem", "Veld", BORN
    )


def test_names_in_other_scripts_keep_their_letters() -> None:
    assert normalise_identity("Søren", "Øberg", BORN) == "v1|søren|øberg|2007-03-01".encode()
    assert normalise_identity("Юлия", "Иванова", BORN) != normalise_identity(
        "Анна", "Иванова", BORN
    )


def test_a_surname_of_particles_only_is_kept() -> None:
    assert normalise_identity("Minh", "Van", BORN) != normalise_identity("Minh", "", BORN)


def test_the_normalised_identity_is_deterministic_and_versioned() -> None:
    assert normalise_identity("Sem", "van der Berg", BORN) == b"v1|sem|berg|2007-03-01"


@pytest.mark.parametrize(
    ("first", "last", "born"),
    [
        ("Noah", "van der Berg", BORN),  # another first name: a sibling, not the same youth
        ("Sem", "van den Broek", BORN),
        ("Sem", "van der Berg", date(2007, 3, 2)),  # a twin born after midnight still differs
    ],
)
def test_a_different_person_gets_a_different_pseudonym(first: str, last: str, born: date) -> None:
    assert pseudonym(KEY, first, last, born) != pseudonym(KEY, "Sem", "van der Berg", BORN)


def test_another_store_key_gives_another_pseudonym() -> None:
    assert pseudonym(KEY, "Sem", "Berg", BORN) != pseudonym(b"x" * 32, "Sem", "Berg", BORN)


def test_the_pseudonym_is_32_bytes_and_hides_the_name() -> None:
    value = pseudonym(KEY, "Sem", "Berg", BORN)
    assert len(value) == 32
    assert b"sem" not in value and b"2007" not in value


def test_an_empty_key_or_no_name_at_all_is_a_bug() -> None:
    with pytest.raises(ValueError):
        pseudonym(b"", "Sem", "Berg", BORN)
    with pytest.raises(ValueError):
        normalise_identity(" ", "-", BORN)
