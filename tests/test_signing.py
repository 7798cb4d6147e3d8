"""Signed products (issue 12): the daily report verifies offline with the public key
alone; one changed byte fails; a rotated key still verifies older reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from coalition import signing
from coalition.cli.app import app
from coalition.errors import CoalitionError

runner = CliRunner()


def test_sign_verify_tamper_rotate(tmp_path: Path) -> None:
    keys = tmp_path / "keys"
    first = signing.rotate(keys)
    report = tmp_path / "report.pdf"
    report.write_bytes(b"%PDF-1.7 a daily report " * 100)
    signing.sign(report, keys, ledger_root="ab" * 32)
    (public,) = signing.key_files(keys)
    claim = signing.verify(report, [public])  # the public key alone
    assert claim["key_id"] == first and claim["ledger_root"] == "ab" * 32

    second = signing.rotate(keys)
    later = tmp_path / "later.html"
    later.write_text("<p>later</p>", encoding="utf-8")
    assert signing.verify(later.parent / signing.sign(later, keys).name.removesuffix(".sig"),
                          signing.key_files(keys))["key_id"] == second  # fmt: skip
    assert signing.verify(report, signing.key_files(keys))["key_id"] == first  # still

    data = bytearray(report.read_bytes())
    data[100] ^= 1  # one changed byte
    report.write_bytes(bytes(data))
    with pytest.raises(CoalitionError, match="changed since it was signed"):
        signing.verify(report, [public])
    with pytest.raises(CoalitionError, match="not among the keys given"):
        signing.verify(later, [public])


def test_the_daily_report_is_signed_and_verifies_from_the_cli(tmp_path: Path) -> None:
    env = {"COALITION_KEYS_DIR": str(tmp_path / "keys"), "COLUMNS": "200"}
    db = f"sqlite:///{tmp_path / 'm.sqlite3'}"
    out = tmp_path / "out"
    made = runner.invoke(app, ["--db", db, "monitor", "--out", str(out)], env=env)
    assert made.exit_code == 0, made.output
    pdf = next(out.glob("*.pdf"))
    assert (pdf.parent / (pdf.name + ".sig")).is_file()
    export = runner.invoke(app, ["keys", "export"], env=env)
    public = tmp_path / "published.pem"
    public.write_text(export.output.split("\n", 1)[1], encoding="ascii")
    checked = runner.invoke(app, ["verify", str(pdf), "--key", str(public)], env=env)
    assert checked.exit_code == 0 and "verified" in checked.output
    data = bytearray(pdf.read_bytes())
    data[len(data) // 2] ^= 0xFF
    pdf.write_bytes(bytes(data))
    failed = runner.invoke(app, ["verify", str(pdf), "--key", str(public)], env=env)
    assert failed.exit_code == 2 and "changed since it was signed" in failed.output
