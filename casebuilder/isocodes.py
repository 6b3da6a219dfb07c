"""ISO 3166-1 alpha-2: the officially assigned codes, and the user-assigned ranges the standard reserves.

Used to check ``case.situation.state``: a code outside both sets is an error; a valid code that the
treaty-participation data does not list (a territory such as PR or HK, or a user-assigned code for a
fictional test state) is only a warning, and treaty-based rules are then *undetermined*.
"""
from __future__ import annotations

from .diagnostics import Diagnostics

#: The 249 officially assigned ISO 3166-1 alpha-2 codes.
ASSIGNED = frozenset("""
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR
GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO
JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR
MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO
RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV
TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
""".split())


def user_assigned(code: str) -> bool:
    """AA, QM-QZ, XA-XZ and ZZ: reserved by ISO 3166-1 for user assignment (XK is commonly used for Kosovo)."""
    return code in ("AA", "ZZ") or (code[0] == "Q" and "M" <= code[1] <= "Z") or code[0] == "X"


def valid(code: str) -> bool:
    return len(code) == 2 and code.isascii() and code.isupper() and (code in ASSIGNED or user_assigned(code))


def check_situation_state(case, fs, diags: Diagnostics) -> None:
    """``unknown-state`` (error) for a code that is not ISO 3166-1 alpha-2; ``state-not-recorded``
    (warning) for an officially assigned code the treaty data does not list."""
    info = case.info
    if info is None:
        return
    code = info.situation.state
    where = case.locate(info, "situation", "state")
    if not valid(code):
        diags.error("unknown-state", f"situation.state {code!r} is not an ISO 3166-1 alpha-2 code "
                    "(e.g. SD for Sudan, MM for Myanmar, SY for the Syrian Arab Republic)", where)
        return
    # A user-assigned code (XX in the skeleton `casebuilder new` writes, a test state) is a deliberate
    # placeholder: no warning; its treaty rules are undetermined, and the analysis says why.
    if fs.states and code not in fs.states and not user_assigned(code):
        diags.warning("state-not-recorded", f"situation.state {code!r} is a valid ISO 3166-1 code but has no entry in the treaty "
                      "participation data: every treaty-based rule will be undetermined until its participation "
                      "is recorded in frameworks/states/", where)
