"""The subject-access overview (inzage) as a readable Dutch A4 PDF.

Input is the export dict of services.privacy.inzage (the same data as the JSON), so the PDF and
the JSON cannot differ in content. Written for the youth or their parents as much as for the
privacy officer: plain Dutch labels instead of field names, dates as dd-mm-jjjj, one section per
kind of data, "Vertrouwelijk" and "Pagina n van m" on every page. Rendering follows the yearly
summary's renderer (reports.render.pdf): a QTextDocument laid out in the device's pixels and
painted page by page with a footer.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from typing import Any

from PySide6.QtGui import QPagedPaintDevice, QPdfWriter, QTextDocument

from zvkd_desktop.domain.dates import format_nl
from zvkd_desktop.reports.render.pages import paged_document, paint_pages
from zvkd_desktop.reports.render.pdf import RESOLUTION, ensure_app, page_layout

__all__ = ["TITLE", "build_html", "write_inzage_pdf"]

TITLE = "Inzageverzoek – overzicht van vastgelegde gegevens"

ACTIONS = {
    "create": "aangemaakt", "update": "gewijzigd", "delete": "verwijderd",
    "restore": "teruggezet", "close": "afgesloten", "reopen": "heropend", "decide": "besluit",
    "undo_decision": "besluit ongedaan gemaakt", "inzage": "inzage gegeven",
    "erase": "persoonsgegevens gewist", "reseal": "logboek verzegeld",
}  # fmt: skip
TABLES = {
    "youth": "jongere", "guardian": "ouder/verzorger", "household": "gezin",
    "registration": "aanmelding", "pad_case": "casus", "category_period": "categorie",
    "coach_assignment": "coach", "reopening": "heropening", "police_contact": "politiecontact",
    "coach_contact": "contactmoment", "review": "bespreking",
    "review_progress": "voortgang per leefgebied", "plan_version": "plan van aanpak",
    "plan_goal": "doel", "plan_action": "actie", "agenda_item": "agendapunt",
    "meeting_decision": "besluit in het kernteam", "action_item": "actiepunt",
}  # fmt: skip


# -- values --------------------------------------------------------------------------------------


def _text(value: Any) -> str:
    """A value as a reader sees it: dates dd-mm-jjjj, yes/no, an empty value as a dash."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        try:
            if len(value) == 10:
                return format_nl(dt.date.fromisoformat(value))
            moment = dt.datetime.fromisoformat(value)
            return f"{format_nl(moment.date())} {moment:%H:%M}"
        except ValueError:
            pass
    return str(value)


def _e(value: Any) -> str:
    return html.escape(_text(value)).replace("\n", "<br>")


def _label(data: dict[str, Any], key: str) -> Any:
    """The Dutch label of a coded value when the export has one."""
    return data.get(f"{key}_label", data.get(key))


def _removed(data: dict[str, Any]) -> str:
    return f" <i>(verwijderd op {_e(data['removed_at'])})</i>" if data.get("removed_at") else ""


def _note(data: dict[str, Any], key: str = "note") -> str | None:
    """A row's text, marked when the row was removed (removed rows are still held)."""
    text = data.get(key)
    if not data.get("removed_at"):
        return text  # type: ignore[no-any-return]
    return f"{_text(text)} (verwijderd op {_text(data['removed_at'])})"


BLANK = " "
"""An empty cell that should stay empty rather than show the dash of a missing value."""


def _pairs(rows: list[tuple[str, Any]]) -> str:
    body = "".join(
        f'<tr><td width="32%" class="k">{html.escape(label)}</td><td>{_e(value)}</td></tr>'
        for label, value in rows
    )
    return f'<table width="100%" cellspacing="0" cellpadding="3" class="pairs">{body}</table>'


def _grid(columns: list[str], rows: list[list[Any]], widths: list[int] | None = None) -> str:
    if not rows:
        return "<p class='none'>Geen.</p>"
    sizes = [f" width='{w}%'" for w in widths] if widths else [""] * len(columns)
    head = "".join(f"<th align='left'{size}>{html.escape(c)}</th>"
                   for c, size in zip(columns, sizes, strict=True))  # fmt: skip
    body = "".join("<tr>" + "".join(f"<td>{_e(v)}</td>" for v in row) + "</tr>" for row in rows)
    return (f'<table width="100%" cellspacing="0" cellpadding="3" border="1" class="grid">'
            f"<thead><tr>{head}</tr></thead>{body}</table>")  # fmt: skip


# -- sections ------------------------------------------------------------------------------------


