"""The real CLI under hostile argv: never a traceback, never exit 0 on a refusal, nothing changed.

Commands are drawn from the real ones; their values from what a mistyping vendor or an attacker
sends: other digit systems, huge and negative numbers, control characters, empty strings and
odd CSV files. A refusal must leave the journal exactly as it was and `verify` passing.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import DATA, Cli
from .test_no_traceback import head

HOSTILE = [
    "",
    " ",
    "-5",
    "-0",
    "+2",
    "0",
    "²",
    "Rp①",
    "١٢٣",
    "１２",
    "1_0",
    "1e9",
    "9" * 60,
    "15.000,5",
    "Rp",
    "\x00",
    "a\x00b",
    "\x1b[31m",
    "\u202e",
    "\udcff",
    "x" * 300,
    "NST-250:1_0",
    "NST-250: 2",
    "NST-250:-1",
    "NST-250:²",
    "../../etc/passwd",
    "CP07-260320-0001",
    "2026-02-30",
]
CSV_FILES = [str(p) for p in sorted((DATA / "csv").glob("*.csv"))] + [str(DATA / "nope.csv")]

hostile = st.one_of(
    st.sampled_from(HOSTILE),
    st.integers(-(10**20), 10**20).map(str),
    st.text(
        st.characters(categories=["Nd", "No", "Cc", "Zs", "Cf"], exclude_characters="\n"),
        max_size=6,
    ),
)
fair = st.sampled_from(["NST-250", "KST-250", "10", "55000", "Rp15.000", "tester", "3"])
value = st.one_of(hostile, fair)

TEMPLATES: list[tuple[str, ...]] = [
    ("product", "add", "$", "--name", "$", "--price", "$"),
    ("product", "edit", "$", "--price", "$"),
    ("product", "edit", "NST-250", "--name", "$"),
    ("product", "import", "@"),
    ("stock", "add", "$", "$"),
    ("stock", "count", "NST-250", "$"),
    ("stock", "adjust", "$", "$", "--reason", "$"),
    ("sell", "$"),
    ("sell", "NST-250", "--tendered", "$"),
    ("sell", "NST-250", "--discount", "$"),
    ("sell", "NST-250", "--split", "$"),
    ("cash", "out", "$", "--reason", "$"),
    ("cash", "in", "$", "--reason", "$"),
    ("cash", "float", "$"),
    ("void", "$", "--reason", "$"),
    ("refund", "$", "$", "--reason", "$"),
    ("receipt", "$"),
    ("sales", "--date", "$"),
    ("qris", "check", "$"),
    ("init", "--booth", "CP-07", "--name", "$", "--location", "$"),
    ("stock", "list"),
    ("qris", "reconcile", "@"),
    ("settings", "booth", "--whatsapp", "$"),
    ("settings", "receipt", "--footer", "$"),
    ("receipt", "$", "--whatsapp"),
    ("restore", "@"),
]


@st.composite
def argv(draw: st.DrawFn) -> list[str]:
    template = draw(st.sampled_from(TEMPLATES))
    out = []
    for part in template:
        if part == "$":
            out.append(draw(value))
        elif part == "@":
            out.append(draw(st.sampled_from(CSV_FILES)))
        else:
            out.append(part)
    return out


def _booth(tmp: Path) -> Cli:
    cli = Cli(tmp)
    cli.setup_booth()
    return cli


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)
@given(args=argv())
def test_hostile_argv_is_refused_cleanly(tmp_path_factory: object, args: list[str]) -> None:
    cli = _shared(tmp_path_factory)
    before = head(cli)
    r = cli(*args)  # the Cli helper re-raises anything but SystemExit: a traceback fails here
    assert "Traceback" not in r.stderr + r.stdout, args
    assert r.exit_code in (0, 1, 2, 3), (args, r.exit_code, r.stderr)  # 1: a check said no
    if r.exit_code in (1, 2):
        assert (r.stderr + r.stdout).strip(), args
        assert head(cli) == before, args
        check = cli("verify")
        assert check.exit_code == 0, (args, check.stdout)


_BOOTHS: dict[int, Cli] = {}


def _shared(factory: object) -> Cli:
    """One booth for every example: successes may change it, refusals must not."""
    key = id(factory)
    if key not in _BOOTHS:
        _BOOTHS[key] = _booth(factory.mktemp("fuzz"))  # type: ignore[attr-defined]
    return _BOOTHS[key]


def test_hostile_argv_through_the_real_console_script(tmp_path: Path) -> None:
    cli = _booth(tmp_path)
    before = head(cli)
    for args in (
        ["stock", "count", "NST-250", "-1"],
        ["product", "edit", "NST-250", "--name", "Nastar\x1bKeju"],
        ["sell", "NST-250", "--discount", "Rp①"],
        ["product", "import", str(DATA / "csv" / "oversized_cell.csv")],
        ["init", "--booth", "CP-07", "--name", "\udcff"],
    ):
        r = cli.subprocess(*args)
        assert r.returncode == 2 and "Traceback" not in r.stderr, (args, r.stderr)
        assert len(r.stderr.splitlines()) == 1, r.stderr
    assert head(cli) == before and cli("verify").exit_code == 0
