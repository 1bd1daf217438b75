"""QRIS vectors: every fault class has its own code; a dynamic code changes only 01, 54, 62, 63."""

from __future__ import annotations

import binascii

import pytest

from bazar_pos.payments import (
    ErrorCode,
    InvalidQris,
    WarningCode,
    emv,
    parse_qris,
    to_dynamic,
    validate,
)
from bazar_pos.payments.emv import DataObject

# shared/examples/qris/samples.json, copied so that the tests stand alone
SAMPLES: list[dict[str, str]] = [
    {
        "name": "qris_static_base",
        "payload": (
            "00020101021126720020ID.CO.BANKCONTOH.WWW01189360099900000123450215BZR00000001234"
            "50303UMI51440014ID.CO.QRIS.WWW0215ID10250000123450303UMI5204581253033605802ID592"
            "1WARUNG BAZAAR BOOTH 76013JAKARTA PUSAT61051011062070703A01630455C7"
        ),
        "expect": "valid",
    },
    {
        "name": "real_qris_dana_static_warung_sayur",
        "payload": (
            "00020101021126570011ID.DANA.WWW011893600915302259148102090225914810303UMI5144001"
            "4ID.CO.QRIS.WWW0215ID10200176114730303UMI5204581253033605802ID5922Warung Sayur B"
            "u Sugeng6010Kab. Demak610559567630458C7"
        ),
        "expect": "valid",
    },
    {
        "name": "real_qris_finpay_static",
        "payload": (
            "00020101021126620013ID.FINPAY.WWW01189360077732408206950212FM24082006950303UKE51"
            "440014ID.CO.QRIS.WWW0215ID10243396247500303UKE5204581253033605802ID5921FIFTYPLUS"
            "ONE CULINARY6006BEKASI61051743262070703A016304F7AD"
        ),
        "expect": "valid",
    },
    {
        "name": "real_qris_bca_static",
        "payload": (
            "00020101021126650013ID.CO.BCA.WWW011893600014000128766702150008850012876670303UK"
            "E51440014ID.CO.QRIS.WWW0215ID10210818616060303UKE5204074253033605802ID5909GREEN "
            "PAW6007TANGSEL61051532362070703A0163046D3F"
        ),
        "expect": "valid",
    },
    {
        "name": "real_qris_crc_mismatch",
        "payload": (
            "00020101021126640018ID.CO.ASTRAPAY.WWW011893600822321000024002092100002400303UBE"
            "51440014ID.CO.QRIS.WWW0215ID20210662463920303UBE5204581253033605802ID5913TEST ME"
            "RCHANT6007Jakarta61054433562080704AP016304A79C"
        ),
        "expect": "invalid: E_CRC_MISMATCH",
    },
    {
        "name": "promptpay_phone_static",
        "payload": ("00020101021129370016A000000677010111011300668012345675802TH530376463046197"),
        "expect": "not QRIS (another EMVCo scheme)",
    },
]
VALID = [s["payload"] for s in SAMPLES if s["expect"] == "valid"]
BASE = VALID[0]  # constructed: 26, 51, 61 and a 62 with a terminal label (0703A01)


def rebuild(objects: list[DataObject]) -> str:
    """Re-serialise with a correct CRC, so that only the fault under test remains."""
    return emv.with_crc([o for o in objects if o.id != "63"])


def mutate(payload: str, **changes: str | None) -> str:
    """Set (or, with None, drop) root objects; new IDs go just before 63."""
    objects = [o for o in emv.parse_level(payload) if o.id not in changes or changes[o.id]]
    objects = [DataObject(o.id, changes.get(o.id) or o.value) for o in objects]
    present = {o.id for o in objects}
    for oid, value in changes.items():
        if value is not None and oid not in present:
            objects.insert(-1, DataObject(oid, value))
    return rebuild(objects)


def ids(payload: str) -> list[str]:
    return [o.id for o in emv.parse(payload)]


def codes(payload: str | bytes) -> tuple[list[str], list[str]]:
    check = validate(payload)
    for finding in (*check.errors, *check.warnings):  # every message formats in both languages
        assert finding.message("id") and finding.message("en")
    return [e.code for e in check.errors], [w.code for w in check.warnings]


