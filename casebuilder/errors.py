"""The two error families: problems in the user's input (exit 1) and usage errors (exit 2).

Anything else that escapes is a bug; the CLI turns it into a one-line report and exit 3.
"""
from __future__ import annotations


class UserError(Exception):
    """A problem with the user's input that has been (or should be) explained in plain words."""

    exit_code = 1


class UsageError(UserError):
    """The command line itself is wrong (unknown audience, missing file argument...)."""

    exit_code = 2
