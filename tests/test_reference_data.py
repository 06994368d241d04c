"""The reference tables: present, sourced, and in step with data-formats.md."""

from __future__ import annotations

import pytest

from wres_wdes import reference
from wres_wdes.classify._common import word_key

TABLES = (
    "disability_values",
    "ethnic_categories",
    "ethnic_labels",
    "medical_grades",
    "national_figures",
    "not_stated_phrases",
    "occupation_code_prefixes",
    "pay_band_aliases",
    "pay_bands",
    "staff_groups",
)

# data-formats.md §1.1 (S1): the 16 national letters.
NATIONAL_CODES = list("ABCDEFGHJKLMNPRS")
# data-formats.md §1.2 (S2, S3, S4): every two-character sub-code.
SUB_CODES = [
    "C2", "C3", "CA", "CB", "CC", "CD", "CE", "CF", "CG", "CH", "CJ", "CK", "CL", "CM", "CN",
    "CP", "CQ", "CR", "CS", "CT", "CU", "CV", "CW", "CX", "CY",
    "GA", "GB", "GC", "GD", "GE", "GF",
    "LA", "LB", "LC", "LD", "LE", "LF", "LG", "LH", "LJ", "LK",
    "PA", "PB", "PC", "PD", "PE",
    "SA", "SB", "SC", "SD", "SE",
]  # fmt: skip


def test_every_table_is_shipped():
    assert set(TABLES) <= set(reference.names())


@pytest.mark.parametrize("name", TABLES)
def test_every_row_cites_a_source_with_its_confidence(name):
    # DESIGN.md principle 3: "each row citing its source".
    table = reference.load(name)
    assert len(table) > 0
    assert (table["source"].str.len() > 0).all()
    assert table["confidence"].isin(reference.CONFIDENCE).all()
    # the source text ends with the same tag, as in data-formats.md: "... [confirmed]"
    tags = table["source"].str.extract(r"\[(\w+)\]$")[0]
    assert (tags == table["confidence"]).all()
    assert table["source"].str.contains(r"S\d+|§\d", regex=True).all()


@pytest.mark.parametrize("name", TABLES)
def test_no_cell_is_blank_or_padded(name):
    table = reference.load(name)
    for column in table.columns:
        assert (table[column] == table[column].str.strip()).all(), column
        assert (table[column] != "").all(), column


def test_load_returns_a_copy():
    first = reference.load("pay_bands")
    first.loc[0, "band"] = "changed"
    assert reference.load("pay_bands").loc[0, "band"] != "changed"


def test_unknown_table_name_is_a_clear_error():
    with pytest.raises(KeyError, match="no reference table named 'nope'"):
        reference.load("nope")


def test_ethnic_categories_hold_the_16_plus_1_codes_99_and_every_subcode():
    codes = reference.load("ethnic_categories")["code"]
    assert codes.is_unique
    assert {*NATIONAL_CODES, "Z", "99", *SUB_CODES} <= set(codes)


def test_ethnic_category_group_is_the_first_character_rule():
    # wres.md §5: first character A, B or C → White; D–S → BME; Z, 99 → Unknown.
    table = reference.load("ethnic_categories")
    for code, group in zip(table["code"], table["group"], strict=True):
        expected = "Unknown" if code in ("Z", "99", "X") else "White" if code[0] in "ABC" else "BME"
        assert group == expected, code


def test_ethnic_labels_are_unambiguous():
    table = reference.load("ethnic_labels")
    assert set(table["match"]) == {"exact", "prefix"}
    assert table["group"].isin(["White", "BME", "Unknown"]).all()
    keys = table.assign(key=table["label"].str.casefold().map(word_key))
    assert not keys.duplicated(["key", "match"]).any()
    # an exact label and a code-list label never disagree
    categories = reference.load("ethnic_categories")
    from_codes = dict(
        zip(categories["label"].str.casefold().map(word_key), categories["group"], strict=True)
    )
    exact = keys[keys["match"] == "exact"]
    for key, group in zip(exact["key"], exact["group"], strict=True):
        assert from_codes.get(key, group) == group, key


def test_disability_values_cover_the_esr_values():
    # data-formats.md §2
    table = reference.load("disability_values")
    values = dict(zip(table["value"].str.casefold(), table["group"], strict=True))
    assert values["yes"] == "Disabled"
    assert values["no"] == "Non-disabled"
    for value in ("not declared", "prefer not to answer", "unspecified"):
        assert values[value] == "Unknown"


def test_pay_bands_and_clusters():
    # wdes.md §3: 1 = bands 1-4, 2 = 5-7, 3 = 8a-8b, 4 = 8c, 8d, 9, VSM.
    table = reference.load("pay_bands")
    cluster = dict(zip(table["band"], table["wdes_cluster"].astype(int), strict=True))
    assert [cluster[f"band {b}"] for b in "1234567"] == [1, 1, 1, 1, 2, 2, 2]
    assert [cluster[f"band 8{x}"] for x in "abcd"] == [3, 3, 4, 4]
    assert cluster["band 9"] == cluster["vsm"] == 4
    assert cluster["under band 1"] == 1  # the library's documented assumption
    assert table["order"].astype(int).is_monotonic_increasing


def test_aliases_give_known_bands():
    bands = set(reference.load("pay_bands")["band"])
    assert set(reference.load("pay_band_aliases")["label"]) <= bands


def test_medical_subgroup_decides_the_cluster():
    # wdes.md §3: 5 consultants, 6 non-consultant career grades, 7 trainees; "other" → 6
    # (library choice, docs/classification.md).
    table = reference.load("medical_grades")
    pairs = set(zip(table["medical_subgroup"], table["wdes_cluster"].astype(int), strict=True))
    assert pairs == {
        ("consultant", 5),
        ("non-consultant career grade", 6),
        ("trainee grade", 7),
        ("other", 6),
    }
    assert not table["grade"].str.casefold().map(word_key).duplicated().any()


def test_staff_groups_hold_the_ten_nwd_groups():
    # data-formats.md §3 (S9): 01 Medical and Dental … 10 Supplementary Roles.
    table = reference.load("staff_groups")
    assert set(table["nwd_code"]) == {f"{i:02d}" for i in range(1, 11)}
    assert table["category"].isin(["clinical", "non-clinical", "medical"]).all()
    canonical = table.drop_duplicates("nwd_code")
    by_code = dict(zip(canonical["nwd_code"], canonical["category"], strict=True))
    assert by_code["01"] == "medical"
    assert by_code["08"] == by_code["09"] == "non-clinical"
    # every spelling of one group gives the same category
    assert table.groupby("nwd_code")["category"].nunique().eq(1).all()


def test_occupation_code_prefixes():
    # data-formats.md §4: digits medical, G non-clinical, the matrices N S U T A H clinical.
    table = reference.load("occupation_code_prefixes")
    by_prefix = dict(zip(table["prefix"], table["category"], strict=True))
    assert all(by_prefix[d] == "medical" for d in "0123456789")
    assert by_prefix["G"] == "non-clinical"
    assert all(by_prefix[p] == "clinical" for p in "NSUTAH")