def test_crc_check_value() -> None:
    assert emv.crc16("123456789") == "29B1"


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s["name"])
def test_shared_samples_get_their_verdict(sample: dict[str, str]) -> None:
    errors, _ = codes(sample["payload"])
    expect = sample["expect"]
    if expect == "valid":
        assert errors == []
    elif expect.startswith("invalid: E_"):
        assert errors == [expect.removeprefix("invalid: E_").lower()]
    else:
        assert expect.startswith("not QRIS") and errors == ["not_qris"]


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s["name"])
def test_parsing_then_building_is_byte_identical(sample: dict[str, str]) -> None:
    objects = emv.parse(sample["payload"])
    assert emv.build(objects) == sample["payload"]
    templates = [o for o in objects if o.children is not None]
    assert templates and all(emv.build(o.children or ()) == o.value for o in templates)


def test_parse_qris_reads_the_merchant() -> None:
    info = parse_qris(VALID[1])
    assert (info.merchant_name, info.merchant_city, info.postal_code) == (
        "Warung Sayur Bu Sugeng",
        "Kab. Demak",
        "59567",
    )
    assert (info.nmid, info.acquirer, info.mcc) == ("ID1020017611473", "ID.DANA.WWW", "5812")
    assert not info.is_dynamic and info.amount is None and info.bill_number is None
    assert list(info.fields) == ids(VALID[1]) and info.warnings == ()


def test_text_and_bytes_with_blank_ends_are_the_same_code() -> None:
    assert validate(f"  {BASE}\r\n").payload == BASE
    assert validate(BASE.encode()).valid and parse_qris(BASE.encode()).payload == BASE


OBJECTS = emv.parse(BASE)
NO_CRC = BASE[:-8]

# one vector per refusal class of QRIS.md's policy: payload -> the exact error codes
ERRORS: dict[str, tuple[str | bytes, list[str]]] = {
    "empty": ("", ["empty"]),
    "blank": (" \n\t", ["empty"]),
    "header_truncated": ("000201010", ["truncated"]),
    "id_not_numeric": ("0A0201" + BASE[6:], ["bad_id"]),
    "length_not_numeric": ("00X201" + BASE[6:], ["bad_length"]),
    "length_00": ("0000" + BASE[4:], ["bad_length"]),
    "length_past_the_end": (BASE[:-2], ["truncated"]),
    "cut_inside_a_template": (BASE[:60], ["truncated"]),
    "broken_template": (
        mutate(BASE, **{"26": "0020ID.CO.BANKCONTOH.WWW0199"}),
        ["truncated"],
    ),
    "duplicate_root_id": (rebuild([*OBJECTS[:-1], DataObject("52", "5812")]), ["duplicate_id"]),
    "duplicate_sub_id": (mutate(BASE, **{"62": "0703A010703A02"}), ["duplicate_id"]),
    "00_missing": (rebuild(OBJECTS[1:]), ["missing_00"]),
    "00_not_first": (rebuild([OBJECTS[1], OBJECTS[0], *OBJECTS[2:]]), ["misplaced_00"]),
    "00_not_01": (mutate(BASE, **{"00": "02"}), ["bad_00"]),
    "63_missing": (NO_CRC, ["missing_63"]),
    "63_not_last": (NO_CRC + "6304ABCD" + "6502AB", ["misplaced_63"]),
    "63_not_4_characters": (NO_CRC + "6303ABC", ["bad_crc_format"]),
    "63_not_hex": (NO_CRC + "6304XYZ1", ["bad_crc_format"]),
    "crc_mismatch": (
        NO_CRC + "6304" + ("0000" if BASE[-4:] != "0000" else "1111"),
        ["crc_mismatch"],
    ),
    "control_character": (mutate(BASE, **{"59": "WARUNG\x07BAZAAR"}), ["non_ascii"]),
    "non_ascii_outside_64": (mutate(BASE, **{"59": "WARUNG BU SARÍ"}), ["non_ascii"]),
    "lone_surrogate": (mutate(BASE, **{"59": "WARUNG \ud800"}), ["non_ascii"]),
    "lone_surrogate_in_64": (mutate(BASE, **{"64": "0002ID0105Sa\udfffri"}), ["non_ascii"]),
    "control_character_in_64": (mutate(BASE, **{"64": "0002ID0105Sa\x00ri"}), ["non_ascii"]),
    "not_utf8": (BASE.encode()[:40] + b"\xff" + BASE.encode()[41:], ["non_ascii"]),
    "initiation_not_11_or_12": (mutate(BASE, **{"01": "13"}), ["bad_initiation"]),
    "no_merchant_account": (
        rebuild([o for o in OBJECTS if not "02" <= o.id <= "51"]),
        ["no_merchant_account"],
    ),
    "account_template_without_00": (
        mutate(BASE, **{"26": "0118936009990000012345"}),
        ["template_missing_guid"],
    ),
    "unreserved_template_without_00": (
        mutate(BASE, **{"80": "0105HELLO"}),
        ["template_missing_guid"],
    ),
    "mcc_not_4_digits": (mutate(BASE, **{"52": "58A2"}), ["bad_mcc"]),
    "mcc_missing": (mutate(BASE, **{"52": None}), ["bad_mcc"]),
    "country_not_id": (mutate(BASE, **{"58": "TH"}), ["not_qris"]),
    "currency_not_idr": (mutate(BASE, **{"53": "764"}), ["not_qris"]),
    "merchant_name_missing": (mutate(BASE, **{"59": None}), ["missing_merchant_name"]),
    "merchant_name_blank": (mutate(BASE, **{"59": "   "}), ["missing_merchant_name"]),
    "amount_one_decimal": (mutate(BASE, **{"54": "15000.5"}), ["bad_amount"]),
    "tip_02_without_56": (mutate(BASE, **{"55": "02"}), ["tip_inconsistent"]),
    "tip_fee_without_55": (mutate(BASE, **{"56": "2000"}), ["tip_inconsistent"]),
    "tip_unknown_indicator": (mutate(BASE, **{"55": "04"}), ["tip_inconsistent"]),
    "tip_03_with_zero_percent": (mutate(BASE, **{"55": "03", "57": "00.00"}), ["tip_inconsistent"]),
    "tip_03_percent_above_100": (
        mutate(BASE, **{"55": "03", "57": "100.1"}),
        ["tip_inconsistent"],
    ),
    "tip_03_percent_with_sign": (mutate(BASE, **{"55": "03", "57": "2.5%"}), ["tip_inconsistent"]),
    "tip_03_percent_three_decimals": (
        mutate(BASE, **{"55": "03", "57": "2.555"}),
        ["tip_inconsistent"],
    ),
    "tip_03_percent_comma": (mutate(BASE, **{"55": "03", "57": "2,5"}), ["tip_inconsistent"]),
    "tip_01_with_fee": (mutate(BASE, **{"55": "01", "56": "2000"}), ["tip_inconsistent"]),
    "62_sub_too_long": (mutate(BASE, **{"62": "0130" + "X" * 30}), ["additional_data_too_long"]),
}


