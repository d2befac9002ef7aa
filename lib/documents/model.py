"""One model of a study's documents: the protocol sheet, the preparation sheet and the cohort CSV
render from it, so they cannot disagree.

With a cohort, the solutions are the cohort's (one per group, or per animal, and per pump of the
series) and every pump filled is a row: each animal's pumps, then the spares of each solution.
Without one, the plan's own animal is the study: one solution per pump of its series.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from lib.calc.growth import design_body_weight_g
from lib.calc.preparation import Preparation, plan_preparations
from lib.cohort.animals import Cohort
from lib.cohort.blinding import study_codes
from lib.cohort.evaluate import CohortEvaluation, evaluate_cohort
from lib.documents.calendar import (
    CalendarEvent,
    pump_fill_timing,
    study_calendar,
    study_schedule,
)
from lib.documents.filling_time import FillTiming
from lib.documents.fillings import pump_fillings
from lib.documents.links import plan_to_query
from lib.evaluate import Evaluation, evaluate
from lib.plan import Plan
from lib.tables.compounds import CompoundTable
from lib.tables.pumps import PumpCatalog
from lib.version import APP_VERSION

PLAN_ANIMAL = "the animal"  # the plan's own animal, when there is no cohort


@dataclass(frozen=True)
class Identity:
    """Who and what a document is for, and which app issued it when."""

    study_title: str | None
    investigator: str | None
    protocol_number: str | None
    app_version: str
    issued: str  # the date of issue, ISO
    share_query: str  # reopens the plan: the app's address, then "?" and this

    @property
    def share_link(self) -> str:
        return f"?{self.share_query}" if self.share_query else "(the default plan)"


@dataclass(frozen=True)
class Solution:
    """One solution to make: its recipe and the animals (and pump of the series) it is for."""

    preparation: Preparation
    animals: tuple[str, ...]
    pump_number: int
    spares: int
    fill: CalendarEvent | None  # when it goes into the pumps (the tube label's date)
    design_body_weight_g: float | None = None  # the weight it is made for (a group's mean)
    code: str | None = None  # blinded: the code its tube carries instead of its name
    last_fill: CalendarEvent | None = None  # its last animal's fill, on a later surgery day

    @property
    def fill_days(self) -> int:
        """On how many dates its pumps are filled (surgery over several days)."""
        if not (self.fill and self.last_fill and self.fill.start and self.last_fill.start):
            return 1
        return (self.last_fill.start.date() - self.fill.start.date()).days + 1

    @property
    def name(self) -> str:
        return self.preparation.solution


@dataclass(frozen=True)
class PumpRow:
    """One pump filled: an animal's pump of the series, or a spare of a solution."""

    name: str
    animal_id: str | None  # None for a spare
    pump_number: int
    solution: str
    concentration_mg_per_ml: float


@dataclass(frozen=True)
class PumpSchedule:
    """One pump's steps, from the study schedule (an animal's, in a dated cohort)."""

    number: int
    fill: CalendarEvent
    placement: CalendarEvent
    nominal_end: CalendarEvent
    explant_by: CalendarEvent
    animal_id: str | None = None  # None: the plan's own animal, or every animal undated


def pump_schedules(events: list[CalendarEvent]) -> tuple[PumpSchedule, ...]:
    """Each animal's pumps' fill, implant or replacement, nominal end and explant-by, in surgery
    order, then pump order (one animal's: the plan's own, or every animal's undated)."""
    by_pump: dict[tuple[str | None, int], dict[str, CalendarEvent]] = {}
    for event in events:
        if event.pump_number is not None:
            by_pump.setdefault((event.animal_id, event.pump_number), {})[event.kind] = event
    order = {key: index for index, key in enumerate(_surgery_order(events))}
    return tuple(
        PumpSchedule(
            number,
            kinds["fill"],
            kinds.get("implant") or kinds["replace"],
            kinds["nominal_end"],
            kinds["explant_by"],
            animal,
        )
        for (animal, number), kinds in sorted(
            by_pump.items(), key=lambda item: (order.get(item[0][0], 0), item[0][1])
        )
    )


def _surgery_order(events: list[CalendarEvent]) -> list[str | None]:
    return [event.animal_id for event in events if event.kind == "implant"]


@dataclass(frozen=True)
class StudyDocument:
    """Everything the documents print, computed once."""

    identity: Identity
    evaluation: Evaluation
    study: CohortEvaluation | None
    solutions: tuple[Solution, ...]
    pumps: tuple[PumpRow, ...]
    schedule: tuple[CalendarEvent, ...]
    # The first animal's pumps' steps (the protocol's schedule table); every animal's in
    # ``animal_steps`` (the cohort table's dates), from the schedule.
    pump_steps: tuple[PumpSchedule, ...]
    animal_steps: tuple[PumpSchedule, ...]
    fill_timings: tuple[FillTiming, ...]  # per pump of the series

    @property
    def plan(self) -> Plan:
        return self.evaluation.plan

    @property
    def calendar(self) -> list[CalendarEvent]:
        """The dated schedule, for the calendar tables; empty without an implant date."""
        return list(self.schedule) if self.plan.implant_date else []

    @property
    def stock(self):
        """The stock every solution is diluted from (``lib.calc.stock``), if one is shared."""
        return self.study.stock if self.study is not None else None

    @property
    def implanted(self) -> tuple[PumpRow, ...]:
        """The pumps that go into animals (the spares stay on the bench)."""
        return tuple(pump for pump in self.pumps if pump.animal_id is not None)


