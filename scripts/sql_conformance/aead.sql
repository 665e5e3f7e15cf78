-- AEAD encryption functions.
-- Cases from BigQuery's GoogleSQL reference and its examples:
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/aead_encryption_functions
-- New keysets and AEAD ciphertexts are random, so the cases check what holds for any of them;
-- the fixed keyset is one BigQuery made (ZetaSQL's compliance tests use it).

-- case: keyset_to_json_of_a_bigquery_keyset
SELECT KEYS.KEYSET_TO_JSON(FROM_BASE64('CJmMp4UJEmQKWAowdHlwZS5nb29nbGVhcGlzLmNvbS9nb29nbGUuY3J5cHRvLnRpbmsuQWVzR2NtS2V5EiIaIP7Xj33VJoXuk9KMRwXsjkuDmo5P40WUSaVtJAzyve80GAEQARiZjKeFCSAB')) AS json
-- expect: [{"json": "{\"key\":[{\"keyData\":{\"keyMaterialType\":\"SYMMETRIC\",\"typeUrl\":\"type.googleapis.com/google.crypto.tink.AesGcmKey\",\"value\":\"GiD+14991SaF7pPSjEcF7I5Lg5qOT+NFlEmlbSQM8r3vNA==\"},\"keyId\":2427045401,\"outputPrefixType\":\"TINK\",\"status\":\"ENABLED\"}],\"primaryKeyId\":2427045401}"}]

-- case: keyset_from_json_reference_example
SELECT KEYS.KEYSET_TO_JSON(KEYS.KEYSET_FROM_JSON('''{
  "key":[
      {
        "keyData":{
          "keyMaterialType":"SYMMETRIC",
          "typeUrl":"type.googleapis.com/google.crypto.tink.AesGcmKey",
          "value":"GiD80Z8kL6AP3iSNHhqseZGAIvq7TVQzClT7FQy8YwK3OQ=="
        },
        "keyId":3101427138,
        "outputPrefixType":"TINK",
        "status":"ENABLED"
      }
    ],
  "primaryKeyId":3101427138
}''')) AS json
-- expect: [{"json": "{\"key\":[{\"keyData\":{\"keyMaterialType\":\"SYMMETRIC\",\"typeUrl\":\"type.googleapis.com/google.crypto.tink.AesGcmKey\",\"value\":\"GiD80Z8kL6AP3iSNHhqseZGAIvq7TVQzClT7FQy8YwK3OQ==\"},\"keyId\":3101427138,\"outputPrefixType\":\"TINK\",\"status\":\"ENABLED\"}],\"primaryKeyId\":3101427138}"}]

-- case: aead_encrypt_then_decrypt
WITH CustomerKeysets AS (
  SELECT 1 AS customer_id, KEYS.NEW_KEYSET('AEAD_AES_GCM_256') AS keyset UNION ALL
  SELECT 2, KEYS.NEW_KEYSET('AEAD_AES_GCM_256')
), PlaintextCustomerData AS (
  SELECT 1 AS customer_id, 'elephant' AS favorite_animal UNION ALL
  SELECT 2, 'walrus'
)
SELECT pcd.customer_id,
  AEAD.DECRYPT_STRING(ck.keyset, AEAD.ENCRYPT(ck.keyset, pcd.favorite_animal, CAST(pcd.customer_id AS STRING)),
    CAST(pcd.customer_id AS STRING)) AS favorite_animal
FROM PlaintextCustomerData AS pcd JOIN CustomerKeysets AS ck USING (customer_id)
ORDER BY customer_id
-- expect: [{"customer_id": 1, "favorite_animal": "elephant"}, {"customer_id": 2, "favorite_animal": "walrus"}]

-- case: aead_decrypt_with_other_associated_data_fails
SELECT AEAD.DECRYPT_STRING(k, AEAD.ENCRYPT(k, 'jaguar', '1'), '2') AS animal
FROM (SELECT KEYS.NEW_KEYSET('AEAD_AES_GCM_256') AS k)
-- error: decryption failed

-- case: deterministic_encrypt_is_repeatable
SELECT DETERMINISTIC_ENCRYPT(k, 'walrus', '2') = DETERMINISTIC_ENCRYPT(k, 'walrus', '2') AS same,
  DETERMINISTIC_DECRYPT_STRING(k, DETERMINISTIC_ENCRYPT(k, 'walrus', '2'), '2') AS animal
FROM (SELECT KEYS.NEW_KEYSET('DETERMINISTIC_AEAD_AES_SIV_CMAC_256') AS k)
-- expect: [{"same": true, "animal": "walrus"}]

-- case: rotate_and_add_raw_keys
SELECT KEYS.KEYSET_LENGTH(KEYS.ROTATE_KEYSET(KEYS.NEW_KEYSET('AEAD_AES_GCM_256'), 'AEAD_AES_GCM_256')) AS rotated,
  KEYS.KEYSET_LENGTH(KEYS.ADD_KEY_FROM_RAW_BYTES(KEYS.NEW_KEYSET('AEAD_AES_GCM_256'), 'AES_CBC_PKCS', b'0123456789012345')) AS with_raw
-- expect: [{"rotated": 2, "with_raw": 2}]

-- case: new_keysets_differ_per_row
SELECT COUNT(DISTINCT KEYS.NEW_KEYSET('AEAD_AES_GCM_256')) AS keysets FROM UNNEST(GENERATE_ARRAY(1, 10))
-- expect: [{"keysets": 10}]
