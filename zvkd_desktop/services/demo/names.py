"""Names and places for the demo set: Delft's population and real Delft streets per neighbourhood.

The backgrounds and their weights follow the make-up of Delft's population as a whole (about half
of Dutch origin; Moroccan, Turkish, Surinamese, Antillean, Moluccan, Syrian/Eritrean and Eastern
European Delftenaren), not any assumption about who comes into contact with the police: the demo
should look like the city, nothing more. Every person in the demo set is invented.

Streets are real and lie in the neighbourhood they are listed under (Voorhof's streets carry
writers' names, Buitenhof's composers' and wartime names, as the Delft street-name plans did).
Postcodes are plausible, not looked up: the neighbourhood's usual four digits, random letters.
"""

from __future__ import annotations

BACKGROUNDS: dict[str, float] = {
    "dutch": 0.52,
    "moroccan": 0.12,
    "turkish": 0.09,
    "surinamese": 0.07,
    "antillean": 0.05,
    "moluccan": 0.03,
    "syrian_eritrean": 0.07,
    "eastern_european": 0.05,
}

YOUTH_FIRST_NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # background: (boys, girls) — names common among Delftenaren born 1995-2014
    "dutch": (
        ("Daan", "Sem", "Luuk", "Bram", "Thijs", "Jesse", "Milan", "Levi", "Ruben", "Stijn",
         "Kevin", "Dylan", "Jordy", "Tim", "Niels", "Rick", "Mike", "Jayden", "Noah", "Finn",
         "Sven", "Lars", "Gijs", "Joey", "Danny", "Tygo", "Julian", "Thomas", "Bas", "Koen"),
        ("Lisa", "Fleur", "Noa", "Sanne", "Demi", "Kim", "Britt", "Romy", "Chantal", "Iris",
         "Lotte", "Shanna"),
    ),
    "moroccan": (
        ("Mohamed", "Ayoub", "Bilal", "Yassin", "Anouar", "Ilias", "Mehdi", "Hamza", "Soufiane",
         "Zakaria", "Amine", "Ismail", "Adam", "Rayan", "Othman", "Younes", "Badr", "Nassim"),
        ("Yasmina", "Ikram", "Naima", "Salma", "Hajar", "Nora", "Dounia", "Imane"),
    ),
    "turkish": (
        ("Emre", "Burak", "Mert", "Kerem", "Yusuf", "Enes", "Furkan", "Berkay", "Efe", "Kaan",
         "Arda"),
        ("Esra", "Büşra", "Zeynep", "Elif", "Merve", "Ecem"),
    ),
    "surinamese": (
        ("Jairo", "Rigino", "Shaquille", "Jurgen", "Dwayne", "Quincy", "Giovanni", "Jeffrey",
         "Rivaldo", "Romano", "Anand", "Rishi"),
        ("Shanice", "Chayenne", "Kimberley", "Melissa", "Priya", "Nikita"),
    ),
    "antillean": (
        ("Jurensley", "Shurandy", "Jeremy", "Kelvin", "Dyron", "Ryan", "Jearon", "Giandro"),
        ("Jeanine", "Shurika", "Naomi", "Giselle"),
    ),
    "moluccan": (
        ("Marco", "Ricardo", "Raymond", "Stevano", "Jason"),
        ("Maureen", "Natasha", "Cheyenne"),
    ),
    "syrian_eritrean": (
        ("Omar", "Ahmad", "Khaled", "Abdullah", "Yonas", "Dawit", "Filmon", "Merhawi"),
        ("Rahaf", "Lama", "Selam", "Helen"),
    ),
    "eastern_european": (
        ("Kacper", "Jakub", "Szymon", "Mateusz", "Dominik", "Andrei"),
        ("Julia", "Zuzanna", "Natalia"),
    ),
}  # fmt: skip

LAST_NAMES: dict[str, tuple[str, ...]] = {
    "dutch": (
        "de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
        "Mulder", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer",
        "de Wit", "Dijkstra", "van Dijk", "Kok", "de Graaf", "van der Meer", "Verhoef",
        "van der Kooij", "Hoogenboom", "van Rijn", "Zuidgeest", "Vreeswijk", "Vermeulen",
        "Koster", "Prins", "Schouten", "Post", "van Wijk", "Kuipers", "van der Linden", "Hoek",
        "Blom", "van Zanten", "Groenewegen", "Vijverberg", "Heemskerk", "Olsthoorn",
        "van der Burg", "Barendse", "Zwinkels", "Koppenol", "van Adrichem",
    ),
    "moroccan": (
        "El Amrani", "Benali", "El Idrissi", "Aziz", "Chaoui", "Boukhari", "El Haddouchi",
        "Ait Taleb", "Ben Hammou", "El Khattabi", "Azzouzi", "Bouchtaoui", "Zerrouk",
        "Lahlali", "El Bakkali", "Amrani", "Ouchan", "Tahiri",
    ),
    "turkish": (
        "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Aydın", "Öztürk", "Arslan", "Doğan",
        "Kılıç", "Yıldız", "Koç", "Aksoy", "Polat",
    ),
    "surinamese": (
        "Pinas", "Wijngaarde", "Doelwijt", "Sno", "Kromodimedjo", "Lachman", "Ramdin",
        "Sewnath", "Biharie", "Karsowidjojo", "Tjon A Joe", "Abena", "Linger", "Vyent",
    ),
    "antillean": (
        "Martina", "Isenia", "Statia", "Rosaria", "Gijsbertha", "Anthonia", "Cijntje",
        "Pieternella", "Maduro", "Winklaar",
    ),
    "moluccan": ("Pattipeilohy", "Tahapary", "Latuheru", "Sahetapy", "Wattimena", "Manuhutu"),
    "syrian_eritrean": (
        "Al-Hassan", "Haddad", "Alkhatib", "Haile", "Tesfay", "Kidane", "Gebremedhin",
        "Mohammed", "Ibrahim",
    ),
    "eastern_european": (
        "Kowalski", "Nowak", "Wiśniewski", "Lewandowski", "Popescu", "Ionescu",
    ),
}  # fmt: skip