def _youth(youth: dict[str, Any]) -> str:
    address = " ".join(str(p) for p in (youth.get("street"), youth.get("house_number")) if p)
    place = " ".join(str(p) for p in (youth.get("postcode"), youth.get("city")) if p)
    rows = [
        ("Voornaam", youth.get("first_name")),
        ("Achternaam", youth.get("last_name")),
        ("Geboortedatum", youth.get("date_of_birth")),
        ("Geboortejaar", youth.get("birth_year")),
        ("Geslacht", youth.get("gender")),
        ("Adres", ", ".join(p for p in (address, place) if p) or None),
        ("Telefoonnummer", youth.get("phone")),
        ("Wijk", youth.get("neighbourhood_name")),
        ("Notities", youth.get("notes")),
        ("Herkenningscode bij een nieuwe aanmelding",
         "ja (versleuteld, afgeleid van naam en geboortedatum)" if youth.get("pseudonym") else None),
    ]
    if youth.get("erased_at"):
        rows.append(("Persoonsgegevens gewist op", youth["erased_at"]))
    return "<h2>1. Persoonsgegevens</h2>" + _pairs(rows)


def _guardians(guardians: list[dict[str, Any]]) -> str:
    parts = ["<h2>2. Ouders en verzorgers</h2>"]
    if not guardians:
        parts.append("<p class='none'>Geen.</p>")
    for number, g in enumerate(guardians, start=1):
        parts.append(f"<h3>Ouder of verzorger {number}{_removed(g)}</h3>")
        parts.append(_pairs([("Naam", g.get("name")), ("Relatie", g.get("relation")),
                             ("Telefoonnummer", g.get("phone")), ("E-mailadres", g.get("email")),
                             ("Adres", g.get("address")), ("Notitie", g.get("note"))]))  # fmt: skip
    return "".join(parts)


def _household(household: dict[str, Any] | None) -> str:
    if household is None:
        return "<h2>3. Gezin</h2><p class='none'>Niet gekoppeld aan broers of zussen.</p>"
    names = ", ".join(s["name"] for s in household["siblings"]) or None
    return "<h2>3. Gezin</h2>" + _pairs(
        [("Broers en zussen in de aanpak (alleen de naam)", names),
         ("Notitie over het gezin", household.get("note"))]
    )  # fmt: skip


def _registrations(registrations: list[dict[str, Any]]) -> str:
    parts = ["<h2>4. Aanmeldingen</h2>"]
    if not registrations:
        parts.append("<p class='none'>Geen.</p>")
    for r in registrations:
        parts.append(f"<h3>Aanmelding van {_e(r['registered_on'])}{_removed(r)}</h3>")
        parts.append(_pairs([
            ("Aanmelder", r.get("registrant")),
            ("Contactpersoon aanmelder", r.get("registrant_contact")),
            ("Leeftijd bij aanmelding", r.get("age_at_registration")),
            ("Politiecontacten", r.get("police_contacts")),
            ("Ernstige zorgen", r.get("serious_concerns")),
            ("Toelichting politie of zorgen", r.get("police_or_concerns_note")),
            ("Problemen op meer leefgebieden", r.get("multiple_domains")),
            ("Toelichting leefgebieden", r.get("multiple_domains_note")),
            ("Samenwerking over ketens nodig", r.get("cross_chain")),
            ("Toelichting samenwerking", r.get("cross_chain_note")),
            ("Toelichting leeftijd", r.get("age_note")),
            ("Opnieuw aangemeld", r.get("is_reregistration")),
            ("Besluit", _label(r, "decision")),
            ("Datum besluit", r.get("decided_on")),
            ("Motivering", r.get("decision_reason")),
            ("Vervolg met de aanmelder", r.get("follow_up")),
        ]))  # fmt: skip
    return "".join(parts)


def _police(contacts: list[dict[str, Any]]) -> str:
    rows = [[c["contact_on"], _label(c, "kind"), "ja" if c.get("negative") else "nee",
             _note(c)] for c in contacts]  # fmt: skip
    return "<h2>5. Politiecontacten</h2>" + _grid(
        ["Datum", "Soort", "Negatief", "Notitie"], rows, [13, 22, 10, 55]
    )


