"""`nn101-tui run ... --csv FILE`: the trace on disk besides the normal output."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest

from nn101.cli import main


def _cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text())))


def test_csv_holds_every_step_and_the_json_matches(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "trace.csv"
    code, out, err = _cli(["run", "neuron", "--steps", "5", "--json", "--csv", str(path)],
                          capsys)
    assert (code, err) == (0, "")
    data = json.loads(out)
    rows = _rows(path)
    assert [r["iteration"] for r in rows] == ["0", "1", "2", "3", "4", "5"]
    # The guide's neuron: 0.8808 at the start, 0.88255 after one step of 0.01; gradient
    # a -0.105, b 0.315, c 0.105, x 0.105, y 0.21 at the start.
    assert float(rows[0]["output"]) == pytest.approx(0.8808, abs=1e-4)
    assert float(rows[1]["output"]) == pytest.approx(0.88255, abs=1e-5)
    assert [round(float(rows[1][f"{n}.grad"]), 3) for n in "abcxy"] == [
        -0.105, 0.315, 0.105, 0.105, 0.21]
    for row, step in zip(rows[1:], data["steps"], strict=True):
        assert float(row["output"]) == step["output"]
        assert {n: float(row[f"{n}.value"]) for n in step["inputs"]} == step["inputs"]
    assert data["format"] == "nn101-trace"


def test_csv_besides_the_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "t.csv"
    code, out, _ = _cli(["run", "single-gate", "--method", "numerical", "--csv", str(path)],
                        capsys)
    assert code == 0
    assert "forward passes spent: 3" in out  # N + 1 = 3 for two inputs
    rows = _rows(path)
    # x*y from (-2, 3): gradient (3, -2); one step of 0.01 gives (-1.97, 2.98), -5.8706.
    assert float(rows[1]["output"]) == pytest.approx(-5.8706, abs=1e-6)
    assert rows[1]["forward_passes"] == "3"


def test_a_diverged_run_still_writes_its_csv(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "d.csv"
    code, out, _ = _cli(["run", "two-gates", "--step-size", "1e9", "--steps", "100", "--json",
                         "--csv", str(path)], capsys)
    assert code == 3
    data = json.loads(out)
    assert len(_rows(path)) == len(data["steps"]) + 1


def test_an_existing_file_is_replaced_whole(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "t.csv"
    path.write_text("old content that is longer than the new one\n" * 500)
    code, _, _ = _cli(["run", "add", "--csv", str(path)], capsys)
    assert code == 0
    assert path.read_text().startswith("iteration,method,a.value,b.value,output,")
    assert len(_rows(path)) == 2
    assert sorted(os.listdir(tmp_path)) == ["t.csv"]


@pytest.mark.parametrize(("target", "fragment"), [
    ("missing/t.csv", "does not exist"),
    (".", "it is a folder"),
    ("", "it is a folder"),
])
def test_a_bad_path_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           target: str, fragment: str) -> None:
    path = str(tmp_path / target) if target else str(tmp_path) + "/"
    code, out, err = _cli(["run", "two-gates", "--csv", path], capsys)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("nn101-tui: error: ")
    assert fragment in err
    assert "Traceback" not in err
    assert [p.name for p in tmp_path.iterdir()] == []


def test_an_unwritable_folder_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # CI runs as root, who may write anywhere: the refusal is simulated where the file
    # is created.
    def refuse(*_: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", refuse)
    code, out, err = _cli(["run", "two-gates", "--csv", str(tmp_path / "t.csv")], capsys)
    assert (code, out) == (2, "")
    assert err == f"nn101-tui: error: cannot write {tmp_path / 't.csv'}: Permission denied\n"


def test_a_file_where_a_folder_should_be(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "plain").write_text("x")
    code, out, err = _cli(["run", "two-gates", "--csv", str(tmp_path / "plain" / "t.csv")],
                          capsys)
    assert (code, out) == (2, "")
    assert "--csv: cannot write" in err and "is not a folder" in err