PARENT_FIRST_NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # background: (fathers, mothers)
    "dutch": (
        ("Marco", "Erik", "Richard", "Patrick", "Dennis", "Ronald", "Martin", "Peter", "Rob",
         "John"),
        ("Petra", "Sandra", "Monique", "Ingrid", "Marjolein", "Esther", "Linda", "Anita",
         "Wendy", "Patricia", "Yvonne"),
    ),
    "moroccan": (
        ("Mohammed", "Abdelkader", "Hassan", "Mustafa", "Driss", "Abdelaziz", "Rachid"),
        ("Fatima", "Khadija", "Naima", "Malika", "Rachida", "Saida", "Latifa", "Zohra"),
    ),
    "turkish": (
        ("Mehmet", "Ahmet", "Hüseyin", "Mustafa", "Ali", "Osman"),
        ("Ayşe", "Fatma", "Hülya", "Emine", "Gülsen", "Sevgi"),
    ),
    "surinamese": (
        ("Roy", "Ruben", "Orlando", "Ramon", "Harold", "Sunil"),
        ("Gracia", "Marisca", "Sharon", "Astrid", "Reshma"),
    ),
    "antillean": (("Edsel", "Rignald", "Humphrey", "Eugene"),
                  ("Jacqueline", "Sulaika", "Maritza", "Yolanda")),
    "moluccan": (("Johannes", "Frans", "Stevan"), ("Marlene", "Wilhelmina", "Elly")),
    "syrian_eritrean": (("Mahmoud", "Samer", "Tesfaye", "Yohannes"),
                        ("Amal", "Hanan", "Rima", "Mebrat", "Tsega")),
    "eastern_european": (("Tomasz", "Piotr", "Marius"), ("Agnieszka", "Katarzyna", "Ioana")),
}  # fmt: skip

NEIGHBOURHOOD_WEIGHTS: dict[str, float] = {
    # Delft-West (Buitenhof and Voorhof), where the PAD started, is overrepresented
    "buitenhof": 0.27,
    "voorhof": 0.25,
    "tanthof": 0.08,
    "hof_van_delft": 0.08,
    "delft_zuid": 0.06,
    "voordijkshoorn": 0.06,
    "binnenstad": 0.05,
    "wippolder": 0.05,
    "vrijenban": 0.05,
    "schieweg": 0.03,
    "unknown": 0.02,
}

STREETS: dict[str, tuple[str, tuple[str, ...]]] = {
    # neighbourhood: (postcode digits, streets)
    "buitenhof": ("2625", (
        "Buitenhofdreef", "Pijperring", "Van der Slootsingel", "Juniusstraat",
        "Jan Thoméelaan", "Wilhelminalaan", "Apothekersweg",
    )),
    "voorhof": ("2624", (
        "Voorhofdreef", "Papsouwselaan", "Roland Holstlaan", "Martinus Nijhofflaan",
        "Aart van der Leeuwlaan", "Poptahof Noord", "Poptahof Zuid",
    )),
    "tanthof": ("2623", ("Sandinoweg", "Hoogkamer", "Bikolaan", "Abtswoudseweg")),
    "hof_van_delft": ("2613", (
        "Hof van Delftlaan", "Hugo de Grootstraat", "Van der Heimstraat", "Buitenwatersloot",
        "Van der Lelijstraat", "Westlandseweg",
    )),
    "delft_zuid": ("2628", ("Rotterdamseweg",)),
    "voordijkshoorn": ("2622", ("Teding van Berkhoutlaan", "Kuyperweg", "Van Kinschotstraat")),
    "binnenstad": ("2611", (
        "Oude Delft", "Voorstraat", "Koornmarkt", "Oosteinde", "Brabantse Turfmarkt",
        "Verwersdijk", "Nieuwe Langendijk",
    )),
    "wippolder": ("2628", ("Julianalaan", "Kanaalweg", "Mekelweg", "Zuidplantsoen")),
    "vrijenban": ("2612", ("Vrijenbanselaan", "Delfgauwseweg", "Insulindeweg", "Ternatestraat")),
    "schieweg": ("2627", ("Schieweg",)),
}  # fmt: skip

MUNICIPALITIES: tuple[str, ...] = (
    "Den Haag", "Rijswijk", "Rotterdam", "Westland", "Pijnacker-Nootdorp", "Zoetermeer",
    "Schiedam", "Leiden", "Midden-Delfland", "Utrecht", "Vlaardingen",
)  # fmt: skip

EMAIL_DOMAIN = "voorbeeld.nl"
"""Demo e-mail addresses never point at a real mailbox."""
