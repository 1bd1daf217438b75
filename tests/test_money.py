"""Money is whole rupiah: parsed from how Indonesians write it, formatted as Rp15.000."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bazar_pos import money
from bazar_pos.errors import InvalidInput


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("15000", 15000),
        ("15.000", 15000),
        ("Rp15.000", 15000),
        ("Rp 15.000", 15000),
        ("rp1.250.000", 1_250_000),
        ("15,000", 15000),
        ("15000,00", 15000),
        ("Rp15.000,-", 15000),
        (" 0 ", 0),
        (20000, 20000),
    ],
)
def test_parse(text: str | int, value: int) -> None:
    assert money.parse(text) == value


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("15.5", "money_fraction"),
        ("15000,50", "money_fraction"),
        ("-5000", "money_negative"),
        ("abc", "money_invalid"),
        ("", "money_invalid"),
        ("1.50.000", "money_invalid"),
        ("99999999999999999", "money_too_large"),
        (True, "money_invalid"),
    ],
)
def test_parse_refuses(text: str, code: str) -> None:
    with pytest.raises(InvalidInput) as exc:
        money.parse(text)
    assert exc.value.code == code


def test_negative_and_zero_only_when_meaningful() -> None:
    assert money.parse("-5.000", allow_negative=True) == -5000
    with pytest.raises(InvalidInput):
        money.parse("0", allow_zero=False)


def test_format() -> None:
    assert money.fmt(15000) == "Rp15.000"
    assert money.fmt(0) == "Rp0"
    assert money.fmt(1_250_000) == "Rp1.250.000"
    assert money.fmt(-5000) == "-Rp5.000"
    with pytest.raises(TypeError):
        money.fmt(15.0)  # type: ignore[arg-type]


@given(st.integers(0, 10**12), st.lists(st.integers(0, 10**7), min_size=1, max_size=20))
def test_allocate_adds_up_exactly(total: int, weights: list[int]) -> None:
    parts = money.allocate(total, weights)
    assert sum(parts) == total
    assert len(parts) == len(weights)


@given(st.integers(0, money.MAX_AMOUNT))
def test_format_parse_round_trip(amount: int) -> None:
    assert money.parse(money.fmt(amount)) == amount


@pytest.mark.parametrize("text", ["²", "Rp①", "١٢٣", "１２", "1_000", "1e3", "Rp 1.000.000,5,-"])
def test_only_ascii_digits_are_money(text: str) -> None:
    """`str.isdigit()` says yes to `²`, `int()` to `١٢٣`: the till says no to both."""
    with pytest.raises(InvalidInput) as exc:
        money.parse(text)
    assert exc.value.code in ("money_invalid", "money_fraction")


def test_a_huge_number_is_too_large_not_a_crash() -> None:
    with pytest.raises(InvalidInput) as exc:
        money.parse("9" * 5000)
    assert exc.value.code == "money_too_large" and len(exc.value.message()) < 120
