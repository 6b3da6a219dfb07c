"""Fictional but realistic-looking names, places and organisations for the synthetic cases.

Person names are built so that every index gives a different full name and no full name is a
substring of another (fixed-length syllable surnames with prefix-free endings): the audit stage
searches outputs for protected names, and an accidental overlap between a protected and a public
person would be a false leak, not a property of the tool under test.
"""
from __future__ import annotations

GIVEN = [("Sara", "سارا"), ("Reza", "رضا"), ("Maryam", "مریم"), ("Navid", "نوید"), ("Nasrin", "نسرین"),
         ("Hossein", "حسین"), ("Zahra", "زهرا"), ("Mehdi", "مهدی"), ("Leila", "لیلا"), ("Omid", "امید"),
         ("Fatemeh", "فاطمه"), ("Kian", "کیان"), ("Parisa", "پریسا"), ("Babak", "بابک"), ("Shirin", "شیرین"),
         ("Arash", "آرش")]
_CONS = [("k", "ک"), ("r", "ر"), ("m", "م"), ("s", "س"), ("n", "ن"), ("j", "ج"), ("h", "ه"), ("b", "ب"),
         ("t", "ت"), ("d", "د"), ("z", "ز"), ("sh", "ش")]
_VOW = [("a", "ا"), ("i", "ی"), ("o", "و")]
_SYL = [(c + v, pc + pv) for c, pc in _CONS for v, pv in _VOW]  # 36 syllables, each parses uniquely
_END = [("pour", "پور"), ("zadeh", "زاده"), ("far", "فر"), ("nia", "نیا"), ("rad", "راد"), ("vand", "وند"),
        ("mand", "مند"), ("kia", "کیا")]


def person_name(index: int) -> tuple[str, str]:
    """(Latin, Persian) full name for a person number; distinct for every index below the name space."""
    space = len(GIVEN) * len(_END) * len(_SYL) ** 3
    if not 0 <= index < space:
        raise ValueError("too many persons for the name space")
    index = (index * 1_000_003 + 7_919) % space  # a bijection (coprime multiplier) that scatters neighbours
    g, rest = index % len(GIVEN), index // len(GIVEN)
    e, rest = rest % len(_END), rest // len(_END)
    parts = []
    for _ in range(3):
        parts.append(_SYL[rest % len(_SYL)])
        rest //= len(_SYL)
    latin = "".join(p[0] for p in parts) + _END[e][0]
    persian = "".join(p[1] for p in parts) + _END[e][1]
    return f"{GIVEN[g][0]} {latin.capitalize()}", f"{GIVEN[g][1]} {persian}"


PROVINCES = [
    ("Tehran", ["Tehran", "Eslamshahr", "Shahriar"]), ("Isfahan", ["Isfahan", "Kashan", "Najafabad"]),
    ("Fars", ["Shiraz", "Marvdasht"]), ("Khorasan Razavi", ["Mashhad", "Neyshabur"]),
    ("East Azerbaijan", ["Tabriz", "Maragheh"]), ("West Azerbaijan", ["Urmia", "Mahabad", "Piranshahr"]),
    ("Kurdistan", ["Sanandaj", "Saqqez", "Marivan"]), ("Kermanshah", ["Kermanshah", "Javanrud"]),
    ("Ilam", ["Ilam", "Malekshahi", "Abdanan"]), ("Lorestan", ["Khorramabad", "Azna"]),
    ("Khuzestan", ["Ahvaz", "Mahshahr", "Izeh"]), ("Sistan and Baluchestan", ["Zahedan", "Khash"]),
    ("Gilan", ["Rasht", "Lahijan"]), ("Mazandaran", ["Sari", "Amol"]), ("Hamadan", ["Hamadan", "Malayer"]),
    ("Kerman", ["Kerman", "Sirjan"]), ("Yazd", ["Yazd"]), ("Qazvin", ["Qazvin"]), ("Alborz", ["Karaj"]),
    ("Zanjan", ["Zanjan"]), ("Ardabil", ["Ardabil"]), ("Bushehr", ["Bushehr"]), ("Hormozgan", ["Bandar Abbas"]),
    ("Golestan", ["Gorgan"]), ("Markazi", ["Arak"]), ("Qom", ["Qom"]), ("Semnan", ["Semnan"]),
    ("Chaharmahal and Bakhtiari", ["Shahrekord"]), ("Kohgiluyeh and Boyer-Ahmad", ["Yasuj"]),
    ("North Khorasan", ["Bojnurd"]), ("South Khorasan", ["Birjand"]),
]

PLACES = ["the main square", "Imam Khomeini hospital", "the central bazaar", "the university campus", "Azadi street",
          "a residential street", "the provincial police station", "a mosque courtyard", "the city stadium",
          "the Friday prayer grounds", "a health centre", "the governor's office"]

NGOS = [("src-rights-monitor", "Rights Monitor Network", "B"), ("src-doc-centre", "Independent Documentation Centre", "B"),
        ("src-health-watch", "Health Workers Solidarity Watch", "C"), ("src-intl-ngo", "International Rights Watch", "A")]
MEDIA = [("src-media-%02d" % i, name) for i, name in enumerate(
    ["Persian Service A", "Persian Service B", "Exile Television", "Regional News Wire", "Independent Daily",
     "Kurdish News Agency", "Baluch Voices", "Diaspora Radio", "International Wire", "Citizen News"])]
