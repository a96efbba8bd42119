"""The stored figures of a participation report in the reader's language: the tables (and the bars drawn
from the same rows) of the page and the PDF, and the rows of the CSV. Nothing here is counted again: every
number comes from the report's figures as the job stored them."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from geo_feedback.models import FeedbackKind
from planning.models import AgeBand, PanelKind, ParticipationMetric, Phase, ProcessKind, StakeholderGroup


def _name(names: dict | None, language: str, fallback: str = "") -> str:
    if not names:
        return fallback
    return names.get(language) or names.get("fi") or fallback


def _number(value) -> str:
    """A figure as the tables show it (one decimal for a fraction); "–" for none."""
    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}" if abs(value) >= 1 else f"{value:.2f}"
    return str(int(value)) if isinstance(value, float | int) else str(value)


@dataclass
class Row:
    key: str
    label: str
    values: list  # the table's number columns, in order
    bar: float = 0.0  # percent of the largest charted value, for the bar's length

    @property
    def cells(self) -> list[str]:
        """The values as the table shows them: whole numbers without decimals, "–" for none."""
        return [value if isinstance(value, str) else _number(value) for value in self.values]


@dataclass
class Table:
    """One table of a section; ``chart`` names the column (index) its bar chart draws, None for no chart."""

    id: str
    title: str
    header: str  # the first column's heading
    columns: list[tuple[str, str]]  # (key, heading) of the number columns
    rows: list[Row]
    chart: int | None = 0
    notes: list[str] = field(default_factory=list)

    def __post_init__(self):
        if self.chart is None:
            return
        largest = max((row.values[self.chart] or 0 for row in self.rows), default=0)
        for row in self.rows:
            value = row.values[self.chart] or 0
            row.bar = round(100 * value / largest, 1) if largest else 0.0

    @property
    def chart_column(self) -> str:
        return self.columns[self.chart][1] if self.chart is not None else ""

    @property
    def headings(self) -> list[str]:
        return [heading for _key, heading in self.columns]


@dataclass
class KeyFigure:
    key: str
    label: str
    value: object

    @property
    def text(self) -> str:
        return _number(self.value)


@dataclass
class Section:
    id: str
    title: str
    key_figures: list[KeyFigure]
    tables: list[Table]
    notes: list[str] = field(default_factory=list)
    maps: list[dict] = field(default_factory=list)  # {id, title, rows: [{key, value, count}], value_label, …}


def department_name(figures: dict, language: str) -> str:
    code = figures.get("department")
    if not code:
        return _("The whole city")
    return _name(figures["names"]["departments"].get(code), language, code)


def metric_label(metric: str) -> str:
    try:
        return str(ParticipationMetric(metric).label)
    except ValueError:
        return metric


def status_label(status: str) -> str:
    return {"met": _("Met"), "not_met": _("Not met"), "no_target": _("No target")}.get(status, status)


def report_sections(figures: dict, language: str) -> list[Section]:
    """Every section of the report with its key figures, tables and maps, in ``language``."""
    areas = figures["names"]["areas"]
    departments = figures["names"]["departments"]

    def area(code: str | None) -> str:
        return _name(areas.get(code), language, code or "") if code else ""

    sections = []

    # Feedback
    feedback = figures["feedback"]
    kinds = dict(FeedbackKind.choices)
    sections.append(Section(
        id="feedback", title=_("Feedback"),
        key_figures=[KeyFigure("received", _("Feedback received"), feedback["received"]),
                     KeyFigure("handled", _("Feedback handled"), feedback["handled"]),
                     KeyFigure("praise", _("Praise received"), feedback["praise"]),
                     KeyFigure("median_days", _("Median handling time, days"), feedback["median_days"]),
                     KeyFigure("p90_days", _("Handling time, 90th percentile, days"), feedback["p90_days"])],
        tables=[
            Table("feedback-kinds", _("Feedback by kind"), _("Kind"), [("count", _("Feedback"))],
                  [Row(r["key"], str(kinds.get(r["key"], r["key"])), [r["count"]]) for r in feedback["by_kind"]]),
            Table("feedback-categories", _("Feedback by category"), _("Category"),
                  [("count", _("Feedback")), ("handled", _("Handled")), ("median_days", _("Median handling time, days"))],
                  [Row(r["key"], _name(r["name"], language, r["key"]), [r["count"], r["handled"], r["median_days"]])
                   for r in feedback["by_category"]]),
            Table("feedback-areas", _("Feedback per 1000 inhabitants by residential area"), _("Area"),
                  [("count", _("Feedback")), ("population", _("Inhabitants")),
                   ("per_thousand", _("Feedback per 1000 inhabitants"))],
                  [Row(r["key"], area(r["key"]), [r["count"], r["population"], r["per_thousand"]])
                   for r in feedback["by_area"]], chart=2),
        ],
        notes=[_("Feedback received in the year, spam left out. The handling time runs from receipt to the first "
                 "time the feedback was marked handled.")],
        maps=[{"id": "map-feedback", "title": _("Feedback per 1000 inhabitants by residential area"),
               "value_label": _("Feedback per 1000 inhabitants"), "count_label": _("Feedback"),
               "rows": [{"key": r["key"], "value": r["per_thousand"], "count": r["count"]}
                        for r in feedback["by_area"]]}],
    ))

    # Zoning plans
    plans = figures["plans"]
    groups = {**dict(StakeholderGroup.choices), "": _("Did not say")}
    bands = {**dict(AgeBand.choices), "": _("Did not say")}
    plan_kinds = dict(ProcessKind.choices)
    sections.append(Section(
        id="plans", title=_("Zoning plans"),
        key_figures=[KeyFigure("plans", _("Plans active in the year"), len(plans["plans"])),
                     KeyFigure("comments", _("Comments on zoning plans"), plans["comments"])],
        tables=[
            Table("plans-phases", _("Plans by phase at the year's end"), _("Phase"), [("plans", _("Plans")), ("comments", _("Comments"))],
                  [Row(str(r["key"]), f'{r["key"]}. {Phase(r["key"]).label}', [r["plans"], r["comments"]])
                   for r in plans["by_phase"]]),
            Table("plans-list", _("The plans"), _("Plan"), [("phase", _("Phase at the year's end")), ("comments", _("Comments"))],
                  [Row(str(p["id"]), f'{_name(p["name"], language)} ({plan_kinds.get(p["kind"], p["kind"])})',
                       [p["phase"], p["comments"]]) for p in plans["plans"]], chart=1),
            Table("plans-groups", _("Comments by stakeholder group"), _("Group"), [("count", _("Comments"))],
                  [Row(r["key"], str(groups.get(r["key"], r["key"])), [r["count"]]) for r in plans["by_group"]]),
            Table("plans-ages", _("Comments by age band"), _("Age band"), [("count", _("Comments"))],
                  [Row(r["key"], str(bands.get(r["key"], r["key"])), [r["count"]]) for r in plans["by_age_band"]]),
        ],
        notes=[_("Published zoning plans that were not final when the year began; published comments written in "
                 "the year. Commenters tell their group and age band if they wish.")],
    ))

    # Resident budget
    budget = figures["budget"]
    budget_tables, budget_maps = [], []
    for index, budget_round in enumerate(budget["rounds"]):
        name = _name(budget_round["name"], language)
        budget_tables.append(Table(
            f"budget-{index}", _("Voters by budget area: %(round)s") % {"round": name}, _("Budget area"),
            [("voters", _("Voters")), ("population", _("Inhabitants")), ("share", _("Voters per 100 inhabitants"))],
            [Row(a["key"], area(a["key"]), [a["voters"], a["population"], a["share"]]) for a in budget_round["areas"]]
            + [Row("", _("All areas"), [budget_round["voters"], budget_round["population"], budget_round["share"]])],
            chart=2))
        budget_maps.append({"id": f"map-budget-{index}", "title": _("Voters' share of the population: %(round)s")
                            % {"round": name}, "value_label": _("Voters per 100 inhabitants"),
                            "count_label": _("Voters"),
                            "rows": [{"key": a["key"], "value": a["share"], "count": a["voters"]}
                                     for a in budget_round["areas"]]})
    if not budget["applies"]:
        budget_notes = [_("The resident budget belongs to no department: its figures are in the whole city's "
                          "report.")]
    elif not budget["rounds"]:
        budget_notes = [_("No resident-budget voting began in this year.")]
    else:
        budget_notes = [_("The rounds whose voting began in the year. The share is voters per 100 inhabitants of "
                          "the area when its money was split.")]
    sections.append(Section(
        id="budget", title=_("Resident budget"),
        key_figures=[KeyFigure("voters", _("Resident-budget voters"), budget["voters"])] if budget["applies"] else [],
        tables=budget_tables, notes=budget_notes, maps=budget_maps))

    # Panels
    panels = figures["panels"]
    panel_kinds = dict(PanelKind.choices)
    sections.append(Section(
        id="panels", title=_("Panels"),
        key_figures=[KeyFigure("members", _("Panel members at the year's end"), panels["members"]),
                     KeyFigure("messages", _("Panel invitations and newsletters sent"), panels["messages"]),
                     KeyFigure("emails", _("Emails sent to panel members"), panels["emails"])],
        tables=[Table("panels-list", _("Panels"), _("Panel"),
                      [("members", _("Members at the year's end")), ("messages", _("Messages sent")),
                       ("emails", _("Emails sent"))],
                      [Row(p["key"], f'{_name(p["name"], language)} ({panel_kinds.get(p["kind"], p["kind"])})',
                           [p["members"], p["messages"], p["emails"]]) for p in panels["panels"]])],
        notes=[_("Members at the year's end are counted from each panel's history of joining and leaving.")],
    ))

    # Events
    events = figures["events"]
    sections.append(Section(
        id="events", title=_("Events"),
        key_figures=[KeyFigure("count", _("Events"), events["count"]),
                     KeyFigure("participants", _("Event participants"), events["participants"])],
        tables=[Table("events-list", _("Events and their participants"), _("Event"), [("participants", _("Participants"))],
                      [Row(str(e["id"]), " · ".join(part for part in (e["held_on"], e["name"], area(e["area"])) if part),
                           [e["participants"]]) for e in events["events"]])],
        notes=[_("Participants of events, entered by the departments' participation agents.")],
    ))

    # Targets
    targets = figures["targets"]
    sections.append(Section(
        id="targets", title=_("Targets"),
        key_figures=[KeyFigure("met", _("Targets met"), targets["met"]),
                     KeyFigure("not_met", _("Targets not met"), targets["not_met"])],
        tables=[
            Table("targets-comparison", _("This year's figures against this year's targets"), _("Figure"),
                  [("target", _("Target")), ("value", _("This year")), ("status", _("Result"))],
                  [Row(t["key"], metric_label(t["key"]), [t["target"], t["value"], status_label(t["status"])])
                   for t in targets["comparison"]], chart=None),
            Table("targets-next", _("Targets for next year"), _("Figure"), [("department", _("Department")), ("target", _("Target")), ("note", _("Note"))],
                  [Row(t["key"], metric_label(t["key"]),
                       [_name(departments.get(t["department"]), language, t["department"]) if t["department"]
                        else _("The whole city"), t["target"], t["note"]]) for t in targets["next_year"]],
                  chart=None),
        ],
        notes=[_("For the handling time a target is met when the time is at most the target; for the other "
                 "figures when the figure is at least the target.")],
    ))
    return sections


def csv_rows(figures: dict, language: str):
    """Every figure as (section, figure, key, value, label) rows: the same numbers as the tables."""
    yield ("section", "figure", "key", "value", "label")
    yield ("report", "year", "", figures["year"], "")
    yield ("report", "department", figures["department"] or "", department_name(figures, language), "")
    for section in report_sections(figures, language):
        for figure in section.key_figures:
            yield (section.id, figure.key, "", "" if figure.value is None else figure.value, figure.label)
        for table in section.tables:
            for row in table.rows:
                for (column, _heading), value in zip(table.columns, row.values, strict=True):
                    yield (section.id, f"{table.id}.{column}", row.key, "" if value is None else value, row.label)
    for target in figures["targets"]["comparison"]:  # the result as a code too, for a spreadsheet's formulas
        yield ("targets", "status", target["key"], target["status"], status_label(target["status"]))