@pytest.mark.parametrize(("payload", "expected"), ERRORS.values(), ids=list(ERRORS))
def test_each_refusal_has_its_code(payload: str | bytes, expected: list[str]) -> None:
    errors, warnings = codes(payload)
    assert (errors, warnings) == (expected, [])
    with pytest.raises(InvalidQris) as exc:
        parse_qris(payload)
    assert exc.value.code == expected[0]
    assert [f.code for f in exc.value.findings] == expected
    assert exc.value.message("id").startswith("QRIS tidak sah: ")
    assert exc.value.message("en").startswith("Invalid QRIS: ")


def test_a_nested_fault_names_its_template_and_position() -> None:
    [finding] = validate(ERRORS["broken_template"][0]).errors
    assert finding.message("en") == (
        "template 26: Object 01 at position 41 declares 99 characters but only 0 remain"
        " (is the code cut short?)."
    )


def test_a_damaged_code_reports_all_it_can_in_one_message() -> None:
    payload = mutate(BASE, **{"59": "WARUNG\nBAZAAR"})[:-4] + "0000"
    assert codes(payload)[0] == ["non_ascii", "crc_mismatch"]
    with pytest.raises(InvalidQris) as exc:
        parse_qris(payload)
    assert exc.value.message("en").endswith("(+1 more)")
    assert "'\\n'" in exc.value.message("en")


def test_a_foreign_scheme_is_only_told_it_is_not_qris() -> None:
    promptpay = next(s["payload"] for s in SAMPLES if s["name"].startswith("promptpay"))
    [finding] = validate(promptpay).errors
    assert finding.message("id") == (
        "Bukan QRIS Indonesia (negara 'TH', mata uang '764'); QRIS memakai ID dan 360."
    )


@pytest.mark.parametrize(
    "amount",
    ["0", "00.00", "0.", ".", "1234567890.123", "12345678901234", "1,500", "-5", "1e5", "1.2.3"],
)
def test_malformed_amounts(amount: str) -> None:
    assert codes(mutate(BASE, **{"01": "12", "54": amount})) == (["bad_amount"], [])


@pytest.mark.parametrize(
    ("amount", "whole"),
    [("15000", 15000), ("15000.00", 15000), ("15000.", 15000), ("1234567890.12", None)],
)
def test_wellformed_amounts(amount: str, whole: int | None) -> None:
    info = parse_qris(mutate(BASE, **{"01": "12", "54": amount}))
    assert info.amount == whole and info.warnings == ()


