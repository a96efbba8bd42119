"""The demo panels' sent invitations and newsletters (issue #15)."""

from __future__ import annotations


def demo_panel_messages_load(*, actor=None) -> list[str]:
    """Make the demo's part (only when it is not there yet); the lines to print, one per thing made."""
    return []