def _plan(versions: list[dict[str, Any]]) -> str:
    if not versions:
        return "<h4>Plan van aanpak</h4><p class='none'>Geen.</p>"
    parts = ["<h4>Plan van aanpak</h4>"]
    for v in versions:
        parts.append(f"<p><b>Versie {v['number']}</b>, opgeslagen {_e(v.get('saved_at'))} door "
                     f"{_e(v.get('author_name'))}{_removed(v)}. Toelichting: {_e(v.get('summary'))}</p>")  # fmt: skip
        rows = []
        for goal in v.get("goals", []):
            rows.append([_label(goal, "life_domain"), goal.get("description"),
                         _label(goal, "status"), BLANK])  # fmt: skip
            for action in goal.get("actions", []):
                who = action.get("responsible_partner")
                rows.append([BLANK, f"Actie: {_text(action.get('description'))}",
                             _label(action, "status"),
                             f"{_text(who)}, uiterlijk {_text(action.get('due_on'))}"])  # fmt: skip
        parts.append(_grid(["Leefgebied", "Doel of actie", "Stand", "Wie, wanneer"], rows,
                           [20, 42, 12, 26]))  # fmt: skip
    return "".join(parts)


def _case(number: int, case: dict[str, Any]) -> str:
    parts = [f"<h3>6.{number} Casus opgenomen op {_e(case['admitted_on'])}{_removed(case)}</h3>"]
    parts.append(_pairs([
        ("Categorie", _label(case, "category")), ("Coach", case.get("coach")),
        ("Procesregisseur", case.get("process_director")),
        ("Straatkracht", case.get("street_strength")),
        ("Advies bij recidive", case.get("reoffence_advice")),
        ("Volgende bespreking", case.get("next_review_on")),
        ("Afgesloten op", case.get("closed_on")),
        ("Reden van afsluiten", _label(case, "closure_reason")),
        ("Toelichting afsluiten", case.get("closure_reason_text")),
        ("Verhuisd naar", case.get("relocation_municipality")),
        ("Nieuwe gemeente geïnformeerd op", case.get("relocation_informed_on")),
        ("Overgedragen", case.get("transferred")),
        ("Overdrachtsnotitie", case.get("handover_note")),
    ]))  # fmt: skip
    parts.append("<h4>Categorie</h4>" + _grid(
        ["Vanaf", "Categorie", "Toelichting"],
        [[p["from_date"], _label(p, "category"), p.get("note")] for p in case["category_history"]]))  # fmt: skip
    parts.append("<h4>Coaches</h4>" + _grid(
        ["Coach", "Vanaf", "Tot en met"],
        [[a.get("coach"), a["from_date"], a.get("until_date")] for a in case["coach_history"]]))  # fmt: skip
    if case["reopenings"]:
        parts.append("<h4>Heropeningen</h4>" + _grid(
            ["Heropend op", "Reden", "Ongedaan gemaakte afsluiting"],
            [[r["reopened_on"], r.get("reason"),
              f"{_text(r['undone_closed_on'])}: {_text(_label(r, 'undone_reason'))}"]
             for r in case["reopenings"]]))  # fmt: skip
    parts.append(_plan(case["plan_versions"]))
    parts.append("<h4>Contactmomenten met de coach</h4>" + _grid(
        ["Datum", "Soort", "Coach", "Notitie"],
        [[c["contact_on"], _label(c, "kind"), c.get("coach"), _note(c)]
         for c in case["coach_contacts"]], [13, 16, 18, 53]))  # fmt: skip
    reviews = []
    for r in case["reviews"]:
        progress = "\n".join(f"{_text(_label(p, 'life_domain'))}: {_text(p.get('progress'))}"
                             for p in r.get("progress", []))  # fmt: skip
        reviews.append([r["reviewed_on"], _note(r, "decisions"), progress or None,
                        r.get("next_review_on")])  # fmt: skip
    parts.append("<h4>Besprekingen in het kernteam</h4>" + _grid(
        ["Datum", "Besluiten", "Voortgang per leefgebied", "Volgende"], reviews,
        [13, 42, 32, 13]))  # fmt: skip
    return "".join(parts)


def _cases(cases: list[dict[str, Any]]) -> str:
    if not cases:
        return "<h2>6. Casussen</h2><p class='none'>Geen.</p>"
    return "<h2>6. Casussen</h2>" + "".join(_case(n, c) for n, c in enumerate(cases, start=1))


def _meetings(items: list[dict[str, Any]]) -> str:
    rows = []
    for item in items:
        decisions = "\n".join(d.get("description") or "" for d in item.get("decisions", []))
        actions = "\n".join(f"{_text(a.get('description'))} ({_text(a.get('owner'))})"
                            for a in item.get("actions", []))  # fmt: skip
        rows.append([item["held_on"], _note(item, "text"), decisions or None, actions or None])
    return "<h2>7. Kernteamoverleg</h2>" + _grid(
        ["Datum", "Agendapunt", "Besluiten", "Acties"], rows, [13, 27, 33, 27]
    )


