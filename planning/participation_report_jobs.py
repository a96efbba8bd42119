"""RQ job entry point of the participation report: take the id, call the service. Running it twice is harmless."""


def participation_report_compute(report_id: int) -> str:
    """Compute a participation report section by section; returns its status ("" for a report gone)."""
    from planning.services.participation_reports import participation_report_compute as compute

    report = compute(report_id=report_id)
    return report.status if report else ""
