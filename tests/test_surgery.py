"""Surgery days (lib/documents/surgery.py): each animal of a cohort at its own time, in every
document and the .ics. 2 March 2026 is a Monday; the default working hours are 08:00-18:00,
Monday to Friday; model 1007D runs a nominal 7 days and primes 6 h (pump_specs.csv)."""

from dataclasses import replace
from datetime import UTC, datetime

import icalendar
import pytest

from lib import Animal, Cohort, Plan, calendar_to_ics, cohort_to_csv, plan_from_query
from lib.cohort.evaluate import evaluate_cohort
from lib.documents.links import plan_to_query
from lib.documents.model import study_events
from lib.documents.saved import plan_from_json, plan_to_json
from lib.documents.surgery import next_working_day, surgery_instants
from lib.tables.pumps import load_pump_catalog

CATALOG = load_pump_catalog()
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
# The case: 12 mice, implant Monday 2 March 2026 at 09:00, 1007D pumps for 7 days.
MICE = Plan(
    species="mouse", body_weight_g=25.0, route="sc", dose=1.0, dose_unit="mg/kg/day",
    pump_model="1007D", study_days=7.0, implant_date="2026-03-02", implant_time="09:00",
)  # fmt: skip
COHORT = Cohort(animals=tuple(Animal(f"m{n}", "all", 24.0 + n / 2) for n in range(1, 13)))


def times(instants) -> list[str]:
    return [f"{instant:%a %H:%M}" for instant in instants]


def test_twelve_animals_at_20_min_from_09_00_fit_a_morning_to_13_00():
    # Animal k at 09:00 + (k - 1) x 20 min: the 12th at 09:00 + 11 x 20 = 12:40, ending at
    # 13:00, the end of working hours: all 12 on Monday.
    plan = Plan(implant_date="2026-03-02", working_day_end="13:00")
    instants = surgery_instants(plan, 12)
    assert times(instants)[:3] == ["Mon 09:00", "Mon 09:20", "Mon 09:40"]
    assert times(instants)[-1] == "Mon 12:40"
    # A 13th would end at 13:20, after 13:00: it goes in on Tuesday at the implant time.
    assert times(surgery_instants(plan, 13))[-1] == "Tue 09:00"


def test_a_surgery_that_runs_past_friday_continues_on_monday():
    # From Fri 6 Mar 16:00, 30 min each, hours to 18:00: 16:00, 16:30, 17:00, 17:30 (ends
    # 18:00); the 5th would end at 18:30: Monday 9 Mar at 16:00.
    plan = Plan(implant_date="2026-03-06", implant_time="16:00", surgery_minutes_per_animal=30)
    assert times(surgery_instants(plan, 5)) == [
        "Fri 16:00", "Fri 16:30", "Fri 17:00", "Fri 17:30", "Mon 16:00",
    ]  # fmt: skip
    assert next_working_day(Plan(working_days="Mon; Sat"), MICE_DATE).isoformat() == "2026-03-07"


MICE_DATE = datetime(2026, 3, 2).date()


def test_zero_minutes_implants_every_animal_at_the_implant_time():
    plan = Plan(implant_date="2026-03-02", surgery_minutes_per_animal=0)
    assert set(times(surgery_instants(plan, 12))) == {"Mon 09:00"}


def test_without_an_implant_date_no_animal_has_a_time():
    assert surgery_instants(Plan(), 12) == []


def test_the_12_mice_are_filled_on_friday_and_implanted_20_min_apart():
    # Before (one time for all, weekends worked): every fill Sun 1 Mar 18:00, every implant
    # Mon 09:00. Now: m1 Mon 09:00 - 6 h = 03:00, outside hours; Sun and Sat off: Fri 18:00,
    # 63 h before. m12 at 09:00 + 11 x 20 min = 12:40; 12:40 - 6 h = 06:40, outside: Fri 18:00.
    events = study_events(evaluate_cohort(MICE, COHORT, CATALOG))
    implants = {e.animal_id: e.start for e in events if e.kind == "implant"}
    fills = {e.animal_id: e.start for e in events if e.kind == "fill"}
    assert implants["m1"] == datetime(2026, 3, 2, 9, 0)
    assert implants["m12"] == datetime(2026, 3, 2, 12, 40)
    assert set(fills.values()) == {datetime(2026, 2, 27, 18, 0)}
    # Explant by 1.5 x 7 = 10.5 days after each implant: m12's Thu 12 Mar 12:40 + 12 h =
    # Fri 13 Mar 00:40.
    explant_by = {e.animal_id: e.start for e in events if e.kind == "explant_by"}
    assert explant_by["m1"] == datetime(2026, 3, 12, 21, 0)
    assert explant_by["m12"] == datetime(2026, 3, 13, 0, 40)
    (m12,) = [e for e in events if e.kind == "implant" and e.animal_id == "m12"]
    assert m12.title == "m12: Implant pump 1 (1007D)"
    assert "animal 12 of 12 in surgery order (20 min each)" in m12.description


