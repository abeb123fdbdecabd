"""Invented Delftenaren for the demo set: youths with an address, parents or carers, siblings."""

from __future__ import annotations

import random
import string
from datetime import date, timedelta

from zvkd_desktop.domain.dates import age_on
from zvkd_desktop.services.demo import names
from zvkd_desktop.services.demo.texts import NO_ADDRESS_NOTE
from zvkd_desktop.services.demo.world import GuardianPlan, YouthPlan

# age at a first registration: most youths are 15-19; rival youth are younger (see skeleton)
AGE_WEIGHTS = {12: 2, 13: 4, 14: 7, 15: 10, 16: 12, 17: 12, 18: 10, 19: 8, 20: 6, 21: 5,
               22: 4, 23: 3, 24: 2, 25: 2, 26: 1}  # fmt: skip
_POSTCODE_LETTERS = [c for c in string.ascii_uppercase if c not in "FIOQUY"]


def pick(rng: random.Random, weights: dict[str, float]) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def birth_date_for_age(rng: random.Random, age: int, on: date) -> date:
    """A date of birth that makes the youth exactly ``age`` on ``on``."""
    latest = _years_before(on, age)
    born = latest - timedelta(days=rng.randrange(0, 360))
    assert age_on(born, on) == age, (born, on, age)
    return born


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def phone(rng: random.Random) -> str:
    return f"06 {rng.randrange(1, 7)}{rng.randrange(100, 1000)} {rng.randrange(1000, 10000)}"


def address(rng: random.Random, neighbourhood: str) -> tuple[str, str, str] | None:
    """(street, house number, postcode) on a real street of the neighbourhood."""
    if neighbourhood not in names.STREETS:
        return None
    digits, streets = names.STREETS[neighbourhood]
    number = str(rng.randrange(1, 260))
    if rng.random() < 0.15:
        number += rng.choice("abc")
    letters = "".join(rng.choice(_POSTCODE_LETTERS) for _ in range(2))
    return rng.choice(streets), number, f"{digits} {letters}"


def new_youth(
    rng: random.Random,
    index: int,
    registered_on: date,
    age: int,
    *,
    date_of_birth: date | None = None,
) -> YouthPlan:
    background = pick(rng, names.BACKGROUNDS)
    gender = "man" if rng.random() < 0.88 else "vrouw"
    boys, girls = names.YOUTH_FIRST_NAMES[background]
    first = rng.choice(boys if gender == "man" else girls)
    last = rng.choice(names.LAST_NAMES[background])
    born = date_of_birth or birth_date_for_age(rng, age, registered_on)
    hood = pick(rng, names.NEIGHBOURHOOD_WEIGHTS)
    place = address(rng, hood)
    youth = YouthPlan(
        index=index,
        key=f"youth/{index}",
        background=background,
        gender=gender,
        first_name=first,
        last_name=last,
        date_of_birth=born,
        neighbourhood=hood,
        street=place[0] if place else None,
        house_number=place[1] if place else None,
        postcode=place[2] if place else None,
        phone=phone(rng) if age >= 14 or rng.random() < 0.5 else None,
        notes=None if place else NO_ADDRESS_NOTE,
    )
    youth.guardians = guardians(rng, youth)
    return youth


def sibling_of(
    rng: random.Random, index: int, elder: YouthPlan, registered_on: date, age: int
) -> YouthPlan:
    """A younger brother or sister: same family name, home, parents and household."""
    gender = "man" if rng.random() < 0.8 else "vrouw"
    boys, girls = names.YOUTH_FIRST_NAMES[elder.background]
    choices = [n for n in (boys if gender == "man" else girls) if n != elder.first_name]
    born = birth_date_for_age(rng, age, registered_on)
    if born <= elder.date_of_birth:  # the sibling is the younger one
        born = elder.date_of_birth + timedelta(days=400 + rng.randrange(0, 700))
    youth = YouthPlan(
        index=index,
        key=f"youth/{index}",
        background=elder.background,
        gender=gender,
        first_name=rng.choice(choices),
        last_name=elder.last_name,
        date_of_birth=born,
        neighbourhood=elder.neighbourhood,
        street=elder.street,
        house_number=elder.house_number,
        postcode=elder.postcode,
        phone=phone(rng) if rng.random() < 0.6 else None,
        household=elder.household,
        notes=elder.notes,
    )
    youth.guardians = [
        GuardianPlan(g.name, g.relation, g.phone, g.email, g.address) for g in elder.guardians
    ]
    return youth


def guardians(rng: random.Random, youth: YouthPlan) -> list[GuardianPlan]:
    """One or two parents or carers, involved 'from minute one'."""
    fathers, mothers = names.PARENT_FIRST_NAMES[youth.background]
    surnames = names.LAST_NAMES[youth.background]
    result: list[GuardianPlan] = []
    if rng.random() < 0.07:
        carer = f"{rng.choice(mothers)} {rng.choice(surnames)}"
        return [_guardian(rng, carer, "verzorger", None)]
    separated = rng.random() < 0.25
    if rng.random() < 0.92:
        own_name = rng.random() < 0.55
        mother = f"{rng.choice(mothers)} {rng.choice(surnames) if own_name else youth.last_name}"
        result.append(_guardian(rng, mother, "moeder", None))
    if not result or rng.random() < 0.6:
        elsewhere = None
        if separated and youth.street is not None:
            place = address(rng, pick(rng, {k: 1.0 for k in names.STREETS}))
            elsewhere = f"{place[0]} {place[1]}, {place[2]} Delft" if place else None
        result.append(
            _guardian(rng, f"{rng.choice(fathers)} {youth.last_name}", "vader", elsewhere)
        )
    return result


def _guardian(rng: random.Random, name: str, relation: str, where: str | None) -> GuardianPlan:
    email = None
    if rng.random() < 0.45:
        local = ".".join(part.lower() for part in name.split() if part.isalpha())
        email = f"{_ascii(local)}@{names.EMAIL_DOMAIN}"
    return GuardianPlan(name, relation, phone(rng), email, where)


def _ascii(text: str) -> str:
    table = str.maketrans("çğıöşüéë", "cgiosuee")
    return "".join(c for c in text.translate(table) if c.isascii())
