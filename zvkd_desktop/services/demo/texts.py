"""The Dutch texts of the demo set: plan goals and actions, reviews, contacts, advice, closures.

Written the way PAD professionals write in a case file: short, factual, about what happened and
what was agreed. All of it is invented; none of it describes a real person.
"""

from __future__ import annotations

from zvkd_desktop.domain.vocabulary import CoachContactKind, LifeDomain, PoliceContactKind

COACH_PARTNER = "PAD-coach (Delft Support)"

# life domain: (goals, actions as (description, responsible partner))
PLAN: dict[LifeDomain, tuple[tuple[str, ...], tuple[tuple[str, str], ...]]] = {
    LifeDomain.EDUCATION_WORK: (
        ("Jongere gaat weer naar school en verzuimt niet meer",
         "Jongere heeft een passende opleiding of werkplek",
         "Jongere haalt een startkwalificatie",
         "Jongere heeft een bijbaan met vaste uren"),
        (("Gesprek met mentor en leerplichtambtenaar over het verzuim", "Leerplicht (Gemeente Delft)"),
         ("Aanmelden voor een entreeopleiding bij ROC Mondriaan", COACH_PARTNER),
         ("Samen een cv maken en bij drie werkgevers solliciteren", COACH_PARTNER),
         ("Traject via het Jongerenloket voor werk of opleiding", "Gemeente Delft"),
         ("Wekelijks de aanwezigheid nagaan bij school", "School"),
         ("Stageplek zoeken met hulp van de stagebegeleider", "School")),
    ),
    LifeDomain.HOUSING: (
        ("Jongere heeft een stabiele woonplek",
         "Jongere woont zelfstandig met begeleiding"),
        (("Inschrijven bij Woonnet Haaglanden", "Jongere"),
         ("Aanvraag begeleid wonen indienen", "Sociaal Team Delft"),
         ("Bemiddelen in het conflict over thuis wonen", COACH_PARTNER)),
    ),
    LifeDomain.INCOME_DEBT: (
        ("Jongere heeft overzicht over inkomsten en schulden",
         "De schulden zijn in een regeling ondergebracht"),
        (("Schulden in kaart brengen en aanmelden bij schuldhulpverlening", "Sociaal Team Delft"),
         ("Bankrekening en zorgtoeslag regelen", COACH_PARTNER),
         ("Uitkering of studiefinanciering aanvragen", "Gemeente Delft"),
         ("Wekelijks budgetoverzicht met de coach doornemen", COACH_PARTNER)),
    ),
    LifeDomain.HEALTH: (
        ("Jongere krijgt passende hulp bij psychische klachten",
         "Jongere gebruikt minder middelen"),
        (("Via de huisarts verwijzen naar de jeugd-GGZ", "Huisarts"),
         ("Intake bij de verslavingszorg plannen en meegaan", COACH_PARTNER),
         ("Afspraak bij de huisarts over slaapproblemen", "Jongere")),
    ),
    LifeDomain.FAMILY: (
        ("Ouders zijn betrokken en staan achter het plan",
         "De spanningen thuis zijn afgenomen",
         "Broertjes en zusjes krijgen steun zodat zij niet afglijden"),
        (("Huisbezoek met ouders om het plan te bespreken", COACH_PARTNER),
         ("Opvoedondersteuning voor moeder inzetten", "Sociaal Team Delft"),
         ("Gezinsgesprek samen met de jeugdreclassering", "Jeugdreclassering"),
         ("Signalen over het jongere broertje bespreken met school", "School")),
    ),
    LifeDomain.FRIENDS_LEISURE: (
        ("Jongere heeft een zinvolle vrijetijdsbesteding",
         "Jongere neemt afstand van de negatieve vriendengroep"),
        (("Aanmelden bij een sportvereniging", COACH_PARTNER),
         ("Kennismaken met het jongerenwerk in de wijk", "Jongerenwerk"),
         ("Afspraken over avonden en weekenden vastleggen", "Ouders"),
         ("Stopgesprek van de politie over de groep", "Politie")),
    ),
    LifeDomain.JUSTICE: (
        ("Jongere pleegt geen nieuwe strafbare feiten",
         "Jongere houdt zich aan de bijzondere voorwaarden",
         "Openstaande zaken zijn afgehandeld"),
        (("Toezicht en meldplicht bij de jeugdreclassering", "Jeugdreclassering"),
         ("Taakstraf uitvoeren", "Jongere"),
         ("Gebiedsverbod naleven; controle door de wijkagent", "Politie"),
         ("Halt-afdoening afronden", "Halt")),
    ),
    LifeDomain.ONLINE_LIFE: (
        ("Jongere plaatst geen dreigende of opruiende berichten meer online",
         "Jongere en ouders kennen de risico's van de online leefwereld"),
        (("Gesprek over drillrapvideo's en online conflicten", COACH_PARTNER),
         ("Ouders voorlichten over de online leefwereld", "Zorg- en Veiligheidskamer"),
         ("Politie informeert over openbare online activiteiten", "Politie")),
    ),
}  # fmt: skip

