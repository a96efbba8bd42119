"""The closing report's own text: how the plan changed because of residents' comments (phase 6).

Written by the process's planners in Finnish, and in Swedish and English where they can; the
report shows the reader's language, the Finnish text where there is none in it."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from planning.models import Process, ProcessAction, ProcessEvent
from planning.permissions import process_may_run
from planning.services.comments import ActionRefused

CLOSING_SUMMARY_MAX = 20000


class ChangedMeanwhile(ValueError):
    """Someone changed the process after the form was opened; ``process`` is the current one."""

    def __init__(self, process: Process):
        super().__init__(_("Someone changed the plan meanwhile: check it and try again."))
        self.process = process


@transaction.atomic
def process_closing_summary_save(*, process: Process, actor, fi: str, sv: str = "", en: str = "",
                                 seen_version: int | None = None) -> Process:
    """Save how the plan changed, in up to three languages; one event when anything changed."""
    locked = Process.objects.select_for_update().get(pk=process.pk)
    if not process_may_run(actor, locked):
        raise ActionRefused(_("Only the plan's planners and administrators write its closing report."))
    if seen_version is not None and seen_version != locked.version:
        raise ChangedMeanwhile(locked)
    texts = {"closing_summary_fi": (fi or "").strip(), "closing_summary_sv": (sv or "").strip(),
             "closing_summary_en": (en or "").strip()}
    for text in texts.values():
        if len(text) > CLOSING_SUMMARY_MAX or "\x00" in text:
            raise ActionRefused(_("The text is too long or contains a character that cannot be stored."))
    changed = [field for field, text in texts.items() if getattr(locked, field) != text]
    if not changed:
        return locked
    for field in changed:
        setattr(locked, field, texts[field])
    locked.version += 1
    locked.updated_at = timezone.now()
    locked.save(update_fields=[*changed, "version", "updated_at"])
    ProcessEvent.objects.create(process=locked, action=ProcessAction.CLOSING_SUMMARY, actor=actor,
                                details={"languages": [field.rsplit("_", 1)[1] for field in changed]})
    return locked
