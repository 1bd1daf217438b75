"""No traceback, ever: each input that once broke the booth gets one clear line and changes nothing."""

from __future__ import annotations

import sqlite3

import click
import pytest

from bazar_pos.cli.base import main

from .conftest import DATA, Cli
from .test_cli_booth import entries


@pytest.fixture
def booth(cli: Cli) -> Cli:
    cli.setup_booth()
    return cli


def head(cli: Cli) -> tuple[int, str]:
    conn = sqlite3.connect(cli.db)
    try:
        return conn.execute("SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1").fetchone()
    finally:
        conn.close()


def refused(cli: Cli, *args: str, says: str) -> None:
    """One line on stderr, exit 2, the journal untouched and still verified."""
    before = head(cli)
    r = cli(*args)
    assert r.exit_code == 2, (args, r.stdout, r.stderr)
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    assert says in r.stderr, r.stderr
    assert head(cli) == before
    assert cli("verify").exit_code == 0


@pytest.mark.parametrize(
    "amount",
    ["²", "Rp①", "١٢٣", "１２", "1_000", "9" * 5000],
    ids=["superscript", "circled", "arabic-indic", "fullwidth", "underscore", "5000-digits"],
)
def test_a_price_in_other_digits_is_refused(booth: Cli, amount: str) -> None:
    says = "terlalu besar" if len(amount) > 100 else "Bukan jumlah rupiah"
    refused(booth, "product", "add", "X-1", "--name", "X", "--price", amount, says=says)
    refused(booth, "product", "edit", "NST-250", "--price", amount, says=says)
    refused(booth, "cash", "out", amount, "--reason", "es", says=says)
    refused(booth, "cash", "float", amount, says=says)


@pytest.mark.parametrize("qty", ["²", "١٢", "1_0"])
def test_a_quantity_in_other_digits_is_refused(booth: Cli, qty: str) -> None:
    refused(booth, "stock", "add", "NST-250", qty, says="bilangan bulat")


def test_a_negative_number_as_an_argument_gets_our_message(booth: Cli) -> None:
    refused(booth, "stock", "add", "NST-250", "-5", says="Angka negatif tidak diterima di sini: -5")
    refused(booth, "stock", "count", "NST-250", "-1", says="Angka negatif tidak diterima")
    refused(booth, "cash", "float", "-5.000", says="Angka negatif tidak diterima")
    assert booth("stock", "adjust", "NST-250", "-1", "--reason", "pecah").exit_code == 0


@pytest.mark.parametrize("now", ["garbage", "2026-02-30T10:00:00+07:00", ""])
def test_a_bad_pinned_clock_is_named(booth: Cli, now: str) -> None:
    booth.env["BAZAR_POS_NOW"] = now
    if not now:  # empty means "not pinned"
        assert booth("sales").exit_code == 0
        return
    refused(booth, "sell", "NST-250", says="BAZAR_POS_NOW bukan waktu yang sah")


@pytest.mark.parametrize("name", ["Nastar\x00Keju", "Nastar\x1b[31m", "Kue\u202eLapis"])
def test_control_characters_never_reach_a_name(booth: Cli, name: str) -> None:
    refused(
        booth, "product", "add", "X-1", "--name", name, "--price", "1000", says="karakter kontrol"
    )
    refused(booth, "product", "edit", "NST-250", "--name", name, says="karakter kontrol")
    refused(booth, "init", "--booth", "CP-07", "--name", name, says="karakter kontrol")


def test_verify_names_deeply_nested_json_instead_of_crashing(booth: Cli) -> None:
    conn = sqlite3.connect(booth.db)
    conn.executescript("DROP TRIGGER entries_no_update;")
    conn.execute("UPDATE entries SET payload = ? WHERE seq = 2", ("[" * 100_000 + "]" * 100_000,))
    conn.commit()
    conn.close()
    r = booth("verify", "--json")
    assert r.exit_code == 1 and r.json()["bad_seq"] == 2 and "Traceback" not in r.stderr


def _tamper(cli: Cli, sql: str) -> None:
    conn = sqlite3.connect(cli.db)
    conn.executescript("DROP TRIGGER entries_no_update; DROP TRIGGER entries_no_delete;" + sql)
    conn.close()


def test_a_broken_chain_tail_stops_selling_and_the_close(booth: Cli) -> None:
    assert booth("sell", "NST-250").exit_code == 0
    _tamper(booth, "UPDATE entries SET payload = replace(payload, '55000', '5000');")
    for args in (("sell", "NST-250"), ("close", "--cash-counted", "0")):
        before = entries(booth)
        r = booth(*args)
        assert (
            r.exit_code == 2
            and "Buku besar RUSAK" in r.stderr
            and "hubungi penyelenggara" in r.stderr
        )
        assert entries(booth) == before
    assert booth("verify").exit_code == 1
    assert booth("sales", "--json").exit_code == 0  # reading and exporting still work


def test_a_table_edited_behind_the_journal_stops_the_close(booth: Cli) -> None:
    assert booth("sell", "NST-250").exit_code == 0
    conn = sqlite3.connect(booth.db)
    conn.execute("UPDATE products SET stock = stock + 5 WHERE sku = 'NST-250'")
    conn.commit()
    conn.close()
    before = entries(booth)
    r = booth("close", "--cash-counted", "55000")
    assert r.exit_code == 2 and "Buku besar RUSAK" in r.stderr and "bazar-pos export" in r.stderr
    assert entries(booth) == before


def test_a_committed_sale_is_named_when_its_receipt_cannot_be_written(booth: Cli) -> None:
    (booth.home / "receipts").write_text("a file where the folder should be")
    before = entries(booth)
    r = booth("sell", "NST-250", "--receipt")
    assert r.exit_code == 3 and "Traceback" not in r.stderr
    assert "Penjualan CP07-260320-0001" in r.stdout and "Peringatan" in r.stderr
    assert entries(booth) == before + 1
    assert booth("verify").exit_code == 0


def test_an_unforeseen_failure_is_one_line_and_a_crash_log(booth: Cli) -> None:
    @click.command("explode")
    def explode() -> None:
        {}["missing"]  # a bug, as an unforeseen failure would be

    main.add_command(explode)
    try:
        r = booth("explode")
    finally:
        main.commands.pop("explode")
    assert r.exit_code == 70 and "Traceback" not in r.stderr
    (line,) = r.stderr.splitlines()
    assert line.startswith("Galat tak terduga saat bazar-pos explode (KeyError: 'missing')")
    (log,) = booth.home.glob("crash-*.log")
    assert str(log) in line and "Traceback" in log.read_text()


@pytest.mark.parametrize(
    "args",
    [
        ("stock", "add", "NST-250", "-5"),
        ("product", "add", "X-1", "--name", "X", "--price", "Rp①"),
        ("product", "add", "X-1", "--name", "Nastar\udcff", "--price", "1000"),
        ("product", "import", str(DATA / "csv" / "nul_bytes.csv")),
        ("qris", "reconcile", str(DATA / "csv" / "oversized_cell.csv")),
        ("cash", "out", "²", "--reason", "es"),
    ],
)
def test_the_real_console_script_refuses_in_one_line(booth: Cli, args: tuple[str, ...]) -> None:
    r = booth.subprocess(*args)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert len(r.stderr.splitlines()) == 1 and r.stderr.startswith("Galat: ")


def test_a_bad_clock_in_the_real_console_script(booth: Cli) -> None:
    booth.env["BAZAR_POS_NOW"] = "garbage"
    r = booth.subprocess("sell", "NST-250")
    assert r.returncode == 2 and r.stderr.startswith("Galat: BAZAR_POS_NOW")