@pytest.mark.parametrize(
    "tip",
    [{"55": "01"}, {"55": "02", "56": "2000"}]
    + [  # tag 57 as wallets write it (real OVO codes carry `0.7`)
        {"55": "03", "57": pct}
        for pct in ("05.00", "0.7", "2.5", "10", "00.01", "99.99", "100", "100.0")
    ],
)
def test_consistent_tips(tip: dict[str, str]) -> None:
    assert codes(mutate(BASE, **tip)) == ([], [])


def test_language_template_may_carry_utf8() -> None:
    payload = mutate(BASE, **{"64": "0002ID0114Warung Bu Sári"})
    assert codes(payload) == ([], [])
    body = payload[:-4]
    latin1_crc = f"{binascii.crc_hqx(body.encode('latin-1'), 0xFFFF):04X}"
    assert codes(body + latin1_crc) == (["crc_mismatch"], [])  # the CRC is over UTF-8 bytes


def _lowercase_crc() -> str:
    body = mutate(BASE, **{"59": "warung"})[:-4]
    return body + emv.crc16(body).lower()


# one vector per warning class: each is accepted with exactly that warning
WARNINGS: dict[str, str] = {
    "crc_lowercase": _lowercase_crc(),
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


@pytest.mark.parametrize(("code", "payload"), WARNINGS.items(), ids=list(WARNINGS))
def test_each_warning_has_its_code(code: str, payload: str) -> None:
    assert codes(payload) == ([], [code])
    assert [w.code for w in parse_qris(payload).warnings] == [code]


def test_every_code_has_a_vector() -> None:
    """A new fault class needs a vector here (the image codes are covered by the render tests)."""
    seen = {code for _, expected in ERRORS.values() for code in expected}
    image_only = {ErrorCode.BAD_IMAGE, ErrorCode.NO_QR_FOUND, ErrorCode.TOO_LONG_FOR_QR}
    assert seen | image_only | {ErrorCode.NOT_TEXT} == set(ErrorCode)
    assert set(WARNINGS) == set(WarningCode)


def test_non_text_is_refused_not_crashed() -> None:
    assert codes(12345) == (["not_text"], [])  # type: ignore[arg-type]


# --- static to dynamic -------------------------------------------------------------------------


def test_the_canonical_conversion_of_the_constructed_sample() -> None:
    expected = (
        "000201010212"
        "26720020ID.CO.BANKCONTOH.WWW01189360099900000123450215BZR0000000123450303UMI"
        "51440014ID.CO.QRIS.WWW0215ID10250000123450303UMI"
        "52045812530336054051500058"
        "02ID5921WARUNG BAZAAR BOOTH 76013JAKARTA PUSAT610510110"
        "62270116CP07-260320-00010703A01"
        "6304"
    )
    assert to_dynamic(BASE, 15_000, "CP07-260320-0001") == expected + emv.crc16(expected)


@pytest.mark.parametrize("static", VALID)
@pytest.mark.parametrize("amount", [1, 15_000, 10_000_000_000, 9_999_999_999_999])
@pytest.mark.parametrize("bill", [None, "CP07-260320-0001"])
def test_to_dynamic_changes_only_01_54_62_63(static: str, amount: int, bill: str | None) -> None:
    dynamic = to_dynamic(f"  {static}\n", amount, bill)
    info = parse_qris(dynamic)
    assert info.is_dynamic and info.amount == amount and info.warnings == ()
    assert info.bill_number == bill
    assert dynamic[-4:] == emv.crc16(dynamic[:-4]) and dynamic[-8:-4] == "6304"
    changed = {"01", "54", "63"} | ({"62"} if bill else set())
    before = [o for o in emv.parse(static) if o.id not in changed]
    after = [o for o in emv.parse(dynamic) if o.id not in changed]
    assert before == after  # byte-identical, same order
    out = ids(dynamic)
    assert out[:2] == ["00", "01"] and out[out.index("53") + 1] == "54" and out[-1] == "63"
    assert info.fields["01"] == "12" and info.fields["54"] == str(amount)


def test_a_bill_number_joins_the_other_62_subs() -> None:
    dynamic = to_dynamic(BASE, 15_000, "CP07-260320-0001")
    [extra] = [o for o in emv.parse(dynamic) if o.id == "62"]
    assert extra.children == (
        DataObject("01", "CP07-260320-0001"),
        DataObject("07", "A01"),  # the vendor's terminal label stays
    )
    again = to_dynamic(dynamic, 15_000, "CP07-260320-0002")
    assert parse_qris(again).fields["62"] == "0116CP07-260320-00020703A01"


def test_a_bill_number_replaces_the_vendors_own_in_place() -> None:
    static = mutate(BASE, **{"62": "0503REF0103OLD"})
    dynamic = to_dynamic(static, 15_000, "NEW")
    assert parse_qris(dynamic).fields["62"] == "0503REF0103NEW"


def test_values_that_do_not_fit_a_length_are_not_built() -> None:
    for value in ("", "x" * 100):
        with pytest.raises(InvalidQris) as exc:
            emv.build([DataObject("00", "01"), DataObject("59", value)])
        assert exc.value.code == "bad_length"
        assert f"would be {len(value)} characters" in exc.value.message("en")


def test_a_created_62_goes_before_later_ids() -> None:
    static = mutate(BASE, **{"62": None, "64": "0002ID0106WARUNG"})
    out = ids(to_dynamic(static, 500, "B1"))
    assert out[-3:] == ["62", "64", "63"]


def test_repricing_a_dynamic_code_replaces_its_amount() -> None:
    objects = [o for o in emv.parse(to_dynamic(BASE, 15_000)) if o.id not in ("54", "63")]
    objects.insert([o.id for o in objects].index("61") + 1, DataObject("54", "15000.00"))
    dynamic = rebuild(objects)  # a real dynamic code: 54 after 61
    repriced = to_dynamic(dynamic, 20_000)
    assert ids(repriced).count("54") == 1 and parse_qris(repriced).amount == 20_000
    out = ids(repriced)
    assert out[out.index("53") + 1] == "54"


def test_a_static_without_01_gets_it_after_00() -> None:
    static = mutate(BASE, **{"01": None})
    assert validate(static).valid
    assert ids(to_dynamic(static, 1))[:2] == ["00", "01"]


def test_unknown_and_language_objects_pass_through_untouched() -> None:
    static = mutate(BASE, **{"64": "0002ID0114Warung Bu Sári", "70": "XX", "99": "0003ABC"})
    dynamic = to_dynamic(static, 42_000)
    for oid in ("64", "70", "99"):
        assert parse_qris(dynamic).fields[oid] == parse_qris(static).fields[oid]


@pytest.mark.parametrize("name", ["crc_mismatch", "00_missing", "country_not_id", "63_missing"])
def test_to_dynamic_refuses_an_invalid_static(name: str) -> None:
    payload, expected = ERRORS[name]
    with pytest.raises(InvalidQris) as exc:
        to_dynamic(payload, 1000)
    assert exc.value.code == expected[0]


@pytest.mark.parametrize("amount", [0, -5, 10**13, True, 1.5, "15000", None])
def test_to_dynamic_refuses_bad_amounts(amount: object) -> None:
    with pytest.raises(InvalidQris) as exc:
        to_dynamic(BASE, amount)  # type: ignore[arg-type]
    assert exc.value.code == "bad_amount"
    assert "9.999.999.999.999" in exc.value.message("id")


@pytest.mark.parametrize("bill", ["", "X" * 26, "Sári", "a\nb"])
def test_to_dynamic_refuses_bad_bill_numbers(bill: str) -> None:
    with pytest.raises(InvalidQris) as exc:
        to_dynamic(BASE, 1000, bill)
    assert exc.value.code == "additional_data_too_long"


def test_a_bill_number_that_would_overflow_62_is_refused() -> None:
    static = mutate(BASE, **{"62": "0525" + "R" * 25 + "0725" + "T" * 25 + "0825" + "P" * 25})
    assert validate(static).valid
    with pytest.raises(InvalidQris) as exc:
        to_dynamic(static, 1000, "B" * 20)
    assert exc.value.code == "additional_data_too_long" and "99" in exc.value.message("en")


def test_an_unusual_order_is_kept() -> None:
    """62 before 53 and 64 before 62: objects stay where the vendor's bank put them."""
    by_id = {o.id: o for o in OBJECTS}
    order = ["00", "01", "26", "51", "52", "64", "62", "53", "58", "59", "60", "61"]
    by_id["64"] = DataObject("64", "0002ID0106WARUNG")
    static = rebuild([by_id[i] for i in order])
    assert validate(static).valid
    out = ids(to_dynamic(static, 15_000, "B1"))
    assert out == [
        "00",
        "01",
        "26",
        "51",
        "52",
        "64",
        "62",
        "53",
        "54",
        "58",
        "59",
        "60",
        "61",
        "63",
    ]
