"""The animals table: records, and reading it typed, pasted from a spreadsheet or from CSV."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.cohort.animals import Animal, Cohort, Explant
from lib.cohort.table import animals_to_text, parse_animals, parse_explants
from lib.errors import CohortError

PASTED = "animal_id\tgroup\tbody_weight_g\nR01\tlow\t212.5\nR02\tlow\t230\nR03\thigh\t251\n"


def ids_and_weights(animals):
    return [(animal.animal_id, animal.group, animal.body_weight_g) for animal in animals]


def test_a_spreadsheet_paste_with_a_header_is_read():
    animals, problems = parse_animals(PASTED)
    assert problems == []
    assert ids_and_weights(animals) == [
        ("R01", "low", 212.5),
        ("R02", "low", 230.0),
        ("R03", "high", 251.0),
    ]


def test_csv_with_header_in_another_order_and_explant_columns_is_read():
    text = (
        "Weight (g),Animal,Group,Residual volume,Elapsed days\n"
        "250,M1,control,12.5,14\n"
        "260,M2,control,,\n"
    )
    animals, problems = parse_animals(text)
    assert problems == []
    assert animals[0] == Animal("M1", "control", 250.0, 12.5, 14.0)
    assert animals[1] == Animal("M2", "control", 260.0, None, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("250\n262.5\n", [("1", "all", 250.0), ("2", "all", 262.5)]),
        ("R1,250\nR2,262.5\n", [("R1", "all", 250.0), ("R2", "all", 262.5)]),
        ("R1;A;250,5\nR2;B;262\n", [("R1", "A", 250.5), ("R2", "B", 262.0)]),
        ("R1\tA\t250,5\n", [("R1", "A", 250.5)]),
    ],
)
def test_columns_without_a_header_are_known_by_their_count(text, expected):
    animals, problems = parse_animals(text)
    assert problems == []
    assert ids_and_weights(animals) == expected


def test_blank_lines_and_comment_lines_are_skipped():
    animals, _ = parse_animals("# weighed on 3 March\n\nR1,250\n\n# end\n")
    assert ids_and_weights(animals) == [("R1", "all", 250.0)]


def test_a_bad_line_is_named_with_its_value_and_the_others_are_kept():
    animals, problems = parse_animals("R1,250\nR2,25O\nR3,-4\nR1,260\n")
    assert ids_and_weights(animals) == [("R1", "all", 250.0)]
    messages = [problem.message for problem in problems]
    assert messages == [
        "Animals, line 2: weight (g) '25O' is not allowed.",
        "Animals, line 3: weight (g) '-4' is not allowed.",
        "Animals, line 4: animal ID 'R1' is not allowed.",
    ]
    assert problems[0].suggestion.startswith("Enter a number from 1 up to 2000")
    assert problems[2].suggestion == "Give each animal its own ID; the line was left out."
    assert {problem.field for problem in problems} == {"animals"}


def test_a_header_without_a_weight_column_is_refused_with_the_expected_columns():
    animals, (problem,) = parse_animals("animal,group\nR1,A\n")
    assert animals == ()
    assert problem.code == "invalid_animal_table"
    assert "body_weight_g" in problem.suggestion


def test_a_table_of_four_unnamed_columns_is_refused():
    _, (problem,) = parse_animals("R1,A,250,3\n")
    assert "has 4 columns" in problem.message


def test_empty_text_is_no_animals_and_no_problems():
    assert parse_animals("") == ((), [])
    assert parse_animals("  \n\n") == ((), [])


def test_the_text_the_planner_shows_reads_back_to_the_same_animals():
    animals = (Animal("R1", "A", 237.5), Animal("R2", "B", 250.0, 12.5, 14.0))
    assert parse_animals(animals_to_text(animals)) == (animals, [])
    assert parse_animals(animals_to_text(animals[:1])) == (animals[:1], [])


def test_cohort_round_trips_through_a_dict():
    cohort = Cohort(
        animals=(Animal("R1", "A", 237.5), Animal("R2", "B", 250.0, 12.5, 14.0)),
        concentration_mode="animal",
        spare_pumps=2,
    )
    assert Cohort.from_dict(cohort.to_dict()) == cohort


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("concentration_mode", "cage"),
        ("dose_tolerance_percent", 0),
        ("spare_pumps", 1.5),
        ("spare_pumps", -1),
        ("filling_loss_ul", -10),
        ("balance_readability_mg", 0),
        ("weighing_error_percent", 200),
        ("animals", "R1,250"),
        ("animals", [{"animal_id": "R1", "weight": 250}]),
    ],
)
def test_a_bad_cohort_value_raises_plan_error_naming_the_field(field, value):
    with pytest.raises(CohortError) as raised:
        Cohort(**{field: value})
    assert raised.value.field == field


def test_repeated_animal_ids_are_refused():
    with pytest.raises(CohortError, match="own ID"):
        Cohort(animals=(Animal("R1", "low", 250.0), Animal("R1", "low", 260.0)))


def test_from_dict_refuses_an_unknown_field():
    with pytest.raises(CohortError, match="not a cohort field"):
        Cohort.from_dict({"cages": 3})


@settings(max_examples=150, deadline=None)
@given(
    st.text(max_size=400, alphabet=st.characters(codec="utf-8"))
    | st.from_regex(r"[A-Z0-9,;\t\n.\-= ]{0,200}")
)
def test_any_text_gives_animals_and_findings_never_an_error(text):
    animals, problems = parse_animals(text)
    assert all(isinstance(animal, Animal) for animal in animals)
    assert all(
        problem.field == "animals" and problem.message.startswith("Animals") for problem in problems
    )


def test_a_cell_too_long_to_read_is_a_finding_and_a_long_value_is_shortened():
    (_, (problem,)) = parse_animals("x" * 200_000)
    # One line, one animal: what the csv module cannot read spoils that line only.
    assert problem.code == "invalid_animal_row" and "could not be read" in problem.message
    (_, (problem,)) = parse_animals("R1," + "9" * 5000)
    assert problem.message == "Animals, line 1: weight (g) '" + "9" * 39 + "… is not allowed."


# -- headers as spreadsheets write them (issue 17, item 7) ------------------------------------

# Each header and the field it names; those marked "was ignored" were dropped before without a
# word, and the animal lost that value.
HEADER_ALIASES = [
    ("Animal ID", "animal_id"),
    ("animal_id", "animal_id"),
    ("AnimalID", "animal_id"),  # spaces do not count
    ("Rat", "animal_id"),
    ("Treatment", "group"),
    ("Weight (g)", "body_weight_g"),
    ("Weight [g]", "body_weight_g"),  # was ignored: brackets
    ("Body weight (g)", "body_weight_g"),
    ("BODY  WEIGHT", "body_weight_g"),  # case and runs of spaces do not count
    ("body_weight_g", "body_weight_g"),
    ("weight (grams)", "body_weight_g"),
    ("Residual (µL)", "residual_volume_ul"),
    ("Residual volume", "residual_volume_ul"),
    ("Residual volume (uL)", "residual_volume_ul"),
    ("Residual volume [μL]", "residual_volume_ul"),  # a Greek mu, as some keyboards type it
    ("residual_ul", "residual_volume_ul"),
    ("Days", "elapsed_days"),  # was ignored
    ("Elapsed (d)", "elapsed_days"),  # was ignored
    ("Days implanted", "elapsed_days"),
    ("Elapsed time (days)", "elapsed_days"),  # was ignored: the field's own label
    ("elapsed_days", "elapsed_days"),
    ("Volume loaded (µL)", "loaded_volume_ul"),  # was ignored: the field's own label
    ("Fill volume", "loaded_volume_ul"),
]
TYPED = {"animal_id": "R7", "group": "low", "body_weight_g": "250,5", "residual_volume_ul": "31"}
TYPED |= {"elapsed_days": "14", "loaded_volume_ul": "203"}
READ = {"animal_id": "R7", "group": "low", "body_weight_g": 250.5, "residual_volume_ul": 31.0}
READ |= {"elapsed_days": 14.0, "loaded_volume_ul": 203.0}


@pytest.mark.parametrize(("header", "field"), HEADER_ALIASES)
def test_a_header_with_a_unit_or_a_synonym_names_its_column(header, field):
    headers = {"animal_id": "animal", "body_weight_g": "weight"} | {field: header}
    text = "\t".join(headers.values()) + "\n" + "\t".join(TYPED[name] for name in headers)
    animals, problems = parse_animals(text)
    assert problems == []
    assert getattr(animals[0], field) == READ[field]


@pytest.mark.parametrize(
    ("header", "field"),
    [("Animal ID", "animal_id"), ("Pump no.", "pump"), ("Residual (µL)", "residual_volume_ul")]
    + [("Days", "elapsed_days"), ("Elapsed (d)", "elapsed_days")],
)
def test_the_explants_table_reads_the_same_names(header, field):
    names = {"animal_id": "animal", "pump": "pump", "residual_volume_ul": "residual"}
    names |= {"elapsed_days": "elapsed", field: header}
    explants, problems = parse_explants("\t".join(names.values()) + "\nR1\t1\t31,5\t14\n")
    assert problems == []
    assert explants == (Explant("R1", 1, 31.5, 14.0),)


@pytest.mark.parametrize("delimiter", ["\t", ";"])
def test_a_decimal_comma_still_reads_under_a_header_with_units(delimiter):
    header = delimiter.join(["Animal ID", "Group", "Body weight (g)", "Residual (µL)", "Days"])
    animals, problems = parse_animals(
        f"{header}\nR1{delimiter}A{delimiter}312,5{delimiter}30,5{delimiter}14\n"
    )
    assert problems == []
    assert animals == (Animal("R1", "A", 312.5, 30.5, 14.0),)


def test_a_header_the_planner_does_not_read_is_named_with_the_names_it_reads():
    # Before: "Cage" and "Sex" were dropped without a word.
    animals, (finding,) = parse_animals("Animal\tCage\tWeight (g)\tSex\nR1\t3\t250\tF\n")
    assert animals == (Animal("R1", "all", 250.0),)
    assert finding.code == "column_not_read" and finding.severity == "caution"
    assert finding.message == (
        "Animals, line 1: columns 'Cage', 'Sex' left out: the planner reads no column by that name."
    )
    assert "weight (g): body_weight_g, weight, body weight, bw" in finding.suggestion
    assert "elapsed time (days): elapsed_days, elapsed time, elapsed, days" in finding.suggestion


def test_two_headers_for_one_column_refuse_the_table_naming_both():
    # Before: the last one won, silently (R1 weighed 251 g).
    animals, (finding,) = parse_animals("animal,weight,Body weight (g)\nR1,250,251\n")
    assert animals == ()
    assert finding.code == "invalid_animal_table"
    assert finding.message == (
        "Animals, line 1: the table names weight (g) twice, as 'weight' and 'Body weight (g)'; "
        "it was not read."
    )
    assert finding.suggestion == "Keep one of these columns."


@pytest.mark.parametrize(
    ("header", "unit", "named"),
    [
        ("Weight (kg)", "kg", "weight (g)"),  # 0,25 would have been read as 0.25 g
        ("Residual (mL)", "ml", "residual volume (µL)"),
        ("Elapsed [h]", "h", "elapsed time (days)"),
    ],
)
def test_a_header_in_another_unit_is_refused_not_converted(header, unit, named):
    columns = {"weight": "weight", "residual": "residual", "elapsed": "days"}
    columns[header.split()[0].lower()] = header
    animals, (finding,) = parse_animals(
        "animal\t" + "\t".join(columns.values()) + "\nR1\t250\t1\t2\n"
    )
    assert animals == ()
    label, wanted = named.rsplit(" (", 1)
    assert finding.message == (
        f"Animals, line 1: the table gives the {label} in {unit} ({header!r}), not in "
        f"{wanted.rstrip(')')}; it was not read."
    )
    assert finding.suggestion.endswith(f"name the column {named!r}.")


@pytest.mark.parametrize("header", ["Mouse ID", "Rat ID", "Animal no.", "Ear tag", "Subject ID"])
def test_an_id_column_is_read_under_the_names_spreadsheets_give_it(header):
    # Issue 25: a "Mouse ID" column was dropped with a caution and the animals renumbered 1, 2
    animals, findings = parse_animals(f"{header}\tGroup\tWeight (g)\nM7\tA\t24.5\nM9\tB\t26.0\n")
    assert [animal.animal_id for animal in animals] == ["M7", "M9"]
    assert findings == []
