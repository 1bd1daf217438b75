"""What a vendor reads from the CLI is in the run's language: Click's own framing words, how a sale
was paid and where it stands, and the Z report (no `-Rp0`, products of one name told apart)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import Cli


@pytest.fixture
def booth(cli: Cli) -> Cli:
    cli.setup_booth()
    return cli


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("id", ["Cara pakai: bazar-pos void", "Coba 'bazar-pos void --help' untuk bantuan.",
                "Galat: Opsi wajib belum diisi '--reason'."]),
        ("en", ["Usage: bazar-pos void", "Try 'bazar-pos void --help' for help.",
                "Error: Missing option '--reason'."]),
    ],
)  # fmt: skip
def test_click_usage_errors_speak_the_run_language(booth: Cli, lang: str, words: list[str]) -> None:
    booth.env["BAZAR_POS_LANG"] = lang
    r = booth("void", "CP07-260320-0001")
    assert r.exit_code == 2
    for word in words:
        assert word in r.stderr


def test_indonesian_help_and_refusals_have_no_english_frame(booth: Cli) -> None:
    help_text = booth("reopen", "--help").stdout
    assert "Cara pakai:" in help_text and "Opsi:" in help_text and "[wajib]" in help_text
    assert "Usage:" not in help_text and "Options:" not in help_text
    assert "Perintah:" in booth("--help").stdout
    typo = booth("restok")
    assert "Tidak ada perintah 'restok'." in typo.stderr and "'stock'" in typo.stderr
    choice = booth("sell", "NST-01", "--pay", "kartu")
    assert "'kartu' bukan salah satu dari 'cash', 'qris'" in choice.stderr
    assert "[bawaan: cash]" in booth("sell", "--help").stdout


@pytest.mark.parametrize(
    ("lang", "pay", "status"), [("id", "Tunai+QRIS", "BATAL"), ("en", "Cash+QRIS", "VOID")]
)
def test_payment_and_status_are_worded_not_wire(
    booth: Cli, lang: str, pay: str, status: str
) -> None:
    booth.env["BAZAR_POS_LANG"] = lang
    booth("qris", "set", _qris())
    sold = booth("sell", "NST-250", "--split", "cash:20000", "--split", "qris")
    assert sold.exit_code == 0 and f"({pay})" in sold.stdout
    assert sold.stdout.rstrip().endswith("QRIS above: Rp35.000." if lang == "en" else ": Rp35.000.")
    assert booth("sell", "KST-250").exit_code == 0
    no = booth("sales", "--json").json()["sales"][-1]["sale_no"]
    assert booth("void", no, "--reason", "salah").exit_code == 0
    listing = booth("sales").stdout
    assert pay in listing and status in listing and "cash+qris" not in listing
    assert booth("sales", "--json").json()["sales"][0]["payment"] == "cash+qris"  # JSON: wire


def test_z_report_has_no_minus_zero_and_names_products_by_sku(booth: Cli, tmp_path: Path) -> None:
    booth(
        "product", "add", "NST-9", "--name", "Nastar Keju 250 g", "--price", "5000", "--stock", "5"
    )
    assert booth("sell", "NST-250", "NST-9").exit_code == 0
    pdf = tmp_path / "z.pdf"
    assert booth("close", "--cash-counted", "60000", "--pdf", str(pdf)).exit_code == 0
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "-Rp0" not in text
    assert "NST-250" in text and "NST-9" in text and "Jml" in text and "Bersih" in text


def _qris() -> str:
    import json

    from tests.conftest import DATA

    return str(json.loads((DATA / "qris_samples.json").read_text())[0]["payload"])


@pytest.mark.parametrize(
    ("lang", "words"),
    [("id", "Berkas '{path}' adalah folder."), ("en", "File '{path}' is a directory.")],
)
def test_a_folder_given_for_a_file_is_named_in_the_run_language(
    booth: Cli, tmp_path: Path, lang: str, words: str
) -> None:
    """The root group's `--db` and every command's own file arguments alike."""
    booth.env["BAZAR_POS_LANG"] = lang
    for args in (["--db", str(tmp_path), "sales"], ["product", "import", str(tmp_path)]):
        r = booth(*args)
        assert r.exit_code == 2 and words.format(path=tmp_path) in r.stderr, r.stderr


@pytest.mark.parametrize(
    ("lang", "words"),
    [("id", "tidak ada berkas atau folder itu"), ("en", "no such file or folder")],
)
def test_why_the_system_refused_a_file_is_in_the_run_language(
    booth: Cli, tmp_path: Path, lang: str, words: str
) -> None:
    """It read "(No such file or directory)" in an Indonesian run."""
    booth.env["BAZAR_POS_LANG"] = lang
    r = booth("product", "import", str(tmp_path / "katalog.csv"))
    assert r.exit_code == 2 and f"({words})" in r.stderr, r.stderr
