"""The event report of a simulated event: every level reconciles, read back from PDF and XLSX."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from bazar_pos import money
from bazar_pos.documents import event_report
from bazar_pos.eventsim import simulate
from bazar_pos.hub import export, registry, report
from bazar_pos.hub.ingest import ingest
from bazar_pos.hub.store import open_hub
from bazar_pos.sync import bundle
from tests.conftest import NOW, Cli
from tests.hubkit import Keys, sign


@pytest.fixture(scope="module")
def event(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("event") / "hub.db"
    simulate(path, locations=3, booths=8, days=2, seed=3, sales_per_day=(5, 15), missing_rate=0.2)
    return path


def test_every_level_equals_the_bundles(event: Path) -> None:
    db = open_hub(event)
    rep = report.build(db)
    bodies = [
        bundle.loads(r[0]) for r in db.execute("SELECT body FROM bundles WHERE status = 'accepted'")
    ]
    assert rep.net == sum(b["totals"]["net"] for b in bodies)
    assert rep.sales_count == sum(b["totals"]["sales_count"] for b in bodies)
    assert sum(d["net"] for d in rep.by_day) == rep.net
    assert sum(loc["net"] for loc in rep.by_location) == rep.net
    assert sum(b["net"] for b in rep.by_booth) == rep.net
    assert sum(c["net"] for c in rep.by_category) == rep.net
    assert sum(p["net"] for p in rep.by_pengampu) == rep.net
    assert sum(rep.by_payment.values()) == rep.net
    assert sum(h["net"] for h in rep.by_hour) == rep.net
    for loc in rep.by_location:
        assert loc["net"] == sum(b["net"] for b in rep.by_booth if b["location"] == loc["location"])
    reported = {(b["booth"], b["date"]) for b in bodies}
    expected_missing = {(b["booth"], d) for b in rep.by_booth for d in rep.dates} - reported
    assert {(m["booth"], m["date"]) for m in rep.missing} == expected_missing
    assert expected_missing, "the simulation should leave someone unreported"


def test_a_conflict_shows_up(event: Path, tmp_path: Path) -> None:
    copy = tmp_path / "hub.db"
    copy.write_bytes(event.read_bytes())
    db = open_hub(copy)
    row = db.execute("SELECT body FROM bundles WHERE status = 'accepted' LIMIT 1").fetchone()
    b = bundle.loads(row[0])
    # the hub cannot sign for the booth: a new kit, and the booth's new key, sign the other copy
    keys = Keys(registry.issue_kit(db, b["booth"]).kit_key, bundle.new_key())
    b["created_at"] = "2026-03-20T23:00:00Z"
    assert ingest(db, bundle.dumps(sign(b, keys)), now=NOW).status == "conflict"
    assert [(c["booth"], c["date"]) for c in report.build(db).conflicts] == [
        (b["booth"], b["date"])
    ]


def test_pdf_and_xlsx_read_back(event: Path, tmp_path: Path) -> None:
    db = open_hub(event)
    rep = report.build(db)
    pdf = event_report.write(rep, tmp_path / "r.pdf", generated=NOW)
    reader = PdfReader(pdf)
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert rep.event in text and money.fmt(rep.net) in text
    for loc in rep.by_location:
        assert loc["location"] in text
    assert 3 <= len(reader.pages) <= 40
    assert "Halaman 2" in text
    book = load_workbook(export.write_xlsx(rep, tmp_path / "r.xlsx"))
    by_booth = book["per_booth"]  # Indonesian by default
    header = [c.value for c in by_booth[1]]
    col = header.index("bersih")
    assert sum(row[col].value for row in by_booth.iter_rows(min_row=2)) == rep.net
    assert by_booth.cell(2, col + 1).number_format == export.RUPIAH_FORMAT
    days = book["per_hari"]
    assert sum(r[1].value for r in days.iter_rows(min_row=2)) == rep.net
    files = export.write_csv(rep, tmp_path / "csv")
    assert {f.name for f in files} >= {"by_day.csv", "by_booth.csv", "missing.csv"}


def test_the_pdf_names_each_booth_day_set_aside_with_its_figures_and_reason(
    event: Path, tmp_path: Path
) -> None:
    """A booth-day the organizer set aside leaves every total: the printed report says which
    one, how much it was and why, in the reader's language, so its totals can be explained."""
    from bazar_pos.hub.set_aside import set_aside

    copy = tmp_path / "hub.db"
    copy.write_bytes(event.read_bytes())
    db = open_hub(copy)
    booth, day, net = db.execute("SELECT booth, date, net FROM booth_days LIMIT 1").fetchone()
    set_aside(db, booth, day, reason="Rp95.000.000 diketik untuk Rp95.000", restore=False, now=NOW)
    rep = report.build(db)
    for lang, heading in (
        ("id", "Booth-hari disisihkan (tidak dihitung dalam total)"),
        ("en", "Booth-days set aside (not counted in any total)"),
    ):
        pdf = event_report.write(rep, tmp_path / f"{lang}.pdf", generated=NOW, lang=lang)
        text = "\n".join(p.extract_text() for p in PdfReader(pdf).pages)
        aside = text.split(heading)[1][:300]  # the table under the heading
        for shown in (day, booth, money.fmt(net), "Rp95.000.000 diketik untuk Rp95.000"):
            assert shown in aside, (shown, aside)