def test_an_afternoon_implant_is_filled_the_same_morning_within_hours():
    # m1 at 14:00: 14:00 - 6 h = 08:00, the start of the working day: filled Monday 08:00;
    # m2 at 14:20: 08:20.
    plan = Plan(**{**MICE.to_dict(), "implant_time": "14:00"})
    events = study_events(evaluate_cohort(plan, COHORT, CATALOG))
    fills = {e.animal_id: e.start for e in events if e.kind == "fill"}
    assert (fills["m1"], fills["m2"]) == (datetime(2026, 3, 2, 8, 0), datetime(2026, 3, 2, 8, 20))


def test_the_ics_has_each_animals_events_with_its_own_uid():
    calendar = icalendar.Calendar.from_ical(calendar_to_ics(MICE, COHORT, CATALOG, NOW))
    implants = [e for e in calendar.events if "Implant" in str(e["SUMMARY"])]
    assert len(implants) == 12
    assert len({str(e["UID"]) for e in calendar.events}) == len(calendar.events)
    by_summary = {str(e["SUMMARY"]): e.start for e in implants}
    assert by_summary["m12: Implant pump 1 (1007D)"] == datetime(2026, 3, 2, 12, 40)


def test_the_cohort_csv_gives_each_animal_its_own_times():
    text = cohort_to_csv(MICE, COHORT, CATALOG)
    assert "2026-03-02 12:40" in text and "2026-03-13 00:40" in text


def test_the_plan_alone_keeps_one_implant_at_the_implant_time():
    events = study_events(evaluate_cohort(MICE, Cohort(), CATALOG))
    (implant,) = [e for e in events if e.kind == "implant"]
    assert (implant.start, implant.animal_id) == (datetime(2026, 3, 2, 9, 0), None)


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Mon; Tue; Wed; Thu; Fri; Sat", ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat")),
        ("saturday, monday", ("Mon", "Sat")),  # full names, any case, in week order
        (["Sun", "Sun"], ("Sun",)),
    ],
)
def test_working_days_are_read_from_text_or_a_list(typed, kept):
    assert Plan(working_days=typed).working_days == kept


@pytest.mark.parametrize("typed", ["", "Mon; Funday", "t"])
def test_bad_working_days_are_refused_naming_the_field(typed):
    plan, findings = plan_from_query(f"working_days={typed}", CATALOG)
    assert [finding.field for finding in findings] == ["working_days"]
    assert plan.working_days == ("Mon", "Tue", "Wed", "Thu", "Fri")


def test_working_days_and_surgery_time_round_trip_in_files_and_links():
    plan = Plan(working_days="Mon; Wed; Sat", surgery_minutes_per_animal=35)
    assert plan_from_query(plan_to_query(plan), CATALOG) == (plan, [])
    assert plan_from_json(plan_to_json(plan, CATALOG), CATALOG) == (plan, [])
    assert plan_to_query(plan) == ("working_days=Mon%3BWed%3BSat&surgery_minutes_per_animal=35.0")


def test_a_weekend_of_priming_says_what_the_pump_loses_before_it_goes_in():
    # Filled Friday 18:00 for m1's Monday 09:00 implant: 63 h, 57 h past the 1007D's 6 h of
    # priming; at 0.5 uL/h it pumps 57 x 0.5 = 28.5 uL of its 100 uL (28 %) into the saline.
    events = study_events(evaluate_cohort(MICE, COHORT, CATALOG))
    priming = next(event for event in events if event.title == "m1: Priming pump 1 (1007D)")
    assert (
        "If it is primed in 6 h, it pumps about 28.5 µL (28 % of its 100 µL) into the saline in "
        "the 57 h more before the implant"
    ) in priming.description


def test_a_calendar_table_lists_each_cohort_step_once_from_first_to_last_animal():
    # 12 implants, m1 at 09:00 to m12 at 12:40 (11 x 20 min later): one row of the table.
    from lib.documents.calendar_steps import calendar_rows

    rows = calendar_rows(study_events(evaluate_cohort(MICE, COHORT, CATALOG)))
    (implant,) = [row for row in rows if row.kind == "implant"]
    assert implant.when.startswith("Mon 2026-03-02 09:00") and "to Mon 2026-03-02 12:40" in (
        implant.when
    )
    assert implant.title == "Implant pump 1 (1007D) (12 animals, m1 first and m12 last)"
    (fill,) = [row for row in rows if row.kind == "fill"]
    assert " to " not in fill.when  # every pump filled together, Friday 18:00


def test_a_solution_filled_over_several_surgery_days_says_so():
    # 30 mice at 30 min from Thu 15:00 to 18:00: 6 a day (15:00 + 5 x 30 = 17:30, ending 18:00),
    # so Thu, Fri, Mon, Tue, Wed: the last pumps are filled 6 days after the first.
    from lib.documents.model import model_of

    plan = replace(MICE, pump_model="2004", study_days=28.0, implant_date="2027-03-04",
                   implant_time="15:00", surgery_minutes_per_animal=30)  # fmt: skip
    cohort = Cohort(animals=tuple(Animal(f"M{n:02d}", "all", 25.0) for n in range(1, 31)))
    (solution,) = model_of(evaluate_cohort(plan, cohort, CATALOG)).solutions
    assert solution.fill_days == 7
    assert f"{solution.last_fill.start:%a %Y-%m-%d}" == "Wed 2027-03-10"
