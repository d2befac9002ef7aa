"""Tests for lib/units.py: every dose unit to every other, and the two small conversions.

The fixed case is the brief's intrathecal example (REFERENCE section 1): 1 ug/h of baclofen to a
250 g rat; baclofen's molecular weight is 213.66 g/mol (REFERENCE section 4, Lioresal label).
"""

import pytest

from lib.units import convert_dose, mg_per_ml_to_millimolar, ul_per_hr_to_ml_per_day

BODY_WEIGHT_G = 250.0
BACLOFEN_G_PER_MOL = 213.66

# One dose, 1 ug/h for a 250 g rat, in every unit (worked by hand).
SAME_DOSE = {
    "ug/h": 1.0,
    "mg/day": 0.024,  # 1 ug/h x 24 h = 24 ug = 0.024 mg a day
    "ng/h": 1000.0,  # 1 ug = 1000 ng
    "ng/day": 24000.0,  # 1000 ng/h x 24 h
    "mg/kg/day": 0.096,  # 0.024 mg/day / 0.25 kg
    "ug/kg/h": 4.0,  # 1 ug/h / 0.25 kg
    "ng/kg/min": 200 / 3,  # 4000 ng/kg/h / 60 min = 66.67
    "mmol/kg/day": 0.096 / 213.66,  # 0.096 mg/kg/day / 213.66 mg/mmol = 4.4931e-4
    "mg/kg/h": 0.004,  # 0.096 mg/kg/day / 24 h
    "ug/kg/day": 96.0,  # 0.096 mg = 96 ug, per kg a day
    "ug/day": 24.0,  # 1 ug/h x 24 h
    "umol/kg/day": 96.0 / 213.66,  # 96 ug/kg/day / 213.66 ug/umol = 0.44931
    "nmol/kg/day": 96000.0 / 213.66,  # 96 000 ng/kg/day / 213.66 ng/nmol = 449.31
    "pmol/kg/min": 96e6 / 213.66 / 1440,  # 96e6 pg/kg/day / 213.66 pg/pmol / 1440 min = 312.02
}


def convert(value, from_unit, to_unit):
    return convert_dose(value, from_unit, to_unit, BODY_WEIGHT_G, BACLOFEN_G_PER_MOL)


@pytest.mark.parametrize("from_unit", SAME_DOSE)
def test_convert_dose_gives_the_hand_worked_value_for_every_pair(from_unit):
    # Every unit to every other (one test per unit: the pairs are its loop)
    results = {to_unit: convert(SAME_DOSE[from_unit], from_unit, to_unit) for to_unit in SAME_DOSE}
    assert results == pytest.approx(SAME_DOSE, rel=1e-12)


def test_the_molar_dose_of_the_brief_example_is_4_4931e_minus_4_mmol_per_kg_per_day():
    # Worked by hand: 0.096 / 213.66 = 0.00044931199...
    assert convert(1.0, "ug/h", "mmol/kg/day") == pytest.approx(4.4931e-4, rel=1e-4)


def test_the_brief_example_in_pmol_per_kg_per_min_is_312_02():
    # 0.096 mg/kg/day = 9.6e7 pg/kg/day; / 213.66 pg/pmol = 449 312 pmol/kg/day; / 1440 = 312.02
    assert convert(1.0, "ug/h", "pmol/kg/min") == pytest.approx(312.02, rel=1e-5)


def test_angiotensin_ii_1000_ng_per_kg_per_min_is_1_44_mg_per_kg_per_day():
    # REFERENCE section 4 (Eguchi; Daugherty): 1000 ng/kg/min x 1440 min = 1 440 000 ng = 1.44 mg
    assert convert_dose(1000.0, "ng/kg/min", "mg/kg/day") == pytest.approx(1.44, rel=1e-12)
    assert convert_dose(1.44, "mg/kg/day", "ug/kg/day") == pytest.approx(1440.0, rel=1e-12)


@pytest.mark.parametrize("unit", ["umol/kg/day", "nmol/kg/day", "pmol/kg/min"])
def test_every_molar_unit_needs_the_molecular_weight(unit):
    with pytest.raises(ValueError, match="molecular weight"):
        convert_dose(1.0, unit, "mg/kg/day")


