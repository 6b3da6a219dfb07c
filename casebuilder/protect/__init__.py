"""protect: the view of a case for one audience (see docs/protection.md).

:class:`Protector` tells renderers what to show instead of protected names and withheld items;
:func:`protected_strings` lists what the audit must never find in an output for that audience
(:func:`protected_matcher` with the matcher the audit searches with).
"""
from .levels import allows, identity_level, object_level, sensitive_level
from .match import Matcher
from .normalise import compact, loose, normalise
from .protector import Protector
from .strings import Copy, Protected, phone_forms, protected_matcher, protected_strings, withheld_copies

__all__ = ["Copy", "Matcher", "Protected", "Protector", "allows", "compact", "identity_level", "loose", "normalise",
           "object_level", "phone_forms", "protected_matcher", "protected_strings", "sensitive_level", "withheld_copies"]
