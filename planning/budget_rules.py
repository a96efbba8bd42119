"""The resident budget's result rules, exact and repeatable: the greedy rule and the Method of Equal Shares.

Pure Python (no Django), so that ``manage.py pb_results`` and the platform run the very same code,
and a researcher can read it beside the published Pabulib file. Money is in whole euros; every
share of it is a ``fractions.Fraction``, never a float, so two runs on the same votes always give
the same outcome, on any machine.

A *project* is an id (an integer on the platform; any text in a Pabulib file) with a cost. A
*ballot group* is an approval set (the projects a voter chose) with the number of voters who chose
exactly that set: voters with identical ballots are grouped, which changes nothing in the outcome
(they always pay alike) and makes the Method of Equal Shares fast for tens of thousands of voters.

**Greedy rule** (CONSUL's): take the projects by votes, most first, and select each one that still
fits the money left; skip one that does not (a cheaper one further down may still fit). A project
costing exactly the money left fits. Ties of votes go to the lower cost, then to the lower project
id. A project without a single vote is never selected.

**Method of Equal Shares** (MES, equalshares.net), for approval ballots with cost utilities: the
money is split equally between the voters; a project is selected when its supporters can pay for it
together from their shares. At each step the project whose cost can be covered with the lowest
``rho`` (the most any one supporter pays, divided by the cost) is selected, and each supporter pays
``rho × cost`` or all they have left if that is less. A project everyone can pay equally has
``rho = 1 / supporters``. Ties of ``rho`` go to more votes, then to the lower cost, then to the
lower project id. Projects costing nothing are left to the completion (their ``rho`` would be 0).

``rho`` of a project only grows as voters spend (their money only shrinks), so the candidates are
checked in the order of their previous ``rho`` and the search stops as soon as a previous ``rho``
exceeds the best one found (the lazy evaluation of equalshares.net's reference code).

**Completion** (as equalshares.net recommends, "Add1U" then greedy): MES alone usually leaves money
unspent. So the money given to the method is raised by one euro per voter (the total by the number
of voters) step by step, and the last outcome whose cost still fits the real money is kept; the
raising stops early as soon as an outcome leaves no money for any further project with votes (it
"uses the money up", e.g. spends it exactly). Whatever still fits is then added by the greedy rule.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

ProjectId = Hashable
Ballots = Sequence[tuple[frozenset, int]]  # (approval set, number of voters with exactly that set)


def project_key(project: ProjectId) -> tuple:
    """The order of project ids in tie-breaks: numbers by value (2 before 10), then texts."""
    text = str(project)
    return (0, int(text), "") if text.isdigit() else (1, 0, text)


def votes_count(ballots: Ballots) -> dict[ProjectId, int]:
    """Votes per project: the voters whose approval set holds it."""
    votes: dict[ProjectId, int] = {}
    for approvals, weight in ballots:
        for project in approvals:
            votes[project] = votes.get(project, 0) + weight
    return votes


def spent(costs: Mapping[ProjectId, int], selected: Iterable[ProjectId]) -> int:
    return sum(costs[project] for project in selected)


def greedy(costs: Mapping[ProjectId, int], votes: Mapping[ProjectId, int], budget: int, *,
           already: Sequence[ProjectId] = ()) -> list[ProjectId]:
    """The greedy rule: ``already`` (kept first), then by votes what still fits ``budget``.

    Order: more votes, then lower cost, then lower project id. A project that does not fit the
    money left is skipped; one costing exactly the money left is selected; one without votes never."""
    selected = list(already)
    left = budget - spent(costs, selected)
    taken = set(selected)
    for project in sorted(costs, key=lambda p: (-votes.get(p, 0), costs[p], project_key(p))):
        if project in taken or votes.get(project, 0) <= 0:
            continue
        if costs[project] <= left:
            selected.append(project)
            taken.add(project)
            left -= costs[project]
    return selected


@dataclass
class MesOutcome:
    """An outcome of the Method of Equal Shares: the projects in the order selected, and what was done."""

    selected: list[ProjectId]
    core: list[ProjectId] = field(default_factory=list)  # the outcome of the method before completion
    method_budget: Fraction = Fraction(0)  # the total money given to the method in the kept outcome
    raises: int = 0  # how many one-euro-per-voter raises the kept outcome had


@dataclass(frozen=True)
class _Prepared:
    """What every run of the method on the same ballots shares: the groups, who backs what, the tie-breaks."""

    costs: Mapping[ProjectId, int]
    groups: list[tuple[tuple, int]]  # (approved projects among ``costs``, voters)
    backing: dict[ProjectId, list[int]]  # project → the indexes of the groups approving it
    votes: dict[ProjectId, int]
    tie: dict[ProjectId, tuple]
    voters: int


def _prepare(costs: Mapping[ProjectId, int], ballots: Ballots) -> _Prepared:
    groups = [(tuple(p for p in approvals if p in costs), weight) for approvals, weight in ballots if weight > 0]
    backing: dict[ProjectId, list[int]] = {project: [] for project in costs}
    votes = dict.fromkeys(costs, 0)
    for index, (approvals, weight) in enumerate(groups):
        for project in approvals:
            backing[project].append(index)
            votes[project] += weight
    tie = {project: (-votes[project], costs[project], project_key(project)) for project in costs}
    return _Prepared(costs, groups, backing, votes, tie, sum(weight for _approvals, weight in groups))


def mes_core(costs: Mapping[ProjectId, int], ballots: Ballots, budget: int | Fraction) -> list[ProjectId]:
    """The Method of Equal Shares with cost utilities, ``budget`` split equally between the voters.

    Returns the projects in the order selected; exact (fractions), deterministic (tie-breaks in the
    module's docstring)."""
    return _mes_run(_prepare(costs, ballots), budget)


def _mes_run(election: _Prepared, budget: int | Fraction) -> list[ProjectId]:
    """One run of the method. Voters who have paid alike have the same money left, so they are
    counted together in *classes* (numbered; class 0 holds everyone who has spent all): each project
    knows how many of its supporters are in each class, so its ``rho`` comes from a few classes
    instead of every ballot group."""
    if election.voters == 0:
        return []
    costs, groups, backing, tie = election.costs, election.groups, election.backing, election.tie
    money = [Fraction(0), Fraction(budget) / election.voters]  # class → each member's money left
    rank = [float(amount) for amount in money]  # the same as floats, to sort classes by quickly
    group_class = [1] * len(groups)
    classes = {project: ({1: election.votes[project]} if election.votes[project] else {}) for project in costs}
    # The previous rho of each candidate (a lower bound of its rho now): votes' equal split at first.
    previous: dict[ProjectId, Fraction] = {
        project: Fraction(1, election.votes[project])
        for project in costs if costs[project] > 0 and election.votes[project] > 0}
    selected: list[ProjectId] = []
    while previous:
        best, best_rho = None, None
        for project in sorted(previous, key=lambda p: (previous[p], tie[p])):
            if best_rho is not None and previous[project] > best_rho:
                break  # its rho can only have grown: it cannot beat the best any more
            rho = _rho(costs[project], classes[project], money, rank)
            if rho is None:
                del previous[project]  # its supporters cannot afford it, and never will again
                continue
            previous[project] = rho
            if best_rho is None or (rho, tie[project]) < (best_rho, tie[best]):
                best, best_rho = project, rho
        if best is None:
            break
        selected.append(best)
        del previous[best]
        payment = best_rho * costs[best]
        moved: dict[int, int] = {0: 0}  # class before → class after paying (the penniless pay nothing)
        for index in backing[best]:
            old = group_class[index]
            new = moved.get(old)
            if new is None:
                if money[old] > payment:
                    money.append(money[old] - payment)
                    rank.append(float(money[-1]))
                    new = len(money) - 1
                else:
                    new = 0
                moved[old] = new
            if new == old:
                continue
            group_class[index] = new
            approvals, weight = groups[index]
            for project in approvals:
                counts = classes[project]
                counts[old] -= weight
                if not counts[old]:
                    del counts[old]
                counts[new] = counts.get(new, 0) + weight
    return selected


def _rho(cost: int, counts: Mapping[int, int], money: Sequence[Fraction], rank: Sequence[float]) -> Fraction | None:
    """The least rho at which the supporters (``counts``: class → how many) pay ``cost``, each
    min(money left, rho × cost); None if they cannot. ``rank`` is each class's money as a float."""
    paid, payers = Fraction(0), sum(counts.values())
    # float() of a fraction is correctly rounded, so it never orders two amounts the wrong way round:
    # the exact amount decides only between equal floats.
    for key in sorted(counts, key=lambda k: (rank[k], money[k])):
        payment = (cost - paid) / payers  # what each of the rest pays if they pay equally
        if payment <= money[key]:
            return payment / cost
        paid += money[key] * counts[key]  # they cannot pay that much: each pays all they have
        payers -= counts[key]
    return None  # even all their money together does not cover the cost


def _uses_up(costs: Mapping[ProjectId, int], votes: Mapping[ProjectId, int], selected: Sequence[ProjectId],
             budget: int) -> bool:
    """Whether no further project with votes fits the money left (free ones aside: greedy adds them)."""
    left = budget - spent(costs, selected)
    taken = set(selected)
    return not any(0 < costs[p] <= left for p in costs if p not in taken and votes.get(p, 0) > 0)


def mes(costs: Mapping[ProjectId, int], ballots: Ballots, budget: int) -> MesOutcome:
    """The Method of Equal Shares completed as equalshares.net recommends (see the module's docstring):
    the money given to the method raised by one euro per voter while the outcome still fits, then the
    greedy rule for whatever still fits."""
    voters = sum(weight for _approvals, weight in ballots)
    votes = votes_count(ballots)
    election = _prepare(costs, ballots)
    core = _mes_run(election, budget)
    kept, kept_budget, raises = core, Fraction(budget), 0
    if voters:
        step = 0
        while not _uses_up(costs, votes, kept, budget):
            step += 1
            trial = _mes_run(election, budget + step * voters)
            if spent(costs, trial) > budget:
                break
            kept, kept_budget, raises = trial, Fraction(budget + step * voters), step
    return MesOutcome(selected=greedy(costs, votes, budget, already=kept), core=core, method_budget=kept_budget,
                      raises=raises)


RULES = ("greedy", "mes", "mes-core")


def outcome(rule: str, costs: Mapping[ProjectId, int], ballots: Ballots, budget: int) -> list[ProjectId]:
    """The selected projects of ``rule`` (greedy, mes, or mes-core: MES before completion), in the order selected."""
    if rule == "greedy":
        return greedy(costs, votes_count(ballots), budget)
    if rule == "mes":
        return mes(costs, ballots, budget).selected
    if rule == "mes-core":
        return mes_core(costs, ballots, budget)
    raise ValueError(f"unknown rule {rule!r}: one of {', '.join(RULES)}")


# Pabulib (pabulib.org): a text file of three sections, META (key;value), PROJECTS (project_id;cost;…)
# and VOTES (voter_id;vote;…), each a semicolon-separated CSV with its own header row.

class PabulibError(ValueError):
    """A file that is not a Pabulib file this module can read: ``line`` and ``reason`` say where and why."""

    def __init__(self, line: int, reason: str):
        super().__init__(f"line {line}: {reason}")
        self.line, self.reason = line, reason


@dataclass
class PabulibFile:
    """A parsed Pabulib file: META as text, projects' rows by id (in the file's order), votes by voter id."""

    meta: dict[str, str]
    projects: dict[str, dict[str, str]]
    votes: dict[str, list[str]]

    @property
    def budget(self) -> int:
        return int(self.meta["budget"])

    @property
    def costs(self) -> dict[str, int]:
        return {project: int(row["cost"]) for project, row in self.projects.items()}

    def ballots(self) -> list[tuple[frozenset, int]]:
        """The votes grouped by approval set, in a fixed order (sorted sets), with their counts."""
        counts: dict[frozenset, int] = {}
        for approvals in self.votes.values():
            key = frozenset(approvals)
            counts[key] = counts.get(key, 0) + 1
        return sorted(counts.items(), key=lambda item: sorted(project_key(p) for p in item[0]))


SECTIONS = ("META", "PROJECTS", "VOTES")


def pabulib_write(*, meta: Mapping[str, object], projects: Sequence[Mapping[str, object]],
                  votes: Iterable[Sequence[ProjectId]]) -> str:
    """A Pabulib file: ``meta`` keys in the given order, ``projects`` rows (each with project_id and
    cost first, then the same keys in every row), and each voter's approvals numbered 1, 2, 3… (the
    numbers say nothing about who voted or when)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    out.write("META\n")
    writer.writerow(["key", "value"])
    for key, value in meta.items():
        writer.writerow([key, value])
    out.write("PROJECTS\n")
    columns = list(projects[0].keys()) if projects else ["project_id", "cost"]
    writer.writerow(columns)
    for row in projects:
        writer.writerow([row[column] for column in columns])
    out.write("VOTES\n")
    writer.writerow(["voter_id", "vote"])
    for number, approvals in enumerate(votes, start=1):
        writer.writerow([number, ",".join(str(p) for p in sorted(approvals, key=project_key))])
    return out.getvalue()


def pabulib_parse(text: str) -> PabulibFile:
    """Read a Pabulib file with approval votes; ``PabulibError`` names the line and the reason of a broken one."""
    meta: dict[str, str] = {}
    projects: dict[str, dict[str, str]] = {}
    votes: dict[str, list[str]] = {}
    section, header = None, None
    seen: list[str] = []
    meta_lines: dict[str, int] = {}
    lines = text.lstrip("\ufeff").splitlines()
    reader = csv.reader(lines, delimiter=";")
    for row in reader:
        number = reader.line_num  # a quoted field may span lines: the line the row ends on
        if not row or all(not cell.strip() for cell in row):
            continue
        first = row[0].strip()
        if first.upper() in SECTIONS and len([c for c in row if c.strip()]) == 1:
            name = first.upper()
            if name in seen:
                raise PabulibError(number, f"the section {name} appears twice")
            expected = SECTIONS[len(seen)] if len(seen) < 3 else None
            if name != expected:
                raise PabulibError(number, f"the section {name} comes out of order (META, PROJECTS, VOTES)")
            seen.append(name)
            section, header = name, None
            continue
        if section is None:
            raise PabulibError(number, "the file does not begin with META")
        if header is None:
            header = [cell.strip() for cell in row]
            needed = {"META": "key", "PROJECTS": "project_id", "VOTES": "voter_id"}[section]
            if header[0] != needed:
                raise PabulibError(number, f"the {section} section's header must begin with {needed}")
            if section == "PROJECTS" and "cost" not in header:
                raise PabulibError(number, "the PROJECTS header has no cost column")
            if section == "VOTES" and "vote" not in header:
                raise PabulibError(number, "the VOTES header has no vote column")
            continue
        if len(row) != len(header):
            raise PabulibError(number, f"{len(row)} fields where the header has {len(header)}")
        values = dict(zip(header, (cell.strip() for cell in row), strict=True))
        if section == "META":
            meta[values["key"]] = values["value"]
            meta_lines[values["key"]] = number
        elif section == "PROJECTS":
            project = values["project_id"]
            if not project:
                raise PabulibError(number, "a project without an id")
            if project in projects:
                raise PabulibError(number, f"the project {project} appears twice")
            if not values["cost"].isdigit():
                raise PabulibError(number, f"the cost of project {project} is not a whole number of euros: "
                                           f"{values['cost']!r}")
            projects[project] = values
        else:
            voter = values["voter_id"]
            if voter in votes:
                raise PabulibError(number, f"the voter {voter} appears twice")
            approvals = [p.strip() for p in values["vote"].split(",") if p.strip()]
            for project in approvals:
                if project not in projects:
                    raise PabulibError(number, f"voter {voter} chose {project}, which is not in PROJECTS")
            if len(set(approvals)) != len(approvals):
                raise PabulibError(number, f"voter {voter} chose the same project twice")
            votes[voter] = approvals
    if seen != list(SECTIONS):
        missing = [name for name in SECTIONS if name not in seen]
        raise PabulibError(len(lines), f"the section {missing[0]} is missing")
    if meta.get("vote_type", "approval") != "approval":
        raise PabulibError(meta_lines["vote_type"], f"vote_type {meta['vote_type']!r}: only approval votes are read")
    if "budget" not in meta:
        raise PabulibError(1, "META has no budget")
    if not meta["budget"].isdigit():
        raise PabulibError(meta_lines["budget"], f"the budget is not a whole number of euros: {meta['budget']!r}")
    return PabulibFile(meta=meta, projects=projects, votes=votes)