@pytest.mark.parametrize("from_unit", SAME_DOSE)
def test_convert_dose_there_and_back_returns_the_dose(from_unit):
    back = {
        to_unit: convert(convert(7.2, from_unit, to_unit), to_unit, from_unit)
        for to_unit in SAME_DOSE
    }
    assert back == pytest.approx(dict.fromkeys(SAME_DOSE, 7.2), rel=1e-12)


@pytest.mark.parametrize(
    ("value", "from_unit", "to_unit", "expected"),
    [
        (1.0, "ug/h", "mg/day", 0.024),  # convert_dose docstring: 24 ug a day
        (7.2, "mg/kg/day", "ug/kg/h", 300.0),  # 7200 ug / 24 h
        (300.0, "ug/kg/h", "ng/kg/min", 5000.0),  # 300 000 ng / 60 min
        (1.0, "mg/day", "ng/day", 1e6),  # 1 mg = 10^6 ng
    ],
)
def test_per_kg_to_per_kg_and_per_animal_to_per_animal_need_no_body_weight(
    value, from_unit, to_unit, expected
):
    assert convert_dose(value, from_unit, to_unit) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("micro", ["µ", "μ"])  # U+00B5 micro sign, U+03BC Greek mu
def test_micro_sign_and_greek_mu_are_accepted_for_u(micro):
    assert convert_dose(1.0, f"{micro}g/h", "mg/day") == pytest.approx(0.024, rel=1e-12)
    assert convert_dose(4.0, f"{micro}g/kg/h", f"{micro}g/kg/h") == 4.0


@pytest.mark.parametrize("body_weight_g", [None, 0.0, -250.0])
@pytest.mark.parametrize(("from_unit", "to_unit"), [("mg/kg/day", "mg/day"), ("ug/h", "ug/kg/h")])
def test_per_kg_to_per_animal_without_a_body_weight_raises_naming_it(
    from_unit, to_unit, body_weight_g
):
    with pytest.raises(ValueError, match="body weight"):
        convert_dose(1.0, from_unit, to_unit, body_weight_g=body_weight_g)


@pytest.mark.parametrize("molecular_weight", [None, 0.0])
@pytest.mark.parametrize(
    ("from_unit", "to_unit"), [("mmol/kg/day", "mg/kg/day"), ("ug/h", "mmol/kg/day")]
)
def test_molar_unit_without_a_molecular_weight_raises_naming_it(
    from_unit, to_unit, molecular_weight
):
    with pytest.raises(ValueError, match="molecular weight"):
        convert_dose(1.0, from_unit, to_unit, BODY_WEIGHT_G, molecular_weight)


@pytest.mark.parametrize(
    ("from_unit", "to_unit"), [("mg/week", "mg/day"), ("mg/day", "mol/kg/day")]
)
def test_unknown_unit_raises_naming_every_accepted_unit(from_unit, to_unit):
    with pytest.raises(ValueError) as error:
        convert(1.0, from_unit, to_unit)
    assert all(unit in str(error.value) for unit in SAME_DOSE)


@pytest.mark.parametrize(
    ("rate_ul_per_hr", "expected_ml_per_day"),
    [
        (0.5, 0.012),  # model 2002 (REFERENCE section 2): 0.5 x 24 / 1000
        (2.5, 0.06),  # model 2ML4: 2.5 x 24 / 1000
        (0.11, 0.00264),  # model 1004: 0.11 x 24 / 1000
        (10.0, 0.24),  # model 2ML1
    ],
)
def test_ul_per_hr_to_ml_per_day_is_rate_times_24_over_1000(rate_ul_per_hr, expected_ml_per_day):
    assert ul_per_hr_to_ml_per_day(rate_ul_per_hr) == pytest.approx(expected_ml_per_day, rel=1e-12)


@pytest.mark.parametrize(
    ("concentration_mg_per_ml", "molecular_weight", "expected_millimolar"),
    [
        (2.0, 213.66, 9.3607),  # baclofen, brief example: 2 g/L / 213.66 g/mol = 9.3607 mM
        (
            630.0,
            42.39,
            14862.0,
        ),  # LiCl saturated (REFERENCE 4): 630 / 42.39 = 14.862 M, "about 15 M"
    ],
)
def test_mg_per_ml_to_millimolar_matches_hand_worked_values(
    concentration_mg_per_ml, molecular_weight, expected_millimolar
):
    result = mg_per_ml_to_millimolar(concentration_mg_per_ml, molecular_weight)
    assert result == pytest.approx(expected_millimolar, rel=1e-4)
