"""casebuilder serve: the reviewer's workspace in the browser (see docs/workspace.md)."""
from __future__ import annotations

from .app import create_app
from .workspace import Snapshot, Workspace

__all__ = ["create_app", "Snapshot", "Workspace"]