def _shown(field: str, value: Any) -> str:
    """Internal numbers and the pseudonym mean nothing to a reader: say what they are."""
    if value is not None and field == "pseudonym":
        return "(versleutelde herkenningscode)"
    if value is not None and field.endswith("_id"):
        return "(intern nummer)"
    return _text(value)


def _changes(changes: Any) -> str:
    if not changes:
        return BLANK
    lines = []
    for field, value in changes.items():
        if isinstance(value, list) and len(value) == 2:
            old, new = value
            if old is None and new is None:
                lines.append(f"{field}: (waarde gewist)")
            else:
                lines.append(f"{field}: {_shown(field, old)} → {_shown(field, new)}")
        elif isinstance(value, dict):
            inner = ", ".join(f"{k} {_text(v)}" for k, v in value.items())
            lines.append(f"{field}: {inner or '–'}")
        else:
            lines.append(f"{field}: {_text(value)}")
    return "\n".join(lines)


def _audit(entries: list[dict[str, Any]]) -> str:
    rows = [[e["seq"], e["at"], e.get("user"), ACTIONS.get(e["action"], e["action"]),
             TABLES.get(e.get("table") or "", e.get("table")), _changes(e.get("changes"))]
            for e in entries]  # fmt: skip
    intro = ("<p>Elke wijziging, inzage en wissing van uw gegevens wordt vastgelegd: wie, wanneer "
             "en welke velden. Waarden van gewiste gegevens zijn ook hier gewist.</p>")  # fmt: skip
    return "<h2>8. Logboek</h2>" + intro + _grid(
        ["Nr.", "Datum en tijd (UTC)", "Door", "Handeling", "Onderdeel", "Gegevens"], rows,
        [5, 12, 13, 12, 15, 43],
    )


def build_html(data: dict[str, Any]) -> str:
    youth = data["youth"]
    name = " ".join(p for p in (youth.get("first_name"), youth.get("last_name")) if p)
    intro = (
        "Dit overzicht bevat alle gegevens die in ZVKD Desktop, het registratiesysteem van de "
        "Persoonlijke Aanpak Delft (Zorg- en Veiligheidskamer Delft), over "
        f"{html.escape(name) if name else 'deze jongere'} zijn vastgelegd, zoals ze waren op de "
        "dag dat het overzicht is gemaakt. Het is gemaakt naar aanleiding van een verzoek om "
        "inzage (artikel 15 van de Algemene verordening gegevensbescherming). Gegevens die zijn "
        "verwijderd maar nog worden bewaard, staan er ook in, met de vermelding 'verwijderd'."
    )
    return "".join([
        f"<h1>{html.escape(TITLE)}</h1>",
        f"<p class='made'>Gemaakt op {_e(data['made_on'])} door {_e(data.get('made_by'))}.</p>",
        f"<p>{intro}</p>",
        _youth(youth), _guardians(data["guardians"]), _household(data.get("household")),
        _registrations(data["registrations"]), _police(data["police_contacts"]),
        _cases(data["cases"]), _meetings(data["meeting_items"]), _audit(data["audit"]),
    ])  # fmt: skip


def _document(data: dict[str, Any], device: QPagedPaintDevice) -> QTextDocument:
    doc = paged_document(
        device,
        font_points=9,
        style_sheet="h1 { font-size: 17pt; } h2 { font-size: 13pt; margin-top: 14pt; }"
        " h3 { font-size: 11pt; margin-top: 9pt; } h4 { font-size: 9.5pt; margin-top: 6pt; }"
        " th { background-color: #e8e8e8; font-size: 8.5pt; } td { font-size: 8.5pt; }"
        " table.grid { margin-bottom: 4pt; }"
        " td.k { color: #444444; } p.made { color: #444444; } p.none { color: #666666; }",
    )
    doc.setHtml(build_html(data))
    return doc


def render(data: dict[str, Any], device: QPagedPaintDevice) -> int:
    """Paint every page on ``device`` with the confidentiality footer; returns the page count."""
    ensure_app()
    doc = _document(data, device)
    footer = f"Vertrouwelijk – inzageoverzicht van {_text(data['made_on'])}"
    refusal = "Het overzicht kon niet worden gemaakt: het apparaat weigert."
    return paint_pages(doc, device, footer, refusal=refusal)


def write_inzage_pdf(path: Path, data: dict[str, Any]) -> Path:
    """Write the overview to ``path``; raises OSError when the place cannot be written."""
    ensure_app()
    path = Path(path)
    with open(path, "wb"):
        pass  # QPdfWriter reports no errors: find an unwritable place first
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(page_layout())
    writer.setTitle(TITLE)
    writer.setCreator("ZVKD Desktop")
    render(data, writer)
    del writer  # closes the file
    return path
