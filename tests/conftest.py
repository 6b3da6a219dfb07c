"""Suite-wide settings.

The check cache (casebuilder/cache.py) is off for the test suite: tests must exercise the code
they patch or break on purpose, never a result stored by an earlier test, and must not write
into the user's ~/.cache.  tests/test_cache.py turns it on, in a temporary folder, where the
cache itself is under test.
"""
import os

os.environ.setdefault("CASEBUILDER_NO_CACHE", "1")