def test_a_report_before_any_sale_shows_no_payment_share(tmp_path: Path) -> None:
    """No money yet: the payment mix says so, never a full circle of "100%"."""
    db = open_hub(tmp_path / "hub.db", create=True)
    registry.init_hub(db, "Kosong", dates=("2026-03-20", "2026-03-22"), now=NOW)
    pdf = event_report.write(report.build(db), tmp_path / "r.pdf", generated=NOW, lang="en")
    text = "\n".join(p.extract_text() for p in PdfReader(pdf).pages)
    mix = text.split("Payment mix")[1].split("By payment method")[0]
    assert "No sales yet" in mix and "%" not in mix


def test_hub_report_cli_json_contract(event: Path, tmp_path: Path) -> None:
    cli = Cli(tmp_path)
    cli.env["BAZAR_POS_HUB_DB"] = str(event)
    data = cli("hub", "report", "--json").json()
    assert set(data) >= {
        "event",
        "net",
        "sales_count",
        "by_day",
        "by_location",
        "by_booth",
        "by_payment",
        "missing",
    }
    assert set(data["by_day"][0]) == {"date", "net", "sales_count"}
    assert set(data["by_location"][0]) == {
        "city",
        "location",
        "net",
        "sales_count",
        "booths",
        "reported",
    }
    assert {"booth", "name", "location", "net", "sales_count", "days_reported"} <= set(
        data["by_booth"][0]
    )
    assert set(data["missing"][0]) == {"booth", "city", "date"}
    one = cli("hub", "report", "--date", data["by_day"][0]["date"], "--json").json()
    assert one["net"] == data["by_day"][0]["net"]
    loc = data["by_location"][0]["location"]
    assert (
        cli("hub", "report", "--location", loc, "--json").json()["net"]
        == data["by_location"][0]["net"]
    )


def test_simulation_is_deterministic(tmp_path: Path) -> None:
    a = simulate(tmp_path / "a.db", locations=1, booths=4, days=1, seed=9, sales_per_day=(3, 6))
    b = simulate(tmp_path / "b.db", locations=1, booths=4, days=1, seed=9, sales_per_day=(3, 6))
    assert a == b


def test_the_simulation_summary_is_what_the_report_counts(tmp_path: Path) -> None:
    """`hub demo` prints one line; it must agree with the PDF it writes (unsent days excluded)."""
    sim = simulate(
        tmp_path / "h.db",
        locations=2,
        booths=3,
        days=2,
        seed=3,
        sales_per_day=(5, 9),
        missing_rate=0.5,
    )
    rep = report.build(open_hub(tmp_path / "h.db"))
    assert sim.bundles < 12 and rep.missing  # some days were never sent
    assert (sim.sales, sim.net) == (rep.sales_count, rep.net)


@pytest.mark.parametrize(
    ("lang", "sheets", "columns"),
    [
        ([], ["per_hari", "per_lokasi", "per_booth"], ["booth", "nama", "lokasi", "bersih"]),
        (
            ["--lang", "en"],
            ["by_day", "by_location", "by_booth"],
            ["booth", "name", "location", "net"],
        ),
    ],
)
def test_the_workbook_and_csv_speak_the_reports_language(
    event: Path, tmp_path: Path, lang: list[str], sheets: list[str], columns: list[str]
) -> None:
    cli = Cli(tmp_path)
    cli.env["BAZAR_POS_HUB_DB"] = str(event)
    xlsx, folder = tmp_path / "r.xlsx", tmp_path / "csv"
    args = ["hub", "report", "--xlsx", str(xlsx), "--csv", str(folder)]
    assert cli(*lang, *args).exit_code == 0
    book = load_workbook(xlsx)
    assert set(sheets) <= set(book.sheetnames)
    assert not [n for n in book.sheetnames if n.startswith("sheet.")]
    for ws in book.worksheets:
        assert not [c.value for c in ws[1] if str(c.value).startswith("column.")], ws.title
    header = [c.value for c in book[sheets[2]][1]]
    assert set(columns) <= set(header)
    head = (folder / "by_booth.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert set(columns) <= set(head)


def test_chart_labels_wrap_whole_words_never_cut_a_place() -> None:
    assert event_report._axis_name("Rusun Karang Anyar") == "Rusun Karang\nAnyar"
    assert event_report._axis_name("Cempaka Putih") == "Cempaka Putih"
    long = event_report._axis_name("Gelanggang Remaja Kecamatan Cempaka Putih Jakarta")
    assert long.count("\n") == 1 and long.endswith("…") and "Gelanggang" in long
