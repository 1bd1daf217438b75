"""One vocabulary: every message id in code has words in both catalogs, with the same fields, and
no two-language pair is written inline any more."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path
from typing import get_args

import pytest
from babel.messages.pofile import read_po

from bazar_pos import i18n
from bazar_pos.booth.models import Paper, PaymentMethod, SaleStatus, StockMark, label
from bazar_pos.errors import BazarError, InvalidInput
from bazar_pos.hub.api import IngestResult
from bazar_pos.payments.faults import ErrorCode, WarningCode
from bazar_pos.tui.dialogs.closing import CASH_MOVES
from bazar_pos.tui.hints import HINTS
from bazar_pos.tui.widgets.status import TABS
from tests.conftest import Cli

SRC = Path(__file__).resolve().parents[1] / "src" / "bazar_pos"
LOCALE = SRC / "locale"
ERRORS = {"BazarError", "InvalidInput", "NotFound", "Conflict", "StorageError", "BundleRejected"}
ERRORS |= {"LedgerBroken", "PrinterError"}


def _entries(lang: str) -> dict[str, str]:
    with (LOCALE / lang / "LC_MESSAGES" / "bazar_pos.po").open("rb") as fh:
        return {str(m.id): str(m.string) for m in read_po(fh) if m.id}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _modules() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def test_both_catalogs_hold_every_entry_with_the_same_fields() -> None:
    id_, en = _entries("id"), _entries("en")
    assert set(id_) == set(en)
    for msgid in id_:
        assert id_[msgid].strip() and en[msgid].strip(), msgid
        assert _fields(id_[msgid]) == _fields(en[msgid]), msgid


def _used_ids() -> set[str]:
    """Every literal message id the code passes to `t`, `text`, an error's constructor or a
    TUI binding (`key(keys, action, msgid, ...)`)."""
    used: set[str] = set()
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            f = node.func
            name = (
                f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
            )
            args = (
                node.args[1:] if name == "text" else node.args[2:] if name == "key" else node.args
            )
            if name in {"t", "text", "key", *ERRORS} and args:
                first = args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    used.add(first.value)
    return used


def test_no_message_id_in_the_code_lacks_a_catalog_entry() -> None:
    known = set(_entries("id"))
    used = _used_ids()
    used |= {f"qris.{c.value}" for c in (*ErrorCode, *WarningCode)}
    used |= {f"payment.{m.value}" for m in PaymentMethod}
    used |= {f"arrival.{s}" for s in get_args(IngestResult.model_fields["status"].annotation)}
    used |= {f"status.{s.value}" for s in SaleStatus} | {f"stock.{s.value}" for s in StockMark}
    used |= {f"hint.{code}" for code in HINTS} | {f"tutup.cash_{kind}" for kind in CASH_MOVES}
    used |= {msgid for _, _, long, short in TABS for msgid in (long, short)}
    assert len(used) > 300
    assert sorted(used - known) == []


def _inline_pairs(path: Path) -> list[int]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
        texts = [a for a in node.args if isinstance(a, ast.Constant | ast.JoinedStr)]
        if name == "tr" or (name in ERRORS and len(texts) >= 2):
            found.append(node.lineno)
    return found


def test_no_inline_two_language_pair_remains() -> None:
    left = {str(p.relative_to(SRC)): lines for p in _modules() if (lines := _inline_pairs(p))}
    assert left == {}


TEMPLATES = sorted((SRC / "hub" / "web" / "templates").glob("*.html"))
_TEMPLATE_CALL = re.compile(r"""\bt\(\s*(["'])([^"']*)\1\s*(,\s*["'][^"']*["'])?""")


def test_web_pages_word_every_text_from_the_catalogs() -> None:
    """The organizer's pages speak the same words as the CLI and the reports (Retur, not Refund)."""
    known = set(_entries("id"))
    calls = [m for p in TEMPLATES for m in _TEMPLATE_CALL.finditer(p.read_text("utf-8"))]
    assert len(calls) > 40
    assert [m.group(0) for m in calls if m.group(3)] == []  # no t("indonesian", "english") left
    assert sorted({m.group(2) for m in calls} - known) == []


def test_the_pattern_check_catches_the_old_style(tmp_path: Path) -> None:
    old = tmp_path / "old.py"
    old.write_text('tr("Bayar", "Pay")\nInvalidInput(f"Stok {n}", f"Stock {n}", code="x")\n')
    assert _inline_pairs(old) == [1, 2]


def test_an_error_is_worded_at_the_edge_in_either_language() -> None:
    exc = InvalidInput("insufficient_stock", name="Nastar", stock=2, qty=5)
    assert exc.code == "insufficient_stock"
    assert "Nastar" in exc.message("id") and "Nastar" in exc.message("en")
    assert exc.message("id") != exc.message("en")
    wrapped = InvalidInput("csv_line", lineno=3, reason=exc).coded(exc.code)
    assert wrapped.code == "insufficient_stock"
    assert wrapped.message("en").startswith("Line 3: ") and exc.message("en") in wrapped.message(
        "en"
    )
    assert isinstance(wrapped, BazarError)


def test_a_language_is_a_value_scoped_to_its_block() -> None:
    before = i18n.current()
    with i18n.speaking("en") as who:
        assert i18n.t("payment.other") == "Other"
        who.lang = i18n.Lang.ID
        assert i18n.t("payment.other") == "Lainnya"
    assert i18n.current() == before
    assert i18n.text("en", "stock.low") == "low" and i18n.text("id", "stock.low") == "menipis"


@pytest.mark.parametrize(
    ("term", "id_word", "en_word"),
    [
        (PaymentMethod.CASH, "Tunai", "Cash"),
        (PaymentMethod.OTHER, "Lainnya", "Other"),
        (SaleStatus.VOIDED, "BATAL", "VOID"),
        (StockMark.SOLD_OUT, "HABIS", "SOLD OUT"),
        (StockMark.LOW, "menipis", "low"),
    ],
)
def test_product_terms_have_one_word_per_language(
    term: PaymentMethod | SaleStatus | StockMark, id_word: str, en_word: str
) -> None:
    assert (label(term, "id"), label(term, "en")) == (id_word, en_word)


def test_the_wire_spelling_is_the_enum_value() -> None:
    from bazar_pos.sync import bundle

    assert bundle.PAYMENT_KEYS == ("cash", "qris", "transfer", "other")
    assert [p.value for p in Paper] == ["58", "80", "a6"]


def test_glossary_words_are_the_catalogs_words() -> None:
    glossary = (SRC.parents[1] / "docs" / "glossary.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| *([^|]+?) *\| *([^|]+?) *\| *`?([\w.:]+)`? *\|$", glossary, re.M)
    checked = [(i, e, m) for i, e, m in rows if "." in m]
    assert len(checked) >= 8
    id_, en = _entries("id"), _entries("en")
    for id_word, en_word, msgid in checked:
        assert (id_[msgid], en[msgid]) == (id_word, en_word), msgid


@pytest.mark.parametrize(
    ("lang", "mark", "refusal"),
    [("id", "menipis", "Produk tidak dikenal"), ("en", "low", "Unknown product")],
)
def test_cli_speaks_the_chosen_language(tmp_path: Path, lang: str, mark: str, refusal: str) -> None:
    cli = Cli(tmp_path)
    cli.setup_booth()
    assert cli("product", "edit", "NST-250", "--low", "100").exit_code == 0
    out = cli("--lang", lang, "product", "list")
    assert out.exit_code == 0 and mark in out.stdout
    bad = cli("--lang", lang, "sell", "NOPE-1")
    assert bad.exit_code == 2 and refusal in bad.stderr


def _help_paragraphs() -> set[str]:
    """Every paragraph of every command's help and every option's help, as written (English)."""
    import inspect

    import click

    from bazar_pos.cli import _load, main

    _load()
    found: set[str] = set()

    def walk(cmd: click.Command) -> None:
        for par in inspect.cleandoc(cmd.help or "").split("\n\n"):
            if par:
                found.add(par[1:].lstrip("\n").split("\n")[0] if par.startswith("\b") else par)
        found.update(p.help for p in cmd.params if isinstance(p, click.Option) and p.help)
        if isinstance(cmd, click.Group):
            for sub in cmd.commands.values():
                walk(sub)

    walk(main)
    return found


def test_every_help_text_has_its_indonesian_words() -> None:
    id_ = _entries("id")
    missing = sorted(p for p in _help_paragraphs() if p not in id_)
    assert missing == []


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("id", ["Catat penjualan", "Uang tunai yang diterima", "Tampilkan pesan ini", "Contoh:"]),
        ("en", ["Record a sale", "Cash handed over", "Show this message", "Example:"]),
    ],
)
def test_help_speaks_the_chosen_language(tmp_path: Path, lang: str, words: list[str]) -> None:
    out = Cli(tmp_path)("--lang", lang, "sell", "--help")
    assert out.exit_code == 0
    for word in words:
        assert word in out.stdout
    top = Cli(tmp_path)("--lang", lang, "--help").stdout
    assert ("Tutup hari usaha" in top) == (lang == "id")
