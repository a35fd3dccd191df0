"""resources.py: the packaged knowledge files, a user's overlay file of the same name, and malformed rows."""
import pytest

from eventcoder.errors import DataFileError
from eventcoder.resources import DataRow, overlay_dir, read_table, read_text, read_texts

COLUMNS = ["id", "lemmas", "event_type", "sub_event_type", "priority", "example", "negative"]
ROW = "T_BULLDOZE\tbulldoze\tStrategic developments\tLooting/property destruction\t45\tThey bulldozed houses.\n"


@pytest.fixture
def overlay(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTCODER_OVERLAY", str(tmp_path))
    return tmp_path


def test_resources_an_overlay_row_is_read_after_the_packaged_rows(overlay):
    packaged = list(read_table("triggers.tsv", COLUMNS, required=6))
    (overlay / "triggers.tsv").write_text("# my triggers\n\n" + ROW, encoding="utf-8")
    rows = list(read_table("triggers.tsv", COLUMNS, required=6))
    assert rows[:-1] == packaged
    assert (rows[-1].file, rows[-1].line, rows[-1]["id"], rows[-1]["priority"], rows[-1].get("negative", "-")) == (
        str(overlay / "triggers.tsv"), 3, "T_BULLDOZE", "45", "-")


def test_resources_without_an_overlay_file_only_the_packaged_file_is_read(overlay):
    assert [label for label, _ in read_texts("triggers.tsv")] == ["triggers.tsv"]


@pytest.mark.parametrize("text, line, problem", [
    ("# mine\nT_X\tbulldoze\tStrategic developments\n", 2, "missing sub_event_type, priority, example"),
    (ROW.rstrip("\n") + "\tnegative\tone too many\n", 1,
     "8 fields, expected at most 7 (id, lemmas, event_type, sub_event_type, priority, example, negative)"),
])
def test_resources_a_malformed_overlay_row_fails_naming_file_and_line(overlay, text, line, problem):
    (overlay / "triggers.tsv").write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as error:
        list(read_table("triggers.tsv", COLUMNS, required=6))
    assert (error.value.file, error.value.line, error.value.problem) == (str(overlay / "triggers.tsv"), line, problem)
    assert str(error.value) == f"{overlay / 'triggers.tsv'}:{line}: {problem}"


def test_resources_an_unreadable_overlay_file_fails_naming_it(overlay):
    (overlay / "triggers.tsv").write_bytes(b"T_X\t\xff\xfe\n")
    with pytest.raises(DataFileError, match=r"triggers\.tsv:0: cannot be read"):
        list(read_texts("triggers.tsv"))


def test_resources_overlay_folder_is_the_users_data_folder_without_the_variable(monkeypatch, tmp_path):
    monkeypatch.delenv("EVENTCODER_OVERLAY")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert overlay_dir() == tmp_path / "eventcoder" / "overlay"


def test_resources_language_data_and_facts_are_found_by_name():
    assert "\nT_CAPTURE\t" in read_text("triggers.tsv")  # language data: lang/en/triggers.tsv
    assert "\nSYR_GOV\t" in read_text("actors.tsv")  # a fact: data/actors.tsv


def test_resources_a_row_gives_a_default_for_an_empty_field():
    row = DataRow("f.tsv", 4, {"id": "A", "negative": ""})
    assert (row["id"], row.get("negative"), row.get("negative", "none"), row.get("absent", "x")) == ("A", "", "none", "x")
