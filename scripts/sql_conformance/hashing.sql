-- Hash functions.
-- Cases and expected rows from BigQuery's GoogleSQL reference:
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/hash_functions
-- `fx.<table>` is a fixture table (scripts/sql_conformance_fixture.py); the reference's sample
-- tables (Produce, Roster, ...) are there with the reference's rows.

-- case: farm_fingerprint_1
WITH example AS (
  SELECT 1 AS x, "foo" AS y, true AS z UNION ALL
  SELECT 2 AS x, "apple" AS y, false AS z UNION ALL
  SELECT 3 AS x, "" AS y, true AS z
)
SELECT
  *,
  FARM_FINGERPRINT(CONCAT(CAST(x AS STRING), y, CAST(z AS STRING)))
    AS row_fingerprint
FROM example
-- expect: [{"x": 1, "y": "foo", "z": true, "row_fingerprint": -1541654101129638711}, {"x": 2, "y": "apple", "z": false, "row_fingerprint": 2794438866806483259}, {"x": 3, "y": "", "z": true, "row_fingerprint": -4880158226897771312}]

-- The reference shows each digest of "Hello World" as BYTES; here as hex (TO_HEX) or base64. The
-- digests are those of the standard algorithms the reference names (MD5, SHA-1, SHA-256, SHA-512).

-- case: md5_hex
SELECT TO_HEX(MD5('Hello World')) AS md5
-- expect: [{"md5": "b10a8db164e0754105b7a99be72e3fe5"}]

-- case: md5_bytes
SELECT MD5('Hello World') AS md5
-- expect: [{"md5": "sQqNsWTgdUEFt6mb5y4/5Q=="}]

-- case: md5_of_bytes_input
SELECT TO_HEX(MD5(b'Hello World')) AS md5
-- expect: [{"md5": "b10a8db164e0754105b7a99be72e3fe5"}]

-- case: md5_empty
SELECT TO_HEX(MD5('')) AS md5
-- expect: [{"md5": "d41d8cd98f00b204e9800998ecf8427e"}]

-- case: md5_null
SELECT MD5(CAST(NULL AS STRING)) AS md5
-- expect: [{"md5": null}]

-- case: sha1_hex
SELECT TO_HEX(SHA1('Hello World')) AS sha1
-- expect: [{"sha1": "0a4d55a8d778e5022fab701977c5d840bbc486d0"}]

-- case: sha1_empty
SELECT TO_HEX(SHA1('')) AS sha1
-- expect: [{"sha1": "da39a3ee5e6b4b0d3255bfef95601890afd80709"}]

-- case: sha256_hex
SELECT TO_HEX(SHA256('Hello World')) AS sha256
-- expect: [{"sha256": "a591a6d40bf420404a011733cfb7b190d62c65bf0bcda32b57b277d9ad9f146e"}]

-- case: sha256_empty
SELECT TO_HEX(SHA256('')) AS sha256
-- expect: [{"sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}]

-- case: sha512_base64
SELECT TO_BASE64(SHA512('Hello World')) AS sha512
-- expect: [{"sha512": "LHT9F+2v2A6ER7DUZ0HuJDt+t03SFJoKsbkkb7MDgvJ+hT2FhXGeDmfL2g2qj1FnEGRhXWRa4nrLFb+xRH9Fmw=="}]

-- case: sha256_length
SELECT BYTE_LENGTH(SHA256('abc')) AS n
-- expect: [{"n": 32}]

-- case: farm_fingerprint_is_deterministic
SELECT FARM_FINGERPRINT('foo') = FARM_FINGERPRINT('foo') AS same
-- expect: [{"same": true}]

-- case: hash_over_fixture_column
SELECT name, TO_HEX(MD5(name)) = TO_HEX(MD5(CAST(name AS BYTES))) AS same FROM fx.items WHERE id = 1
-- expect: [["apple", true]]
