-- NET functions.
-- Cases and expected rows from BigQuery's GoogleSQL reference:
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/net_functions
-- `fx.<table>` is a fixture table (scripts/sql_conformance_fixture.py); the reference's sample
-- tables (Produce, Roster, ...) are there with the reference's rows.

-- case: net_ip_from_string_1
SELECT
  addr_str, FORMAT("%T", NET.IP_FROM_STRING(addr_str)) AS ip_from_string
FROM UNNEST([
  '48.49.50.51',
  '::1',
  '3031:3233:3435:3637:3839:4041:4243:4445',
  '::ffff:192.0.2.128'
]) AS addr_str
-- expect: [{"addr_str": "48.49.50.51", "ip_from_string": "b\"0123\""}, {"addr_str": "::1", "ip_from_string": "b\"\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x01\""}, {"addr_str": "3031:3233:3435:3637:3839:4041:4243:4445", "ip_from_string": "b\"0123456789@ABCDE\""}, {"addr_str": "::ffff:192.0.2.128", "ip_from_string": "b\"\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\xff\\xff\\xc0\\x00\\x02\\x80\""}]

-- case: net_ip_net_mask_1
SELECT x, y, FORMAT("%T", NET.IP_NET_MASK(x, y)) AS ip_net_mask
FROM UNNEST([
  STRUCT(4 as x, 0 as y),
  (4, 20),
  (4, 32),
  (16, 0),
  (16, 1),
  (16, 128)
])
-- expect: [{"x": 4, "y": 0, "ip_net_mask": "b\"\\x00\\x00\\x00\\x00\""}, {"x": 4, "y": 20, "ip_net_mask": "b\"\\xff\\xff\\xf0\\x00\""}, {"x": 4, "y": 32, "ip_net_mask": "b\"\\xff\\xff\\xff\\xff\""}, {"x": 16, "y": 0, "ip_net_mask": "b\"\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\""}, {"x": 16, "y": 1, "ip_net_mask": "b\"\\x80\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\""}, {"x": 16, "y": 128, "ip_net_mask": "b\"\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\""}]

-- case: net_ip_to_string_1
SELECT FORMAT("%T", x) AS addr_bin, NET.IP_TO_STRING(x) AS ip_to_string
FROM UNNEST([
  b"0123",
  b"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01",
  b"0123456789@ABCDE",
  b"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\xff\xff\xc0\x00\x02\x80"
]) AS x
-- expect: [{"addr_bin": "b\"0123\"", "ip_to_string": "48.49.50.51"}, {"addr_bin": "b\"\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x01\"", "ip_to_string": "::1"}, {"addr_bin": "b\"0123456789@ABCDE\"", "ip_to_string": "3031:3233:3435:3637:3839:4041:4243:4445"}, {"addr_bin": "b\"\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\xff\\xff\\xc0\\x00\\x02\\x80\"", "ip_to_string": "::ffff:192.0.2.128"}]

-- case: net_ip_trunc_1
SELECT
  FORMAT("%T", x) as addr_bin, prefix_length,
  FORMAT("%T", NET.IP_TRUNC(x, prefix_length)) AS ip_trunc
FROM UNNEST([
  STRUCT(b"\xAA\xBB\xCC\xDD" as x, 0 as prefix_length),
  (b"\xAA\xBB\xCC\xDD", 11), (b"\xAA\xBB\xCC\xDD", 12),
  (b"\xAA\xBB\xCC\xDD", 24), (b"\xAA\xBB\xCC\xDD", 32),
  (b'0123456789@ABCDE', 80)
])
-- expect: [{"addr_bin": "b\"\\xaa\\xbb\\xcc\\xdd\"", "prefix_length": 0, "ip_trunc": "b\"\\x00\\x00\\x00\\x00\""}, {"addr_bin": "b\"\\xaa\\xbb\\xcc\\xdd\"", "prefix_length": 11, "ip_trunc": "b\"\\xaa\\xa0\\x00\\x00\""}, {"addr_bin": "b\"\\xaa\\xbb\\xcc\\xdd\"", "prefix_length": 12, "ip_trunc": "b\"\\xaa\\xb0\\x00\\x00\""}, {"addr_bin": "b\"\\xaa\\xbb\\xcc\\xdd\"", "prefix_length": 24, "ip_trunc": "b\"\\xaa\\xbb\\xcc\\x00\""}, {"addr_bin": "b\"\\xaa\\xbb\\xcc\\xdd\"", "prefix_length": 32, "ip_trunc": "b\"\\xaa\\xbb\\xcc\\xdd\""}, {"addr_bin": "b\"0123456789@ABCDE\"", "prefix_length": 80, "ip_trunc": "b\"0123456789\\x00\\x00\\x00\\x00\\x00\\x00\""}]