PROGRESS: dict[LifeDomain, tuple[str, str, str]] = {
    # (going well, unchanged, worse)
    LifeDomain.EDUCATION_WORK: (
        "Gaat weer elke dag naar school; het verzuim is sterk afgenomen.",
        "Nog geen opleiding gevonden; de aanmelding loopt.",
        "Veel verzuim de afgelopen weken; leerplicht is ingeschakeld."),
    LifeDomain.HOUSING: (
        "Woonsituatie is rustig; de jongere kan voorlopig thuis blijven wonen.",
        "Nog op de wachtlijst voor begeleid wonen.",
        "Na ruzie thuis slaapt de jongere wisselend bij vrienden."),
    LifeDomain.INCOME_DEBT: (
        "Schulden zijn in beeld en er is een betalingsregeling.",
        "Overzicht van de schulden is nog niet compleet.",
        "Nieuwe schulden door boetes; aanmelding schuldhulp opnieuw opgepakt."),
    LifeDomain.HEALTH: (
        "Behandeling is gestart en de jongere komt de afspraken na.",
        "Intake is gepland; de jongere twijfelt nog.",
        "Meer blowen sinds de zomer; de jongere houdt afspraken niet aan."),
    LifeDomain.FAMILY: (
        "Moeder is positief over de samenwerking; de sfeer thuis is beter.",
        "Vader is lastig te bereiken; moeder werkt goed mee.",
        "Veel spanning thuis; extra gezinsondersteuning is aangevraagd."),
    LifeDomain.FRIENDS_LEISURE: (
        "Traint twee keer per week en is minder op straat.",
        "Nog geen vaste vrijetijdsbesteding gevonden.",
        "Weer vaak gezien met de oude groep in de wijk."),
    LifeDomain.JUSTICE: (
        "Geen nieuwe politiecontacten; de meldplicht wordt nagekomen.",
        "De zitting is nog niet gepland.",
        "Nieuw politiecontact; het advies bij recidive is aangescherpt."),
    LifeDomain.ONLINE_LIFE: (
        "Geen dreigende berichten meer gezien; de jongere is er open over.",
        "Online activiteit blijft een aandachtspunt.",
        "Politie meldt nieuwe provocerende video's op openbare accounts."),
}  # fmt: skip

REVIEW_DECISIONS: tuple[str, ...] = (
    "Plan van aanpak loopt; acties blijven staan.",
    "Coach plant een huisbezoek met beide ouders.",
    "Jeugdreclassering en coach stemmen de afspraken over de meldplicht af.",
    "School sluit aan bij de volgende bespreking.",
    "Acties onderwijs bijgesteld; nieuwe afspraken met leerplicht.",
    "Geen nieuwe signalen; volgende bespreking zoals gepland.",
    "Politie houdt het kernteam op de hoogte van nieuwe contacten.",
    "Inzet vanuit het Sociaal Team voor het gezin wordt verlengd.",
)

REVIEW_FIRST = "Plan van aanpak besproken en vastgesteld; coach start de begeleiding."
REVIEW_NEW_POLICE = "Nieuw negatief politiecontact besproken; advies bij recidive aangescherpt."
REVIEW_NEARLY_FREE = "Jongere is bijna 6 maanden niet negatief in beeld; afschalen voorbereiden."
REVIEW_CLOSED = "Casus afgesloten: {reason}."
REVIEW_REOPENED = "Casus heropend; de begeleiding loopt verder."
REVIEW_MOVED = "Casus verplaatst naar de categorie {category}."

