"""CSV files as vendors and organizers really have them: one reader for the catalog and booth list."""

from __future__ import annotations

from pathlib import Path

import pytest

from bazar_pos.booth import catalog
from bazar_pos.booth.ledger import Ledger, verify
from bazar_pos.errors import InvalidInput
from bazar_pos.hub import registry

from .conftest import DATA, NOW

CSV = DATA / "csv"


@pytest.fixture
def empty(tmp_path: Path) -> Ledger:
    return Ledger.open(tmp_path / "booth.db")


@pytest.mark.parametrize(
    ("name", "read_as"),
    [
        ("semicolon.csv", "UTF-8, pemisah ';'"),
        ("tab.csv", "UTF-8, pemisah tab"),
        ("windows1252.csv", "Windows-1252, pemisah ';'"),
        ("bom.csv", "UTF-8 dengan BOM, pemisah ','"),
        ("capitals.csv", "UTF-8, pemisah ','"),
        ("indonesian.csv", "UTF-8, pemisah ';'"),
    ],
)
def test_every_common_shape_imports_the_same_catalog(
    empty: Ledger, name: str, read_as: str
) -> None:
    result = catalog.import_csv(empty, CSV / name, now=NOW)
    assert (result.added, result.skipped) == (
        2,
        [],
    ) and result.read_as == f"dibaca sebagai {read_as}"
    products = {p.sku: p for p in catalog.list_products(empty)}
    assert products["KUE-01"].name == "Kue Lapis Légit"  # the é survives Windows-1252 too
    assert (products["KUE-01"].price, products["NST-250"].stock) == (85_000, 24)
    assert products["NST-250"].category == "kue kering"


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("oversized_cell.csv", "Baris 3: sel terlalu panjang"),  # beyond csv's own limit
        ("empty.csv", "Berkas CSV kosong"),
        ("nul_bytes.csv", r"Baris 1: bukan berkas CSV \(ada byte NUL\)"),
    ],
)
def test_what_is_not_a_usable_table_is_refused_with_its_line(
    empty: Ledger, name: str, says: str
) -> None:
    before = empty.head()
    with pytest.raises(InvalidInput, match=says) as exc:
        catalog.import_csv(empty, CSV / name, now=NOW)
    assert exc.value.code == "bad_csv"
    assert empty.head() == before and verify(empty).ok


def test_a_long_cell_names_its_line_and_column(empty: Ledger, tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    big.write_text("sku,name,price\nA-1,Satu,1000\nB-1," + "x" * 5_000 + ",2000\n")
    with pytest.raises(InvalidInput, match="Baris 3, kolom 2: sel terlalu panjang"):
        catalog.import_csv(empty, big, now=NOW)


def test_headers_only_and_missing_columns_are_refused(empty: Ledger, tmp_path: Path) -> None:
    only = tmp_path / "only.csv"
    only.write_text("sku;name;price\n")
    with pytest.raises(InvalidInput, match="tidak berisi produk"):
        catalog.import_csv(empty, only, now=NOW)
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("kode;harga\nA-1;1000\n")
    with pytest.raises(InvalidInput, match="Baris 1: CSV harus punya kolom sku,name,price"):
        catalog.import_csv(empty, wrong, now=NOW)


def test_a_control_character_in_a_name_is_refused_on_its_line(
    empty: Ledger, tmp_path: Path
) -> None:
    bad = tmp_path / "esc.csv"
    bad.write_text("sku,name,price\nA-1,Satu,1000\nB-1,Du\x1ba,2000\n")
    with pytest.raises(InvalidInput, match="Baris 3: Nama produk berisi karakter kontrol"):
        catalog.import_csv(empty, bad, now=NOW)
    assert catalog.list_products(empty) == []


def test_the_hub_reads_its_booth_list_with_the_same_reader(tmp_path: Path) -> None:
    booths, table = registry.read_booths(CSV / "booths_semicolon_1252.csv")
    assert [(b.code, b.name, b.location) for b in booths] == [
        ("SB-01", "Café Bu Sari", "Sawah Besar")
    ]
    assert table.read_as() == "dibaca sebagai Windows-1252, pemisah ';'"
    for name in ("empty.csv", "nul_bytes.csv"):
        with pytest.raises(InvalidInput) as exc:
            registry.read_booths_csv(CSV / name)
        assert exc.value.code == "bad_csv"
    with pytest.raises(InvalidInput, match="Baris 3: sel terlalu panjang"):
        registry.read_booths_csv(CSV / "oversized_cell.csv")


def test_names_that_repeat_are_imported_and_named(tmp_path: Path) -> None:
    """Two sizes of one cookie may share a name; the vendor is told which names repeat and that
    the cashier tells them apart by SKU, in both languages and in --json."""
    from tests.conftest import Cli

    csv = tmp_path / "katalog.csv"
    csv.write_text(
        "sku,name,price,stock\n"
        "NST-01,Kue Semprit Wijen,45000,10\n"
        "NST-02,kue semprit wijen,47000,10\n"
        "KST-01,Kastengel,40000,5\n",
        encoding="utf-8",
    )
    cli = Cli(tmp_path / "home")
    cli.setup_booth()
    said = cli("product", "import", str(csv))
    assert said.exit_code == 0, said.stderr
    assert "Nama sama pada beberapa SKU" in said.stdout
    assert "Kue Semprit Wijen: NST-01, NST-02" in said.stdout
    assert "Kastengel" not in said.stdout
    cli.env["BAZAR_POS_LANG"] = "en"
    again = cli("product", "import", str(csv), "--json").json()
    assert again["added"] == 0  # already there: nothing added, so nothing newly repeats
    assert again["repeated"] == {}
    csv.write_text("sku,name,price\nNST-03,Kue Semprit WIJEN,49000\n", encoding="utf-8")
    third = cli("product", "import", str(csv))
    assert "Same name on several SKUs" in third.stdout
    assert ": NST-01, NST-02, NST-03" in third.stdout
