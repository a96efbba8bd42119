"""The demo city's resident budget: a round in every phase over the four budget areas and the whole
city, made through the real services (proposals by signed-in demo residents, officials' review, ballots
cast and entered on paper, results computed by both rules).

The 2023–24 round mirrors Seinäjoki's own (200 000 €: whole city 20 000, north 20 000, east 70 000,
west 70 000, south 20 000). Its amounts were decided, not split by population, so each area's amount
is set by hand with that reason beside the computed one. It is in its results phase, with enough
ballots for the greedy rule and the Method of Equal Shares to differ.

Everything is seeded: the same demo every time.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.contrib.gis.geos import GEOSGeometry, Point
from django.db import connection, transaction
from django.utils import timezone

from city.models import Area, AreaKind
from planning.budget_selectors import proposals_on_ballot
from planning.identity import resident_identity_get_or_create
from planning.models import (
    Ballot,
    BudgetPhase,
    BudgetProposal,
    BudgetRound,
    ProposalCommentKind,
    ResultRule,
    VotingRule,
)
from planning.personal_code import CHECK_CHARACTERS
from planning.services.ballots import BallotRefused, ballot_cast, ballot_paper_enter
from planning.services.budget_results import budget_results_compute
from planning.services.budgets import (
    budget_allocation_override,
    budget_allocations_compute,
    budget_round_move_phase,
)
from planning.services.proposal_review import proposal_merge, proposal_review
from planning.services.proposals import proposal_comment_add, proposal_create

DEMO_ROUND = {"year": 2024, "name_fi": "Asukasbudjetti 2023–2024", "name_sv": "Invånarbudget 2023–2024",
              "name_en": "Resident budget 2023–2024", "total": 200_000, "city_wide": 20_000, "rounding_step": 1000}
DECIDED = {"SJK-POHJOINEN": 20_000, "SJK-ITA": 70_000, "SJK-LANSI": 70_000, "SJK-ETELA": 20_000}
REASON = ("Kaupunginhallituksen päätös 2023: alueiden summat päätettiin kierroksen alussa, ei väkiluvun mukaan "
          "(asukasbudjetin kokeilu).")
CITY = None  # a proposal of the whole city


@dataclass(frozen=True)
class DemoProposal:
    title: str
    description: str
    area: str | None  # a budget area's code, or None for the whole city
    place: str | None  # the residential area the point is in; None: the whole budget area
    cost: int | None  # the officials' estimate; None: not feasible (with ``reason``)
    popularity: int = 5  # how often demo voters pick it (1–10)
    reason: str = ""
    comments: tuple[tuple[str, str], ...] = ()  # (kind, text)


P = DemoProposal
PROPOSALS = [
    P("Kiipeilyteline Ylistaron koulun pihaan", "Koulun pihalla ei ole mitään kiipeiltävää isommille lapsille. "
      "Kiipeilyteline palvelisi myös iltaisin ja viikonloppuisin.", "SJK-POHJOINEN", "Ylistaro Keskus", 12_000, 9,
      comments=((ProposalCommentKind.COMMENT, "Hyvä idea! Lähin kiipeilyteline on kymmenen kilometrin päässä."),
                (ProposalCommentKind.ADDITION, "Telineen viereen penkki vanhemmille, kiitos."))),
    P("Kuntoportaat Kitinojan mäelle", "Puiset kuntoportaat mäen rinteeseen ja valaistus talveksi.",
      "SJK-POHJOINEN", "Kitinoja", 15_000, 6),
    P("Penkit ja roskikset Kyrönjoen rantaraitille", "Rantaraitilla on pitkä matka ilman yhtään penkkiä.",
      "SJK-POHJOINEN", "Ylistaro Asemanseutu", 4_000, 7),
    P("Frisbeegolfrata Untamalaan", "Yhdeksän väylän rata metsään koulun taakse.", "SJK-POHJOINEN", "Untamala",
      9_000, 5),
    P("Uimahalli Ylistaroon", "Oma uimahalli pohjoiseen, ettei tarvitse ajaa keskustaan.", "SJK-POHJOINEN", None,
      None, 3, reason="Uimahallin rakentaminen maksaisi miljoonia euroja ja kuuluu investointiohjelmaan, "
      "ei asukasbudjettiin."),
    P("Koirapuisto Kasperiin", "Aidattu koirapuisto, jossa erikseen pienten ja isojen koirien puoli.", "SJK-ITA",
      "Kasperi", 25_000, 8,
      comments=((ProposalCommentKind.COMMENT, "Kasperissa on paljon koiria ja lähin koirapuisto on kaukana."),)),
    P("Ulkokuntosali Nurmon urheilukentälle", "Kuntolaitteet kentän laidalle kaikenikäisille.", "SJK-ITA",
      "Nurmo Keskus", 30_000, 7),
    P("Kiipeilyteline Hyllykallion leikkipuistoon", "Leikkipuiston vanha teline purettiin, uusi tilalle.",
      "SJK-ITA", "Hyllykallio", 18_000, 9),
    P("Kiipeilyteline Hyllykallioon", "Lapsille kiipeiltävää Hyllykallion puistoon.", "SJK-ITA", "Hyllykallio",
      None, 2),  # merged into the one above
    P("Lintutorni Kurjennevalle", "Lintutorni ja pitkospuut suon laidalle.", "SJK-ITA", "Kurjenneva", 35_000, 5),
    P("Törnävän kartanopuiston valaistus", "Puiston käytävät ovat talvella pimeitä.", "SJK-ITA", "Törnävä", 20_000,
      6),
    P("Skeittiramppi Pohjan koululle", "Nuorille oma paikka koulun pihaan.", "SJK-ITA", "Pohja", 40_000, 4),
    P("Laituri ja penkit Kyrkösjärven rantaan", "Rannalle laituri kalastajille ja penkit kävelijöille.", "SJK-LANSI",
      "Huhtala", 28_000, 8),
    P("Jouppilanvuoren portaiden valaistus", "Portaat ovat suosittuja myös pimeällä.", "SJK-LANSI",
      "Alakylä-Jouppi", 22_000, 7),
    P("Lähiliikuntapaikka Impivaaraan", "Monitoimikenttä pallopeleille ja talvella luistelulle.", "SJK-LANSI",
      "Impivaara", 45_000, 6),
    P("Kirjaston pihan oleskelualue", "Varjoisa oleskelualue ja pöytiä kirjaston pihaan.", "SJK-LANSI",
      "Seinäjoki Keskus", 15_000, 5),
    P("Talviuintipaikka Huhtalaan", "Avanto ja pukukoppi talviuimareille.", "SJK-LANSI", "Huhtala", 12_000, 4),
    P("Uimarannan laituri Kalakoskelle", "Uimarannan laituri on huonossa kunnossa.", "SJK-ETELA", "Kalakoski",
      9_000, 8),
    P("Kylätalon ulkokeittiö Peräseinäjoelle", "Katos ja grilli kylätalon pihaan yhteisiin tapahtumiin.",
      "SJK-ETELA", "Peräseinäjoki Keskus", 11_000, 6),
    P("Latupohjan kunnostus Louon kylään", "Latupohja on kasvanut umpeen.", "SJK-ETELA", "Louko", 6_000, 5),
    P("Keinut Paston leikkipuistoon", "Leikkipuistossa on vain yksi keinu.", "SJK-ETELA", "Pasto", 5_000, 7),
    P("Moottoritien melueste Kouraan", "Tien melu kuuluu pihoille.", "SJK-ETELA", "Koura", None, 3,
      reason="Valtatien meluesteistä päättää ELY-keskus, ei kaupunki; ehdotus on välitetty sille."),
    P("Kaupunkiviljelypalstat kaikille alueille", "Viljelylaatikoita jokaisen alueen puistoon.", CITY, None,
      12_000, 7),
    P("Ilmaiset kesätapahtumat nuorille", "Kesäkonsertteja ja liikuntatapahtumia nuorille.", CITY, None, 8_000, 6),
    P("Penkit kävelyreittien varsille", "Penkkejä pitkille kävelyreiteille, jotta ikäihmisetkin jaksavat.", CITY,
      None, 10_000, 8),
]
MERGES = {"Kiipeilyteline Hyllykallioon": "Kiipeilyteline Hyllykallion leikkipuistoon"}


@dataclass
class DemoRound:
    name_fi: str
    name_sv: str
    name_en: str
    year: int
    phase: str
    total: int = 200_000
    city_wide: int = 20_000
    voting_rule: str = VotingRule.KNAPSACK
    approval_limit: int | None = None
    official_rule: str = ResultRule.MES
    decided: dict = field(default_factory=dict)
    online_voters: int = 0
    paper_voters: int = 0
    starts: date | None = None  # the first day of proposals


def _rounds(today: date) -> list[DemoRound]:
    return [
        DemoRound(DEMO_ROUND["name_fi"], DEMO_ROUND["name_sv"], DEMO_ROUND["name_en"], 2024, BudgetPhase.RESULTS,
                  decided=DECIDED, online_voters=460, paper_voters=12, starts=date(2023, 9, 1)),
        DemoRound("Asukasbudjetti 2027", "Invånarbudget 2027", "Resident budget 2027", 2027, BudgetPhase.VOTING,
                  total=180_000, official_rule=ResultRule.MES, online_voters=90, paper_voters=3,
                  starts=today - timedelta(days=150)),
        DemoRound("Asukasbudjetti 2028", "Invånarbudget 2028", "Resident budget 2028", 2028, BudgetPhase.REVIEW,
                  total=160_000, voting_rule=VotingRule.APPROVAL, approval_limit=3, official_rule=ResultRule.GREEDY,
                  starts=today - timedelta(days=70)),
        DemoRound("Asukasbudjetti 2029", "Invånarbudget 2029", "Resident budget 2029", 2029, BudgetPhase.PROPOSALS,
                  total=200_000, starts=today - timedelta(days=14)),
        DemoRound("Asukasbudjetti 2030", "Invånarbudget 2030", "Resident budget 2030", 2030, BudgetPhase.PREPARATION,
                  total=200_000, starts=today + timedelta(days=300)),
    ]


def _schedule(starts: date) -> dict:
    return {"proposals_start": starts, "proposals_end": starts + timedelta(days=45),
            "review_end": starts + timedelta(days=100), "voting_start": starts + timedelta(days=130),
            "voting_end": starts + timedelta(days=160)}


def _personal_code(number: int) -> str:
    """A valid-looking Finnish personal identity code of the demo (born 1.1.1970–, individual number 900+:
    the range the Digital and Population Data Services Agency keeps for tests)."""
    born = date(1970, 1, 1) + timedelta(days=number * 37)
    head = f"{born:%d%m%y}"
    individual = 900 + number % 99
    return f"{head}-{individual:03d}{CHECK_CHARACTERS[int(head + f'{individual:03d}') % 31]}"


class _Builder:
    def __init__(self, spec: DemoRound, actor, places: dict[str, Area], areas: dict[str, Area], seed: int):
        self.spec, self.actor, self.places, self.areas = spec, actor, places, areas
        self.random = random.Random(seed)
        self.residents: list = []

    def resident(self, number: int):
        return resident_identity_get_or_create(identifier=f"DEMO-ASUKAS-{self.spec.year}-{number}",
                                               provider="demo")

    def _point(self, place: str) -> Point:
        area = self.places[place]
        with connection.cursor() as cursor:  # a seeded point inside the residential area
            cursor.execute("SELECT ST_AsEWKT((ST_Dump(ST_GeneratePoints(%s::geometry, 1, %s))).geom)",
                           [area.boundary.ewkt, self.random.randint(1, 10_000)])
            return GEOSGeometry(cursor.fetchone()[0])

    def build(self) -> BudgetRound:
        spec = self.spec
        budget = BudgetRound.objects.create(
            year=spec.year, name_fi=spec.name_fi, name_sv=spec.name_sv, name_en=spec.name_en, total=spec.total,
            city_wide=spec.city_wide, rounding_step=1000, voting_rule=spec.voting_rule,
            approval_limit=spec.approval_limit, official_rule=spec.official_rule,
            **(_schedule(spec.starts) if spec.starts else {}))
        for allocation in budget_allocations_compute(budget_round=budget):
            if allocation.area.code in spec.decided:
                budget_allocation_override(allocation=allocation, amount=spec.decided[allocation.area.code],
                                           reason=REASON, actor=self.actor)
        if spec.phase == BudgetPhase.PREPARATION:
            return budget
        budget = self._move(budget, BudgetPhase.PROPOSALS)
        proposals = self._propose(budget)
        if spec.phase == BudgetPhase.PROPOSALS:
            return budget
        budget = self._move(budget, BudgetPhase.REVIEW)
        self._review(proposals, complete=spec.phase != BudgetPhase.REVIEW)
        if spec.phase == BudgetPhase.REVIEW:
            return budget
        budget = self._move(budget, BudgetPhase.VOTING)
        self._vote(budget, proposals)
        if spec.phase == BudgetPhase.VOTING:
            return budget
        budget = self._move(budget, BudgetPhase.RESULTS)
        budget_results_compute(budget_round=budget)  # at once; the worker's job computes the same again
        return budget

    def _move(self, budget: BudgetRound, phase: str) -> BudgetRound:
        return budget_round_move_phase(budget_round=budget, to_phase=phase, actor=self.actor)

    def _propose(self, budget: BudgetRound) -> dict[str, BudgetProposal]:
        chosen = PROPOSALS if self.spec.phase in (BudgetPhase.RESULTS, BudgetPhase.VOTING) else \
            self.random.sample(PROPOSALS, 14)
        made = {}
        for number, spec in enumerate(chosen):
            author = self.resident(number).user
            location = self._point(spec.place) if spec.place else None
            area = self.areas[spec.area] if spec.area and not spec.place else None
            proposal = proposal_create(
                budget_round=budget, author=author, title=spec.title, description=spec.description,
                location=location, area=area, author_name=self.random.choice(
                    ["Anna K.", "Matti", "Liisa ja Pekka", "Nuorisovaltuusto", "Kylätoimikunta", ""]))
            for offset, (kind, text) in enumerate(spec.comments):
                proposal_comment_add(proposal=proposal, author=self.resident(100 + number * 5 + offset).user,
                                     text=text, kind=kind)
            made[spec.title] = proposal
        self._backdate(budget, made)
        return made

    def _backdate(self, budget: BudgetRound, made: dict[str, BudgetProposal]) -> None:
        """Proposals written over the proposal weeks, not all at the moment the demo loaded."""
        if not budget.proposals_start:
            return
        for index, proposal in enumerate(made.values()):
            moment = timezone.make_aware(datetime.combine(budget.proposals_start + timedelta(days=index % 30),
                                                          time(9 + index % 10)))
            if moment < timezone.now():
                BudgetProposal.objects.filter(pk=proposal.pk).update(created_at=moment, updated_at=moment)

    def _review(self, proposals: dict[str, BudgetProposal], *, complete: bool) -> None:
        specs = {spec.title: spec for spec in PROPOSALS}
        titles = list(proposals)
        if not complete:
            titles = titles[: len(titles) * 2 // 3]  # the officials are two thirds through
        for title in titles:
            if title in MERGES and MERGES[title] in proposals:
                proposal_merge(proposal=proposals[title], into=proposals[MERGES[title]], actor=self.actor,
                               note="Sama ehdotus samaan puistoon; yhdistetty.")
                continue
            spec = specs[title]
            if spec.cost is None:
                proposal_review(proposal=proposals[title], actor=self.actor, feasible=False, cost=None,
                                note=spec.reason or "Ei toteutettavissa asukasbudjetin keinoin.")
            else:
                proposal_review(proposal=proposals[title], actor=self.actor, feasible=True, cost=spec.cost,
                                note="Arvio sisältää suunnittelun, hankinnan ja asennuksen.")

    def _ballot(self, budget: BudgetRound, area: Area) -> list[int]:
        """One demo voter's picks: by popularity, as many as fit the money (knapsack) or the limit."""
        popularity = {spec.title: spec.popularity for spec in PROPOSALS}
        picks = []
        for section in (area, None):
            offered = list(proposals_on_ballot(budget, section))
            weights = [popularity.get(p.title, 5) + self.random.random() * 6 for p in offered]
            ordered = [p for _w, p in sorted(zip(weights, offered), key=lambda pair: -pair[0])]
            money = (budget.city_wide if section is None
                     else budget.allocations.get(area=section).amount)
            limit = budget.approval_limit if budget.voting_rule == VotingRule.APPROVAL else None
            spent, count = 0, 0
            for proposal in ordered:
                if self.random.random() < 0.35:
                    continue  # not every voter likes every popular proposal
                if limit is not None and count >= limit:
                    break
                if limit is None and spent + proposal.cost_estimate > money:
                    continue
                picks.append(proposal.pk)
                spent += proposal.cost_estimate
                count += 1
        return picks

    def _vote(self, budget: BudgetRound, proposals: dict[str, BudgetProposal]) -> None:
        areas = list(budget.allocations.select_related("area"))
        weights = [allocation.population or 1 for allocation in areas]
        for number in range(self.spec.online_voters):
            area = self.random.choices(areas, weights)[0].area
            resident = self.resident(1000 + number)
            try:
                ballot_cast(budget_round=budget, resident=resident, area=area,
                            proposal_ids=self._ballot(budget, area))
            except BallotRefused:
                continue  # a demo voter whose random picks broke a rule: like a resident, they give up
        for number in range(self.spec.paper_voters):
            area = self.random.choices(areas, weights)[0].area
            try:
                ballot_paper_enter(budget_round=budget, personal_code=_personal_code(self.spec.year + number),
                                   area=area, proposal_ids=self._ballot(budget, area),
                                   service_point="Seinäjoen pääkirjasto, asiointipiste", actor=self.actor)
            except BallotRefused:
                continue
        if budget.voting_start:  # ballots over the voting weeks
            for index, ballot in enumerate(Ballot.objects.filter(round=budget).order_by("id")):
                moment = timezone.make_aware(datetime.combine(budget.voting_start + timedelta(days=index % 20),
                                                              time(8 + index % 12, index % 60)))
                if moment < timezone.now():
                    Ballot.objects.filter(pk=ballot.pk).update(created_at=moment, updated_at=moment)


def demo_budget_load(*, actor) -> list[BudgetRound] | None:
    """The demo rounds (one per phase), or None when they are there already (or the city lacks the demo's
    budget areas, or there is no administrator to act)."""
    if actor is None or BudgetRound.objects.filter(name_fi=DEMO_ROUND["name_fi"]).exists():
        return None
    areas = {area.code: area for area in Area.objects.filter(kind=AreaKind.BUDGET_AREA)}
    if set(areas) != set(DECIDED):
        return None
    places = {area.name_fi: area for area in Area.objects.filter(parent__kind=AreaKind.BUDGET_AREA)}
    today = timezone.localdate()
    rounds = []
    for seed, spec in enumerate(_rounds(today)):
        with transaction.atomic():
            rounds.append(_Builder(spec, actor, places, areas, seed=2024 + seed).build())
    return rounds