PLAN_SUMMARY_FIRST = "Plan van aanpak opgesteld na opname, samen met jongere en ouders."
PLAN_SUMMARY_UPDATE = (
    "Plan bijgesteld na de bespreking in het kernteam.",
    "Acties bijgewerkt; afgeronde acties afgevinkt en nieuwe afspraken toegevoegd.",
    "Doelen aangescherpt na nieuwe informatie van de partners.",
)

ADVICE: tuple[str, ...] = (
    "Bij een nieuw delict adviseert het kernteam een voorwaardelijke straf met bijzondere "
    "voorwaarden: meldplicht bij de jeugdreclassering en begeleiding door de PAD-coach. De "
    "jongere zit stabiel op school; een langere detentie zou dat doorbreken.",
    "Bij recidive: een taakstraf met een leerstraf gericht op agressieregulatie. Ouders werken "
    "goed mee en zijn bereid toezicht te houden op avonden en weekenden.",
    "Bij een nieuw feit adviseert het kernteam snel recht met een gebiedsverbod voor het "
    "winkelcentrum en de omgeving van de groep, naast de lopende begeleiding.",
    "Bij recidive: toezicht door de reclassering met een contactverbod met de medeverdachten. "
    "De jongere heeft inmiddels werk; behoud daarvan is een beschermende factor.",
    "Bij een nieuw delict: inzet van Straatkracht door de jeugdreclassering, gericht op het "
    "loskomen uit het netwerk, gecombineerd met een online-contactverbod.",
)

POLICE_NOTES: dict[PoliceContactKind, tuple[str, ...]] = {
    PoliceContactKind.SUSPECT: (
        "Verdacht van winkeldiefstal", "Verdacht van bedreiging", "Verdacht van mishandeling",
        "Verdacht van vernieling", "Verdacht van heling", "Verdacht van bezit van een steekwapen",
        "Verdacht van straatroof", "Verdacht van handel in softdrugs"),
    PoliceContactKind.ARREST: (
        "Aangehouden na een vechtpartij bij het winkelcentrum",
        "Aangehouden wegens een openstaand vonnis",
        "Aangehouden na een achtervolging op een scooter"),
    PoliceContactKind.NUISANCE: (
        "Overlast door jeugdgroep bij de Papsouwselaan", "Overlast door jeugdgroep in een portiek",
        "Samenscholing en lawaai laat op de avond", "Melding van overlast met een scooter"),
    PoliceContactKind.OTHER: (
        "Aangifte gedaan als slachtoffer van bedreiging", "Gehoord als getuige",
        "Staande gehouden; geen strafbaar feit vastgesteld", "Slachtoffer van diefstal van telefoon"),
}  # fmt: skip

RIVAL_POLICE_NOTES: tuple[tuple[PoliceContactKind, str], ...] = (
    (PoliceContactKind.SUSPECT, "Betrokken bij een confrontatie tussen rivaliserende groepen"),
    (PoliceContactKind.SUSPECT, "Verdacht van bedreiging via sociale media (drillvideo)"),
    (PoliceContactKind.ARREST, "Aangehouden met een mes bij een treffen van groepen"),
)

COACH_NOTES: dict[CoachContactKind, tuple[str, ...]] = {
    CoachContactKind.VISIT: (
        "Afspraak op kantoor; gewerkt aan de sollicitatiebrief.",
        "Samen naar de intake bij de opleiding geweest.", "Gesprek over de vriendengroep.",
        "Afspraak in de wijk; wandeling en gesprek over school."),
    CoachContactKind.HOME_VISIT: (
        "Huisbezoek; ook moeder gesproken.", "Huisbezoek met beide ouders over het plan.",
        "Huisbezoek; post en rekeningen doorgenomen."),
    CoachContactKind.PHONE: (
        "Telefonisch contact over de afspraak bij de jeugdreclassering.",
        "Kort gebeld; het gaat goed op school.", "Gebeld over de zitting van volgende week."),
    CoachContactKind.ONLINE: (
        "Contact via WhatsApp over de stageplek.", "Videobellen; jongere had geen reiskosten.",
        "Berichtjes over de training van deze week."),
    CoachContactKind.NOT_REACHED: (
        "Niet thuis bij huisbezoek.", "Telefoon niet opgenomen; bericht ingesproken.",
        "Niet verschenen op de afspraak.", "Reageert niet op berichten."),
}  # fmt: skip

