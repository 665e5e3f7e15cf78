/// A Tink keyset (`google.crypto.tink.Keyset`), the value BigQuery's KEYS functions make and its AEAD
/// functions take: a BYTES value holding the keyset's protocol buffer wire form, so a keyset made by
/// BigQuery works here and one made here works with Tink and BigQuery.
struct TinkKeyset: Equatable {
    var primaryKeyId: UInt32 = 0
    var keys: [Key] = []

    struct Key: Equatable {
        var data: KeyData?
        var status: UInt64 = 0
        var keyId: UInt32 = 0
        var outputPrefix: UInt64 = 0
    }

    /// `google.crypto.tink.KeyData`: the key's type and its own serialized key message.
    struct KeyData: Equatable {
        var typeURL = ""
        var value: [UInt8] = []
        var materialType: UInt64 = 0
    }

    // The enums' names, by number, as proto3 JSON writes them.
    static let statusNames = ["UNKNOWN_STATUS", "ENABLED", "DISABLED", "DESTROYED"]
    static let outputPrefixNames = ["UNKNOWN_PREFIX", "TINK", "LEGACY", "RAW", "CRUNCHY"]
    static let materialTypeNames = ["UNKNOWN_KEYMATERIAL", "SYMMETRIC", "ASYMMETRIC_PRIVATE", "ASYMMETRIC_PUBLIC", "REMOTE"]
    static let enabled: UInt64 = 1
    static let tinkPrefix: UInt64 = 1
    static let rawPrefix: UInt64 = 3
    static let symmetric: UInt64 = 1

    init() {}

    /// Parses the wire form; an empty value is a keyset without keys.
    init(serialized: [UInt8]) throws(GoogleSQLError) {
        do {
            var reader = ProtoWireReader(serialized[...])
            while let (number, value) = try reader.next() {
                switch (number, value) {
                case (1, .varint(let id)): primaryKeyId = UInt32(truncatingIfNeeded: id)
                case (2, .bytes(let key)): keys.append(try Self.key(key))
                default: break
                }
            }
        } catch {
            throw GoogleSQLError.invalidQuery("Invalid keyset: it is not a serialized google.crypto.tink.Keyset")
        }
    }

    private static func key(_ bytes: ArraySlice<UInt8>) throws(ProtoWireReader.Malformed) -> Key {
        var key = Key()
        var reader = ProtoWireReader(bytes)
        while let (number, value) = try reader.next() {
            switch (number, value) {
            case (1, .bytes(let data)): key.data = try keyData(data)
            case (2, .varint(let status)): key.status = status
            case (3, .varint(let id)): key.keyId = UInt32(truncatingIfNeeded: id)
            case (4, .varint(let prefix)): key.outputPrefix = prefix
            default: break
            }
        }
        return key
    }

    private static func keyData(_ bytes: ArraySlice<UInt8>) throws(ProtoWireReader.Malformed) -> KeyData {
        var data = KeyData()
        var reader = ProtoWireReader(bytes)
        while let (number, value) = try reader.next() {
            switch (number, value) {
            case (1, .bytes(let url)): data.typeURL = String(decoding: url, as: UTF8.self)
            case (2, .bytes(let value)): data.value = Array(value)
            case (3, .varint(let type)): data.materialType = type
            default: break
            }
        }
        return data
    }

    /// The wire form, fields in number order and proto3 defaults left out, as Tink writes it.
    var serialized: [UInt8] {
        var writer = ProtoWireWriter()
        writer.varint(1, UInt64(primaryKeyId))
        for key in keys {
            var keyWriter = ProtoWireWriter()
            if let data = key.data {
                var dataWriter = ProtoWireWriter()
                dataWriter.bytes(1, Array(data.typeURL.utf8))
                dataWriter.bytes(2, data.value)
                dataWriter.varint(3, data.materialType)
                keyWriter.bytes(1, dataWriter.bytes, evenIfEmpty: true)
            }
            keyWriter.varint(2, key.status)
            keyWriter.varint(3, UInt64(key.keyId))
            keyWriter.varint(4, key.outputPrefix)
            writer.bytes(2, keyWriter.bytes, evenIfEmpty: true)
        }
        return writer.bytes
    }

    /// A key id no key of the keyset has, drawn at random as Tink draws them.
    func unusedKeyId() -> UInt32 {
        while true {
            let id = UInt32.random(in: 1...UInt32.max)
            if !keys.contains(where: { $0.keyId == id }) { return id }
        }
    }
}
