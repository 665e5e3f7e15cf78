"""Writes Tests/LocalEmulatorTests/ParquetFixtures.swift: Parquet files written by pyarrow, the writer
pandas and Google's BigQuery client use, so that the emulator's reader is tested against real files.

Run with the repo's venv (scripts/python-env installs pyarrow): .venv/bin/python scripts/parquet_fixtures.py
"""
import base64
import datetime
import decimal
import io
import os

import pyarrow as pa
import pyarrow.parquet as pq

UTC = datetime.timezone.utc


def all_types():
    return pa.table({
        "id": pa.array([1, 2, None], pa.int64()),
        "name": pa.array(["a", None, "ü"], pa.string()),
        "ok": pa.array([True, False, None]),
        "x": pa.array([1.5, None, float("nan")]),
        "day": pa.array([datetime.date(2024, 1, 2), None, datetime.date(1969, 12, 31)], pa.date32()),
        "ts": pa.array([datetime.datetime(2024, 1, 2, 3, 4, 5, 678901, tzinfo=UTC), None,
                        datetime.datetime(1960, 1, 1, tzinfo=UTC)], pa.timestamp("us", tz="UTC")),
        "dt": pa.array([datetime.datetime(2024, 1, 2, 3, 4, 5), None, None], pa.timestamp("us")),
        "t": pa.array([datetime.time(1, 2, 3, 4), None, None], pa.time64("us")),
        "num": pa.array([decimal.Decimal("-1.5"), decimal.Decimal("123456789.123456789"), None], pa.decimal128(38, 9)),
        "big": pa.array([decimal.Decimal("-1.5"), None, decimal.Decimal("1e37")], pa.decimal256(76, 38)),
        "b": pa.array([b"\x00\xff", None, b""], pa.binary()),
        "tags": pa.array([["x", "y"], [], None], pa.list_(pa.string())),
        "rec": pa.array([{"a": 1, "b": "s"}, None, {"a": None, "b": "t"}], pa.struct([("a", pa.int64()), ("b", pa.string())])),
        "recs": pa.array([[{"k": 1}, {"k": 2}], None, [{"k": None}]], pa.list_(pa.struct([("k", pa.int64())]))),
    })


def other_units():
    return pa.table({
        "ms": pa.array([datetime.datetime(2024, 1, 2, 3, 4, 5, 678000, tzinfo=UTC)], pa.timestamp("ms", tz="UTC")),
        "ns": pa.array([datetime.datetime(1969, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)], pa.timestamp("ns", tz="UTC")),
        "tms": pa.array([datetime.time(23, 59, 59, 999000)], pa.time32("ms")),
        "u32": pa.array([4000000000], pa.uint32()),
        "i8": pa.array([-5], pa.int8()),
        "f32": pa.array([0.25], pa.float32()),
        "small": pa.array([decimal.Decimal("-12.34")], pa.decimal128(9, 2)),
        "req": pa.array([7], pa.int64()),
    }, schema=pa.schema([
        pa.field("ms", pa.timestamp("ms", tz="UTC")), pa.field("ns", pa.timestamp("ns", tz="UTC")),
        pa.field("tms", pa.time32("ms")), pa.field("u32", pa.uint32()), pa.field("i8", pa.int8()),
        pa.field("f32", pa.float32()), pa.field("small", pa.decimal128(9, 2)), pa.field("req", pa.int64(), nullable=False),
    ]))


def many_rows():
    return pa.table({"n": pa.array(range(300), pa.int64()), "s": pa.array([str(i % 7) for i in range(300)])})


def delta_columns():
    """600 rows across several DELTA blocks: integers at their types' ends and in wide jumps, text of
    every length with shared prefixes, floats with NaN and infinities, nulls among them."""
    n = 600
    def nulls(values):
        return [None if i % 17 == 5 else v for i, v in enumerate(values)]
    ints32 = [(-2**31, 2**31 - 1, 0, -1)[i % 4] if i % 9 == 0 else (i * 7919) % 100_003 - 50_000 for i in range(n)]
    ints64 = [(-2**63, 2**63 - 1)[i % 2] if i % 13 == 0 else i * 2**33 - 7 for i in range(n)]
    words = sorted(f"{'pre' * (i % 5)}{i:05d}{'é' * (i % 3)}" for i in range(n))
    text = ["" if i % 11 == 0 else "x" * (i % 40) + str(i) for i in range(n)]
    floats = [(float("nan"), float("inf"), float("-inf"), -0.0)[i % 4] if i % 10 == 0 else i / 8 for i in range(n)]
    return pa.table({
        "i32": pa.array(nulls(ints32), pa.int32()),
        "i64": pa.array(nulls(ints64), pa.int64()),
        "words": pa.array(nulls(words), pa.string()),
        "text": pa.array(nulls(text), pa.string()),
        "f64": pa.array(nulls(floats), pa.float64()),
        "f32": pa.array(nulls(floats), pa.float32()),
        "price": pa.array(nulls([decimal.Decimal(i) / 100 for i in range(n)]), pa.decimal128(12, 2)),
    })