POLICE_CRITERION = (
    "Meerdere politiecontacten in het afgelopen jaar, waaronder {note}.",
    "Politie kent de jongere van {note}.",
)
CONCERNS_CRITERION = (
    "Ernstige zorgen bij school en ouders over afglijden richting de groep in de wijk.",
    "Broer zit in de PAD; zorgen dat de jongere hetzelfde pad op gaat.",
    "Jongere gaat om met een groep die overlast geeft; partners zien het verzuim oplopen.",
)
DOMAINS_CRITERION = "Problemen op meerdere leefgebieden: {domains}."
ONE_DOMAIN_CRITERION = "Problemen vooral op één leefgebied: {domains}."
CROSS_CHAIN_CRITERION = (
    "Zorg, strafrecht en gemeente zijn allemaal betrokken; de reguliere aanpak loopt vast.",
    "Jeugdreclassering, school en het Sociaal Team werken langs elkaar heen; regie nodig.",
    "Hulpverlening komt niet van de grond zonder afstemming met politie en justitie.",
)
REGISTRANT_CONTACTS: dict[str, tuple[str, ...]] = {
    "police": ("wijkagent Buitenhof", "wijkagent Voorhof", "jeugdagent basisteam",
               "wijkagent Tanthof", "jeugd- en zedenrechercheur"),
    "youth_probation": ("jeugdreclasseerder", "teamleider jeugdreclassering"),
    "probation": ("reclasseringswerker",),
    "social_team": ("wijkcoach", "gezinscoach"),
    "school": ("mentor", "zorgcoördinator", "teamleider"),
    "other": ("medewerker Veilig Thuis",),
    "municipality": ("leerplichtambtenaar",),
}  # fmt: skip

NOT_ADMITTED_REASON = (
    "Problemen spelen vooral op één leefgebied; de reguliere hulp is nog niet uitgeput."
)
NOT_ADMITTED_FOLLOW_UP = (
    "Afgesproken met de aanmelder: inzet van het jongerenwerk en een Halt-traject via school. "
    "Bij nieuwe signalen meldt de aanmelder de jongere opnieuw aan.",
    "Afgesproken met de aanmelder: het Sociaal Team start gezinsondersteuning; de wijkagent "
    "houdt contact. Over drie maanden evalueren de aanmelder en de procesregisseur.",
)
AGAINST_CRITERIA_REASON = (
    "Jongere is 11 jaar en wordt binnenkort 12. Zijn broer zit in de PAD; het kernteam neemt hem "
    "op om afglijden te voorkomen, in één plan met het gezin."
)

CLOSURE_OTHER: tuple[str, ...] = (
    "Jongere is voor langere tijd gedetineerd; de regie ligt bij de reclassering.",
    "Jongere is opgenomen in een jeugdzorginstelling buiten de regio; regie bij de instelling.",
)
CLOSURE_AGED_OUT = (
    "Jongere is 27 geworden; ondersteuning overgedragen aan de persoonsgerichte aanpak 0-100."
)
CLOSURE_ESCALATED = (
    "Complexe multiproblematiek met meerdere gemeenten; opgeschaald naar het Zorg- en "
    "Veiligheidshuis Haaglanden."
)
HANDOVER = (
    "Warme overdracht aan de nieuwe gemeente; plan van aanpak en advies bij recidive meegegeven."
)
MOVE_NOTES = {
    "rival_youth": "Politie ziet de jongere in het rivaliserende netwerk; besloten in het kernteam.",
    "regular": "Jongere heeft zich losgemaakt van het netwerk; terug naar de reguliere aanpak.",
}
REOPEN_RELOCATION = (
    "De verhuizing ging niet door; de jongere woont nog in Delft. Afsluiting was onterecht."
)
REOPEN_NO_CONTACT = (
    "Afgesloten wegens geen contact, maar de jongere bleek via moeder wel bereikbaar en heeft "
    "een hulpvraag over schulden. Afsluiting was voorbarig."
)
HOUSEHOLD_NOTE = "Gezin {name}: broers en zussen in beeld bij de PAD."
NO_ADDRESS_NOTE = "Geen vaste woon- of verblijfplaats; post via Delft Support."
