"""QRIS vectors: every fault class gets its own code; dynamic codes change only 01, 54, 62, 63."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bazar_pos.payments import InvalidQris, emv, parse_qris, to_dynamic, validate

SAMPLES = json.loads((Path(__file__).parent / "data" / "qris_samples.json").read_text())
VALID = [s["payload"] for s in SAMPLES if s["expect"] == "valid"]
BASE = VALID[0]


def rebuild(objs: list[emv.DataObject]) -> str:
    """Re-serialise with a correct CRC, so only the fault under test remains."""
    return emv.with_crc([o for o in objs if o.id != "63"])


def mutate(payload: str, **changes: str | None) -> str:
    objs = emv.parse(payload)
    out = []
    for o in objs:
        if o.id in changes:
            if changes[o.id] is not None:
                out.append(emv.DataObject(o.id, str(changes[o.id])))
        else:
            out.append(o)
    for key, value in changes.items():
        if value is not None and key not in {o.id for o in objs}:
            out.insert(-1, emv.DataObject(key, value))
    return rebuild(out)


def test_crc_check_value() -> None:
    assert emv.crc16("123456789") == "29B1"


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s["name"])
def test_shared_samples(sample: dict[str, str]) -> None:
    check = validate(sample["payload"])
    if sample["expect"] == "valid":
        assert check.valid, check.errors
    elif "CRC" in sample["expect"]:
        assert [e.code for e in check.errors] == ["crc_mismatch"]
    else:
        assert [e.code for e in check.errors] == ["not_qris"]


def _no_63(payload: str) -> str:
    return payload[:-8]


ERROR_CASES = {
    "empty": "",
    "truncated": BASE[:3],
    "bad_id": "0A02010102",
    "bad_length": "00000101",
    "duplicate_id": rebuild([*emv.parse(BASE)[:-1], emv.DataObject("52", "5812")]),
    "missing_00": rebuild(emv.parse(BASE)[1:]),
    "misplaced_00": rebuild([emv.parse(BASE)[1], emv.parse(BASE)[0], *emv.parse(BASE)[2:]]),
    "bad_00": mutate(BASE, **{"00": "02"}),
    "missing_63": _no_63(BASE),
    "misplaced_63": _no_63(BASE) + "6304ABCD" + "6502AB",
    "bad_crc_format": _no_63(BASE) + "6304XYZ1",
    "crc_mismatch": _no_63(BASE) + "6304" + ("0000" if BASE[-4:] != "0000" else "1111"),
    "bad_initiation": mutate(BASE, **{"01": "13"}),
    "no_merchant_account": rebuild([o for o in emv.parse(BASE) if not "02" <= o.id <= "51"]),
    "template_missing_guid": mutate(BASE, **{"26": "0118936009990000012345"}),
    "bad_mcc": mutate(BASE, **{"52": "58A2"}),
    "not_qris": mutate(BASE, **{"58": "TH"}),
    "missing_merchant_name": mutate(BASE, **{"59": None}),
    "bad_amount": mutate(BASE, **{"54": "15000.5"}),
    "tip_inconsistent": mutate(BASE, **{"55": "02"}),
    "additional_data_too_long": mutate(BASE, **{"62": "0130" + "X" * 30}),
    "non_ascii": mutate(BASE, **{"59": "WARUNG BU SARÍ"}),
}


@pytest.mark.parametrize(("code", "payload"), ERROR_CASES.items(), ids=list(ERROR_CASES))
def test_each_fault_has_its_code(code: str, payload: str) -> None:
    check = validate(payload)
    assert not check.valid
    assert check.errors[0].code == code
    with pytest.raises(InvalidQris) as exc:
        parse_qris(payload)
    assert exc.value.code == code
    assert exc.value.message("id") != exc.value.message("en")


@pytest.mark.parametrize("amount", ["0", "00.00", "1234567890.123", "12345678901234"])
def test_bad_amounts(amount: str) -> None:
    assert validate(mutate(BASE, **{"54": amount})).errors[0].code == "bad_amount"


WARNING_CASES = {
    "crc_lowercase": _no_63(mutate(BASE, **{"59": "warung"}))
    + "6304"
    + emv.crc16(_no_63(mutate(BASE, **{"59": "warung"})) + "6304").lower(),
    "static_without_51": mutate(BASE, **{"51": None}),
    "missing_postal_code": mutate(BASE, **{"61": None}),
    "name_too_long": mutate(BASE, **{"59": "W" * 30}),
    "city_too_long": mutate(BASE, **{"60": "JAKARTA PUSAT SELATAN"}),
    "pipe_in_text": mutate(BASE, **{"59": "WARUNG|BAZAR"}),
    "reserved_id": mutate(BASE, **{"70": "XX"}),
    "static_with_amount": mutate(BASE, **{"54": "15000"}),
    "dynamic_without_amount": mutate(BASE, **{"01": "12"}),
    "amount_leading_zeros": mutate(BASE, **{"01": "12", "54": "015000"}),
    "payload_too_long": mutate(
        BASE, **dict.fromkeys(["80", "81", "82", "83"], "0014ID.EXAMPLE.WWW0170" + "Z" * 70)
    ),
}


@pytest.mark.parametrize(("code", "payload"), WARNING_CASES.items(), ids=list(WARNING_CASES))
def test_each_warning_has_its_code(code: str, payload: str) -> None:
    check = validate(payload)
    assert check.valid, check.errors
    assert code in [w.code for w in check.warnings]


@pytest.mark.parametrize("static", VALID)
@pytest.mark.parametrize("amount", [1, 15_000, 10_000_000_000])
def test_to_dynamic_changes_only_01_54_63(static: str, amount: int) -> None:
    dynamic = to_dynamic("  " + static + "\n", amount)
    info = parse_qris(dynamic)
    assert info.is_dynamic and info.amount == amount
    before = [o for o in emv.parse(static) if o.id not in ("01", "54", "63")]
    after = [o for o in emv.parse(dynamic) if o.id not in ("01", "54", "63")]
    assert before == after
    ids = [o.id for o in emv.parse(dynamic)]
    assert ids[ids.index("53") + 1] == "54"
    assert dynamic[-4:] == emv.crc16(dynamic[:-4])


def test_bill_number_goes_into_62_and_repricing_replaces_54() -> None:
    dynamic = to_dynamic(BASE, 15_000, "CP07-0320-0001")
    subs = {s.id: s.value for s in emv.parse(parse_qris(dynamic).fields["62"])}
    assert subs["01"] == "CP07-0320-0001"
    assert subs["07"] == "A01"  # the terminal label the vendor's code had is kept
    repriced = to_dynamic(dynamic, 20_000)
    assert parse_qris(repriced).amount == 20_000
    assert [o.id for o in emv.parse(repriced)].count("54") == 1


@pytest.mark.parametrize("amount", [0, -5, 10**13, True, 1.5])
def test_to_dynamic_refuses_bad_amounts(amount: object) -> None:
    with pytest.raises(InvalidQris) as exc:
        to_dynamic(BASE, amount)  # type: ignore[arg-type]
    assert exc.value.code == "bad_amount"


def test_to_dynamic_refuses_an_invalid_static() -> None:
    with pytest.raises(InvalidQris) as exc:
        to_dynamic(ERROR_CASES["crc_mismatch"], 1000)
    assert exc.value.code == "crc_mismatch"