-- case: net_ipv4_from_int64_1
SELECT x, x_hex, FORMAT("%T", NET.IPV4_FROM_INT64(x)) AS ipv4_from_int64
FROM (
  SELECT CAST(x_hex AS INT64) x, x_hex
  FROM UNNEST(["0x0", "0xABCDEF", "0xFFFFFFFF", "-0x1", "-0x2"]) AS x_hex
)
-- expect: [{"x": 0, "x_hex": "0x0", "ipv4_from_int64": "b\"\\x00\\x00\\x00\\x00\""}, {"x": 11259375, "x_hex": "0xABCDEF", "ipv4_from_int64": "b\"\\x00\\xab\\xcd\\xef\""}, {"x": 4294967295, "x_hex": "0xFFFFFFFF", "ipv4_from_int64": "b\"\\xff\\xff\\xff\\xff\""}, {"x": -1, "x_hex": "-0x1", "ipv4_from_int64": "b\"\\xff\\xff\\xff\\xff\""}, {"x": -2, "x_hex": "-0x2", "ipv4_from_int64": "b\"\\xff\\xff\\xff\\xfe\""}]

-- case: net_ipv4_to_int64_1
SELECT
  FORMAT("%T", x) AS addr_bin,
  FORMAT("0x%X", NET.IPV4_TO_INT64(x)) AS ipv4_to_int64
FROM
UNNEST([b"\x00\x00\x00\x00", b"\x00\xab\xcd\xef", b"\xff\xff\xff\xff"]) AS x
-- expect: [{"addr_bin": "b\"\\x00\\x00\\x00\\x00\"", "ipv4_to_int64": "0x0"}, {"addr_bin": "b\"\\x00\\xab\\xcd\\xef\"", "ipv4_to_int64": "0xABCDEF"}, {"addr_bin": "b\"\\xff\\xff\\xff\\xff\"", "ipv4_to_int64": "0xFFFFFFFF"}]

-- case: net_safe_ip_from_string_1
-- FORMAT's %T of a NULL is the text NULL (format_string: "a NULL value produces 'NULL'").
SELECT
  addr_str,
  FORMAT("%T", NET.SAFE_IP_FROM_STRING(addr_str)) AS safe_ip_from_string
FROM UNNEST([
  '48.49.50.51',
  '::1',
  '3031:3233:3435:3637:3839:4041:4243:4445',
  '::ffff:192.0.2.128',
  '48.49.50.51/32',
  '48.49.50',
  '::wxyz'
]) AS addr_str
-- expect: [{"addr_str": "48.49.50.51", "safe_ip_from_string": "b\"0123\""}, {"addr_str": "::1", "safe_ip_from_string": "b\"\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x01\""}, {"addr_str": "3031:3233:3435:3637:3839:4041:4243:4445", "safe_ip_from_string": "b\"0123456789@ABCDE\""}, {"addr_str": "::ffff:192.0.2.128", "safe_ip_from_string": "b\"\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\xff\\xff\\xc0\\x00\\x02\\x80\""}, {"addr_str": "48.49.50.51/32", "safe_ip_from_string": "NULL"}, {"addr_str": "48.49.50", "safe_ip_from_string": "NULL"}, {"addr_str": "::wxyz", "safe_ip_from_string": "NULL"}]

-- case: public_suffix_and_reg_domain_reference_example
SELECT
  FORMAT("%T", input) AS input,
  FORMAT("%T", NET.HOST(input)) AS host,
  FORMAT("%T", NET.PUBLIC_SUFFIX(input)) AS suffix,
  FORMAT("%T", NET.REG_DOMAIN(input)) AS domain
FROM (
  SELECT "" AS input, "invalid input" AS description
  UNION ALL SELECT "http://abc.xyz", "standard URL"
  UNION ALL SELECT "//user:password@a.b:80/path?query",
                   "standard URL with relative scheme, port, path and query, but no public suffix"
  UNION ALL SELECT "https://[::1]:80", "standard URL with IPv6 host"
  UNION ALL SELECT "http://例子.卷筒纸.中国", "standard URL with internationalized domain name"
  UNION ALL SELECT "    www.Example.Co.UK    ",
                   "non-standard URL with spaces, upper case letters, and without scheme"
  UNION ALL SELECT "mailto:?to=&subject=&body=", "URI rather than URL--unsupported"
)
ORDER BY input
-- expect: [{"input": "\"    www.Example.Co.UK    \"", "host": "\"www.Example.Co.UK\"", "suffix": "\"Co.UK\"", "domain": "\"Example.Co.UK\""}, {"input": "\"\"", "host": "NULL", "suffix": "NULL", "domain": "NULL"}, {"input": "\"//user:password@a.b:80/path?query\"", "host": "\"a.b\"", "suffix": "NULL", "domain": "NULL"}, {"input": "\"http://abc.xyz\"", "host": "\"abc.xyz\"", "suffix": "\"xyz\"", "domain": "\"abc.xyz\""}, {"input": "\"http://例子.卷筒纸.中国\"", "host": "\"例子.卷筒纸.中国\"", "suffix": "\"中国\"", "domain": "\"卷筒纸.中国\""}, {"input": "\"https://[::1]:80\"", "host": "\"[::1]\"", "suffix": "NULL", "domain": "NULL"}, {"input": "\"mailto:?to=&subject=&body=\"", "host": "\"mailto\"", "suffix": "NULL", "domain": "NULL"}]