DELTA_ENCODINGS = {"i32": "DELTA_BINARY_PACKED", "i64": "DELTA_BINARY_PACKED", "words": "DELTA_BYTE_ARRAY",
                   "text": "DELTA_LENGTH_BYTE_ARRAY", "f64": "BYTE_STREAM_SPLIT", "f32": "BYTE_STREAM_SPLIT",
                   "price": "DELTA_BYTE_ARRAY"}


def write(table, **options):
    sink = io.BytesIO()
    pq.write_table(table, sink, **options)
    return sink.getvalue()


FIXTURES = [
    ("allTypesSnappy", "Every BigQuery type pandas writes, Snappy-compressed, dictionary-encoded v1 pages (pyarrow's defaults).",
     write(all_types(), compression="snappy")),
    ("allTypesUncompressedV2", "The same table in uncompressed data page v2 pages.",
     write(all_types(), compression="none", data_page_version="2.0")),
    ("allTypesPlain", "The same table with PLAIN-encoded values (no dictionary).",
     write(all_types(), compression="snappy", use_dictionary=False)),
    ("allTypesZstd", "The same table compressed with ZSTD (polars' default).",
     write(all_types(), compression="zstd")),
    ("allTypesGzip", "The same table compressed with GZIP.",
     write(all_types(), compression="gzip")),
    ("allTypesBrotli", "The same table compressed with Brotli, which the emulator does not read.",
     write(all_types(), compression="brotli")),
    ("legacyTimestamps", "Timestamps as the deprecated INT96.",
     write(pa.table({"at": pa.array([datetime.datetime(2001, 2, 3, 4, 5, 6, 7, tzinfo=UTC)], pa.timestamp("us", tz="UTC"))}),
           use_deprecated_int96_timestamps=True)),
    ("otherUnits", "Milli- and nanosecond timestamps, a millisecond time, unsigned and narrow integers, FLOAT32, a narrow decimal, a REQUIRED column.",
     write(other_units())),
    ("manyRowGroups", "300 rows in row groups of 100.",
     write(many_rows(), row_group_size=100)),
    ("oneWideValueManyTimes", "One 64 KiB string in 5,000 rows, dictionary-encoded: 3.5 KB that stand for 328 MB of values.",
     write(pa.table({"blob": pa.array(["ab" * 32768] * 5000)}), compression="snappy")),
    ("deltaEncoded", "600 rows of integers, text, floats and a decimal in the DELTA and BYTE_STREAM_SPLIT encodings, v2 pages.",
     write(delta_columns(), use_dictionary=False, column_encoding=DELTA_ENCODINGS, data_page_version="2.0", compression="snappy")),
    ("deltaPlain", "The same 600 rows PLAIN-encoded, to compare with.",
     write(delta_columns(), use_dictionary=False, compression="none")),
]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    target = os.path.join(os.path.dirname(here), "Tests", "LocalEmulatorTests", "ParquetFixtures.swift")
    lines = [
        "import Foundation",
        "",
        "// Generated by scripts/parquet_fixtures.py with pyarrow " + pa.__version__ + "; do not edit.",
        "/// Parquet files written by pyarrow, the writer pandas and Google's BigQuery client use.",
        "enum ParquetFixtures {",
    ]
    for name, doc, data in FIXTURES:
        encoded = base64.b64encode(data).decode()
        chunks = [encoded[i:i + 110] for i in range(0, len(encoded), 110)]
        lines.append(f"    /// {doc}")
        lines.append(f"    static let {name} = bytes(")
        lines.append('        """')
        lines.extend("        " + chunk for chunk in chunks)
        lines.append('        """)')
        lines.append("")
    lines += [
        "    private static func bytes(_ base64: String) -> [UInt8] {",
        "        Array(Data(base64Encoded: base64.replacingOccurrences(of: \"\\n\", with: \"\"))!)",
        "    }",
        "}",
        "",
    ]
    with open(target, "w") as out:
        out.write("\n".join(lines))
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
