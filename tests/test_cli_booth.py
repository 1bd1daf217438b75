"""The booth CLI as a script sees it: JSON contracts, and one clear line for every bad input."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import DATA, Cli

QRIS = json.loads((DATA / "qris_samples.json").read_text())[0]["payload"]


@pytest.fixture
def booth(cli: Cli) -> Cli:
    cli.setup_booth()
    return cli


def entries(cli: Cli) -> int:
    conn = sqlite3.connect(cli.db)
    try:
        return int(conn.execute("SELECT COUNT(*) FROM entries").fetchone()[0])
    finally:
        conn.close()


def test_init_product_add_and_list(cli: Cli) -> None:
    r = cli(
        "init",
        "--booth",
        "CP-07",
        "--name",
        "Kue Bu Sari",
        "--location",
        "Rusun Karang Anyar",
        "--event",
        "Bazar Jakpreneur",
    )
    assert r.exit_code == 0 and "CP-07" in r.stdout
    r = cli(
        "product",
        "add",
        "NST-01",
        "--name",
        "Nastar 250g",
        "--price",
        "50000",
        "--stock",
        "20",
        "--category",
        "kue",
        "--json",
    )
    assert r.json() == {
        "sku": "NST-01",
        "name": "Nastar 250g",
        "price": 50000,
        "stock": 20,
        "category": "kue",
        "low": False,
        "active": True,
    }
    r = cli("product", "add", "KRP-02", "--name", "Kerupuk", "--price", "Rp15.000")
    assert r.exit_code == 0 and "Rp15.000" in r.stdout
    listing = cli("product", "list", "--json").json()
    assert [p["sku"] for p in listing["products"]] == ["KRP-02", "NST-01"]


def test_sell_json_contract(booth: Cli) -> None:
    r = booth("sell", "NST-250", "KRP-250:3", "--pay", "cash", "--tendered", "200000", "--json")
    assert r.exit_code == 0, r.stderr
    sale = r.json()
    assert sale["sale_no"] == "CP07-260320-0001"
    assert sale["total"] == 55_000 + 3 * 25_000
    assert sale["paid"] == 200_000 and sale["change"] == 200_000 - sale["total"]
    assert sale["payment"] == "cash"
    assert sale["lines"][1] == {
        "sku": "KRP-250",
        "name": "Kerupuk Kulit 250 g",
        "qty": 3,
        "unit_price": 25_000,
        "discount": 0,
        "amount": 75_000,
    }
    text = booth("sell", "NST-250", "--pay", "transfer")
    assert "CP07-260320-0002" in text.stdout and "Rp55.000" in text.stdout


def test_sales_void_refund_and_statuses(booth: Cli) -> None:
    for _ in range(3):
        assert booth("sell", "NST-250:2", "--pay", "cash").exit_code == 0
    assert booth("void", "CP07-260320-0001", "--reason", "salah input").exit_code == 0
    r = booth("refund", "CP07-260320-0002", "NST-250:1", "--reason", "kemasan rusak", "--json")
    assert r.json()["refunded"] == 55_000
    listing = booth("sales", "--date", "2026-03-20", "--json").json()
    assert listing["date"] == "2026-03-20"
    assert [(s["sale_no"], s["status"]) for s in listing["sales"]] == [
        ("CP07-260320-0001", "voided"),
        ("CP07-260320-0002", "refunded"),
        ("CP07-260320-0003", "completed"),
    ]
    assert all(isinstance(s["total"], int) and s["payment"] == "cash" for s in listing["sales"])


def test_stock_commands(booth: Cli) -> None:
    assert booth("stock", "add", "NST-250", "6", "--json").json()["stock"] == 30
    assert (
        booth("stock", "adjust", "NST-250", "-2", "--reason", "toples pecah", "--json").json()[
            "stock"
        ]
        == 28
    )
    count = booth("stock", "count", "NST-250", "25", "--json").json()
    assert count == {"sku": "NST-250", "expected": 28, "counted": 25, "variance": -3}
    levels = booth("stock", "list", "--json").json()["products"]
    nastar = next(p for p in levels if p["sku"] == "NST-250")
    assert {k: nastar[k] for k in ("sku", "name", "price", "stock", "low")} == {
        "sku": "NST-250",
        "name": "Nastar Keju 250 g",
        "price": 55_000,
        "stock": 25,
        "low": False,
    }


def test_verify_json_and_failure(booth: Cli) -> None:
    booth("sell", "NST-250", "--pay", "cash")
    r = booth("verify", "--json")
    assert r.exit_code == 0
    data = r.json()
    assert data["ok"] is True and data["entries"] == entries(booth) and len(data["head_hash"]) == 64
    conn = sqlite3.connect(booth.db)
    conn.execute("UPDATE products SET stock = 99 WHERE sku = 'NST-250'")
    conn.commit()
    conn.close()
    r = booth("verify", "--json")
    assert r.exit_code == 1 and r.json()["ok"] is False


BAD_INPUTS = [
    (["sell", "NOPE-1"], "Produk tidak dikenal: NOPE-1", "Unknown product: NOPE-1"),
    (["sell", "NST-250:0"], "harus lebih dari nol", "more than zero"),
    (["sell", "NST-250:-2"], "tidak boleh negatif", "cannot be negative"),
    (["sell", "NST-250:dua"], "bilangan bulat", "whole number"),
    (["sell", "NST-250:999"], "Stok Nastar Keju 250 g tidak cukup", "Not enough stock"),
    (["sell", "NST-250", "--tendered", "1000"], "kurang dari", "less than"),
    (["product", "add", "X-1", "--name", "X", "--price", "15.5"], "pecahan", "fraction"),
    (["product", "add", "NST-250", "--name", "X", "--price", "1"], "sudah ada", "already exists"),
    (["void", "CP07-260320-0099", "--reason", "x"], "tidak dikenal", "Unknown sale"),
    (["stock", "adjust", "NST-250", "2", "--reason", " "], "Alasan wajib", "reason is required"),
    (["sales", "--date", "20-03-2026"], "Tanggal tidak sah", "Invalid date"),
]


@pytest.mark.parametrize(("args", "id_text", "en_text"), BAD_INPUTS, ids=lambda v: str(v)[:30])
def test_bad_input_is_one_line_and_writes_nothing(
    booth: Cli, args: list[str], id_text: str, en_text: str
) -> None:
    before = entries(booth)
    r = booth(*args)
    assert r.exit_code == 2
    assert id_text in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert entries(booth) == before
    r = booth("--lang", "en", *args)
    assert en_text in r.stderr
    assert entries(booth) == before


def test_void_twice_is_refused(booth: Cli) -> None:
    booth("sell", "NST-250", "--pay", "cash")
    assert booth("void", "CP07-260320-0001", "--reason", "salah").exit_code == 0
    before = entries(booth)
    r = booth("void", "CP07-260320-0001", "--reason", "salah")
    assert r.exit_code == 2 and "sudah dibatalkan" in r.stderr
    assert entries(booth) == before


def test_foreign_corrupt_and_unwritable_databases(cli: Cli, tmp_path: Path) -> None:
    foreign = tmp_path / "foreign.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE customers (id INTEGER)")
    conn.commit()
    conn.close()
    r = cli("--db", str(foreign), "sales")
    assert r.exit_code == 2 and "bukan basis data bazar-pos" in r.stderr
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"\x00garbage" * 512)
    r = cli("--db", str(corrupt), "sales")
    assert r.exit_code == 2 and "bukan basis data (berkas lain" in r.stderr
    assert corrupt.read_bytes() == b"\x00garbage" * 512
    blocker = tmp_path / "afile"
    blocker.write_text("x")
    r = cli("--db", str(blocker / "booth.db"), "init", "--booth", "X-1", "--name", "X")
    assert r.exit_code == 2 and "Galat" in r.stderr
    r = cli("--db", str(tmp_path / "missing.db"), "sales")
    assert r.exit_code == 2 and "tidak ditemukan" in r.stderr


def test_no_traceback_from_the_real_console_script(booth: Cli) -> None:
    r = booth.subprocess("sell", "NOPE-1")
    assert r.returncode == 2
    assert "Traceback" not in r.stderr and "Produk tidak dikenal" in r.stderr
    r = booth.subprocess("sell", "NST-250", "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["total"] == 55_000


def test_qris_set_check_show_and_sell(booth: Cli, tmp_path: Path) -> None:
    r = booth("sell", "NST-250", "--pay", "qris")
    assert r.exit_code == 2 and "qris set" in r.stderr
    assert booth("qris", "set", f"  {QRIS}\n").exit_code == 0
    check = booth("qris", "check", QRIS, "--json").json()
    assert check["valid"] is True and check["fields"]["59"] == "WARUNG BAZAAR BOOTH 7"
    bad = booth("qris", "check", QRIS[:-1] + "0", "--json")
    assert bad.exit_code == 1 and bad.json()["errors"][0]["code"] == "crc_mismatch"
    png = tmp_path / "q.png"
    shown = booth("qris", "show", "--amount", "65000", "--png", str(png), "--json").json()
    assert shown["amount"] == 65_000 and "540565000" in shown["payload"]
    from bazar_pos.payments import decode_image

    assert decode_image(png) == shown["payload"]
    said = booth("qris", "check", shown["payload"])
    assert said.exit_code == 0 and "WARUNG BAZAAR BOOTH 7, JAKARTA PUSAT, Rp65.000" in said.stdout
    sale = booth("sell", "NST-250", "--pay", "qris", "--json").json()
    assert "5405" + "55000" in sale["qris"] and "CP07-260320-0001" in sale["qris"]
    text = booth("sell", "KST-250", "--pay", "qris")
    assert "█" in text.stdout
    r = booth("qris", "set", "not a qris")
    assert r.exit_code == 2 and "QRIS tidak sah" in r.stderr


def test_qris_set_from_a_sticker_photo(booth: Cli, tmp_path: Path) -> None:
    from bazar_pos.payments import build_matrix, to_png

    photo = tmp_path / "sticker.png"
    to_png(build_matrix(QRIS), photo, scale=5)
    r = booth("qris", "set", "--image", str(photo), "--json")
    assert r.exit_code == 0 and r.json()["merchant"] == "WARUNG BAZAAR BOOTH 7"
    r = booth("qris", "set", "--image", str(tmp_path / "nothing.png"))
    assert r.exit_code == 2


def test_a_refund_names_how_the_money_goes_back(booth: Cli) -> None:
    """The default (the sale's first method) is said, not left unseen; `--method` changes it."""
    assert booth("sell", "NST-250:2", "--split", "cash:20000", "--split", "transfer").exit_code == 0
    r = booth("refund", "CP07-260320-0001", "NST-250:1", "--reason", "rusak")
    assert r.stdout.strip() == (
        "Retur CP07-260320-0001: Rp55.000 kembali sebagai Tunai; total diretur Rp55.000"
    )
    r = booth("refund", "CP07-260320-0001", "--reason", "rusak", "--method", "transfer")
    assert "Rp55.000 kembali sebagai Transfer; total diretur Rp110.000" in r.stdout
    by_payment = booth("close", "--cash-counted", "0", "--json").json()["by_payment"]
    assert (by_payment["cash"], by_payment["transfer"]) == (20_000 - 55_000, 90_000 - 55_000)


def test_cash_twice_in_one_sale_is_refused_before_anything_is_recorded(booth: Cli) -> None:
    """It was accepted and read 'Tunai+Tunai'; two customers may each pay part by transfer."""
    for splits in (["cash:20000", "cash"], ["cash:10000", "other:10000", "cash"]):
        r = booth("sell", "NST-250", *[x for s in splits for x in ("--split", s)])
        assert r.exit_code == 2 and "Tunai hanya boleh satu bagian" in r.stderr, r.stderr
    r = booth("--lang", "en", "sell", "NST-250", "--split", "cash:1", "--split", "cash")
    assert "Cash can be only one part of a sale" in r.stderr
    assert booth("sales", "--json").json()["sales"] == []
    sold = booth("sell", "NST-250:2", "--split", "transfer:20000", "--split", "transfer", "--json")
    assert sold.exit_code == 0
    assert [p["method"] for p in sold.json()["payments"]] == ["transfer", "transfer"]
