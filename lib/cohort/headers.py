"""How spreadsheets head the columns of an animals or explants table."""

# As spreadsheets head an ID column: "Mouse ID", "Rat #", "Animal no.", "Ear tag".
ID_HEADERS = (
    "animal; id; name; rat; mouse; mouse id; rat id; animal no; mouse no; rat no; animal number;"
    " mouse number; rat number; subject; subject id; tag; ear tag; identifier"
)
# Header names besides each field's name and label, one table for both kinds. Case, spaces,
# punctuation and a unit do not count: "Residual volume (µL)", "residual_ul", "RESIDUAL [uL]".
HEADER_ALIASES = {
    "animal_id": tuple(name.strip() for name in ID_HEADERS.split(";")),
    "group": ("group name", "treatment", "cohort"),
    "body_weight_g": ("body weight", "bw", "weight at implant"),
    "residual_volume_ul": ("residual", "volume left"),
    "elapsed_days": ("elapsed", "days", "days implanted", "days in"),
    "loaded_volume_ul": ("loaded", "loaded volume", "fill volume"),
    "pump": ("pump number", "pump no"),
}
# A unit as a header may write it (µ read as u); another (kg, mL, h) is refused, never converted.
UNIT_SPELLINGS = {"g": "g", "grams": "g", "ul": "µL", "d": "days", "day": "days", "days": "days"}