def study_document(
    plan: Plan,
    catalog: PumpCatalog,
    compounds: CompoundTable | None = None,
    cohort: Cohort | None = None,
    issued: datetime | None = None,
) -> StudyDocument:
    """The documents' model of a plan, with the cohort's animals when it has any."""
    evaluation = evaluate(plan, catalog, compounds)
    study = None
    if cohort is not None and cohort.animals:
        study = evaluate_cohort(plan, cohort, catalog, compounds, evaluation)
    return document_of(evaluation, study, issued)


def document_of(
    evaluation: Evaluation, study: CohortEvaluation | None, issued: datetime | None = None
) -> StudyDocument:
    """The model from an evaluated plan (and its evaluated cohort, if any)."""
    plan = evaluation.plan
    fillings = pump_fillings(study) if study is not None else None
    schedule = tuple(study_schedule(plan, evaluation, fillings, surgery_order(study)))
    steps = pump_schedules(list(schedule))
    solutions = _solutions(evaluation, study, steps)
    timings = tuple(pump_fill_timing(plan, evaluation, window) for window in evaluation.windows)
    return StudyDocument(
        identity=identity_of(plan, issued),
        evaluation=evaluation,
        study=study,
        solutions=solutions,
        pumps=_pump_rows(solutions),
        schedule=schedule,
        pump_steps=tuple(step for step in steps if step.animal_id == steps[0].animal_id),
        animal_steps=steps,
        fill_timings=timings,
    )


def model_of(evaluated: CohortEvaluation, issued: datetime | None = None) -> StudyDocument:
    """The model of an evaluated study; a cohort without animals is the plan's own animal."""
    return document_of(
        evaluated.evaluation, evaluated if evaluated.cohort.animals else None, issued
    )


def identity_of(plan: Plan, issued: datetime | None = None) -> Identity:
    day = (issued or datetime.now(UTC)).date().isoformat()
    return Identity(
        plan.study_title,
        plan.investigator,
        plan.protocol_number,
        APP_VERSION,
        day,
        plan_to_query(plan),
    )


def surgery_order(study: CohortEvaluation | None) -> tuple[str, ...]:
    """The cohort's animals in the order they are implanted: the animals table's."""
    return () if study is None else tuple(animal.animal_id for animal in study.cohort.animals)


def _fill_of(fills, animals: tuple[str, ...], number: int, last: bool = False):
    """A solution's first fill, the earliest of its animals' (or with ``last``, the latest)."""
    found = [fills[(a, number)] for a in animals if (a, number) in fills]
    found = found or ([fills[(None, number)]] if (None, number) in fills else [])
    pick = max if last else min
    return pick(found, key=lambda event: event.start or 0, default=None)


def _solutions(evaluation, study, steps) -> tuple[Solution, ...]:
    fills = {(step.animal_id, step.number): step.fill for step in steps}
    if study is None:
        if not evaluation.windows:
            return ()
        spares = Cohort().spare_pumps
        return tuple(
            Solution(
                preparation, (PLAN_ANIMAL,), number, spares, _fill_of(fills, (), number), weight
            )
            for number, (preparation, weight) in enumerate(
                zip(plan_preparations(evaluation), design_weights(evaluation), strict=True), 1
            )
        )
    spares = study.cohort.spare_pumps
    # One pass in plain Python, but the mean (pandas', as the concentration's); coded: blinded.
    ids, numbers, coded, codes = {}, {}, {}, study_codes(study) if study.cohort.blinded else {}
    columns = (study.doses[c].tolist() for c in ("solution", "animal_id", "pump", "group"))
    for solution, animal, pump, group in zip(*columns, strict=True):
        ids.setdefault(solution, []).append(str(animal))
        numbers.setdefault(solution, pump), coded.setdefault(solution, codes.get(str(group)))
    animals = {solution: tuple(names) for solution, names in ids.items()}
    made_for = study.doses.groupby("solution", sort=False)["design_body_weight_g"].mean()
    return tuple(
        Solution(
            preparation,
            animals[preparation.solution],
            int(numbers[preparation.solution]),
            spares,
            _fill_of(fills, animals[preparation.solution], int(numbers[preparation.solution])),
            float(made_for[preparation.solution]),
            coded[preparation.solution],
            _fill_of(
                fills, animals[preparation.solution], int(numbers[preparation.solution]), True
            ),
        )
        for preparation in study.preparations
    )


def design_weights(evaluation: Evaluation) -> list[float]:
    """The weight each pump of the plan's own animal's series is made for."""
    return [design_body_weight_g(evaluation.plan, window) for window in evaluation.windows]


def _pump_rows(solutions: tuple[Solution, ...]) -> tuple[PumpRow, ...]:
    """Every animal's pumps in pump order, then each solution's spares."""
    concentration = {s.name: s.preparation.concentration_mg_per_ml for s in solutions}
    implanted = [
        PumpRow(f"{animal}, pump {s.pump_number}", animal, s.pump_number, s.name,
                concentration[s.name])
        for s in sorted(solutions, key=lambda solution: solution.pump_number)
        for animal in s.animals
    ]  # fmt: skip
    spares = [
        PumpRow(f"spare {index} of {s.name}", None, s.pump_number, s.name, concentration[s.name])
        for s in solutions
        for index in range(1, s.spares + 1)
    ]
    return tuple(implanted + spares)


def study_events(evaluated: CohortEvaluation) -> list[CalendarEvent]:
    """The study calendar, with each pump's fill naming the cohort's solutions, each animal's
    steps from its own implant."""
    study = evaluated if evaluated.cohort.animals else None
    return study_calendar(
        evaluated.plan, evaluated.evaluation, pump_fillings(evaluated), surgery_order(study)
    )
