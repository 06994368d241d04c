"""The code of every kind of :class:`~wres_wdes.problems.Problem`, and what it means.

A problem's ``rule`` is a sentence for a person and may be reworded; its ``code`` is
for a program (a tool that imports wres_wdes, a dashboard counting problems by
kind), so it is stable: a code is added, never renamed or removed, without a
CHANGELOG entry. This table is the one place codes are declared; ``docs/errors.md``
is generated from it (``python -m wres_wdes.docs``), and a problem with a code not
declared here cannot be made. The idea is pandera's: each failure case carries the
name of its check beside its message.
"""

from __future__ import annotations

CODES: dict[str, str] = {
    # the configuration file
    "missing-file": "a file the configuration names (an input, a history file, a cell map, "
    "a return template) or the configuration itself does not exist",
    "invalid-toml": "the configuration is not valid TOML",
    "unknown-config-section": "a section the configuration does not have ([breakdwon])",
    "unknown-config-key": "a key, input, option, column name, answer or mapping kind the "
    "configuration does not have; the message names the nearest",
    "missing-config-key": "a required key is missing ([organisation] name, [reporting] year)",
    "invalid-config-value": "a value of the wrong kind or outside its choices or range",
    "config-conflict": "two settings that cannot both hold (applications and "
    "applications_summary; one header named for two columns; a word listed for yes and no)",
    "invalid-mapping": "a [mappings] label that no classifier knows",
    # reading a file
    "unreadable-file": "the file cannot be read as a table, or the workbook cannot be opened",
    "wrong-file-kind": "the file is not what its name says (a workbook or UTF-16 text named "
    "as CSV)",
    "missing-sheet": "the workbook has no sheet of the name given",
    "ragged-row": "a row has more or fewer values than the header (a stray delimiter, a "
    "missing quote, a cut-off line)",
    "unreadable-row": "a row cannot be read (its quoting)",
    "repeated-header": "a header appears more than once; the first is read",
    "merged-cells": "merged cells were read as their value in every cell they cover",
    "no-header-on-sheet": "no recognised header on the sheet read; the workbook has others",
    "not-records": "rows that are not records (a report footer, totals, blank or title "
    "rows) are left out",
    "empty-file": "the file holds no records",
    # headers
    "missing-column": "a required column is missing (the message lists the headers accepted)",
    "named-header-missing": "the configuration names a header the file does not have",
    "ambiguous-header": "two headers look like the same column; one is used",
    "doubtful-header": "a column was found by an alias that may not mean what the contract means",
    "unread-column": "a column is not read: another header was matched to its name",
    "missing-level": "a breakdown level or the [organisation] column is not a column of the file",
    "missing-category": "published survey rows of a metric with categories have no category column",
    # values
    "invalid-value": "a value the column cannot take (a date, a number, a yes/no, a code)",
    "duplicate-value": "a value that must be unique appears on more than one row",
    "unknown-value": "a value is not recognised and is counted as Unknown",
    "all-unknown": "every value of a column is Unknown, or no band is recognised",
    "ambiguous-group": "an aggregate row's group cannot be told (ethnicity or disability)",
    "decimal-ids": "identifiers written as decimals (1013.0), as a spreadsheet writes "
    "numbers, are read as the whole numbers they are",
    # rows left out and how rows are counted
    "keep-column-missing": "keep names a column the file does not have",
    "keep-value-unused": "keep lists a value no row holds",
    "keep-leaves-nothing": "keep leaves no row of the file",
    "outside-window": "rows dated outside the data year (or window) are left out",
    "no-date-column": "the file has dates but none is read as the date, or it has no date "
    "column and every row counts as of the data year",
    "bank-excluded": "bank-only staff are left out of the workforce counts",
    "duplicate-case": "a case for the same person and start date appears earlier; it is "
    "counted once",
    "empty-window-year": "no case starts in one of the years of a two-year window",
    "no-grounds": "capability cases without grounds are counted as performance",
    "foreign-rows": "a column holds values that say some rows are not of this input (use keep)",
    "unread-answers": "a column holds answers (yes/no, dates) that no column is read from",
    "unmatched-person": "rows name a person_id found in no staff list",
    "only-here": "units named only in this file, not in the staff list",
    "several-assignments": "people with several assignments: how their one record was chosen",
    # organisations
    "organisation-column-unset": "a column looks like organisations but [organisation] "
    "column is not set",
    "many-organisations": "many organisations for the staff rows: the column may name cost centres",
    # the staff survey
    "survey-year": "the survey year of the file and the options disagree, or the file "
    "holds several",
    "no-question-map": "no question map for the survey year",
    "invalid-question-map": "the question map given in options.survey_question_map is wrong",
    "unknown-question": "a question column is not in the year's question map, or repeats one",
    "missing-question": "a survey figure is computed without (or cannot be computed for want "
    "of) a question column",
    "excel-date-answer": "Excel had turned an answer into a date; it is read back",
    # national return templates and history
    "invalid-cell-map": "a cell map row is wrong (a kind, sheet, cell, field or metric)",
    "template-mismatch": "a return template and its cell map are not a pair",
    "history-year": "the reporting year of a history file cannot be told, or a year is given twice",
    "not-metrics-file": "a history file is not a metrics.csv",
}
"""Every problem code, with what it means (``docs/errors.md``)."""

__all__ = ["CODES"]
