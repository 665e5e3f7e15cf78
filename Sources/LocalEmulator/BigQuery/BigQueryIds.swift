/// Dataset and table ids as BigQuery accepts them.
enum BigQueryIds {
    /// Letters, digits and underscores (ASCII), 1-1024 of them.
    static func isValidDataset(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 1024 && id.utf8.allSatisfy(isASCIIWordByte)
    }

    /// Up to 1024 UTF-8 bytes of Unicode letters (L), marks (M), numbers (N), connectors (Pc, the
    /// underscore among them), dashes (Pd) and spaces (Zs): `Straße_事件-1 x` is a valid table id.
    static func isValidTable(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 1024 && id.unicodeScalars.allSatisfy { allowedInTable.contains($0.properties.generalCategory) }
    }

    private static let allowedInTable: Set<Unicode.GeneralCategory> = [
        .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
        .nonspacingMark, .spacingMark, .enclosingMark,
        .decimalNumber, .letterNumber, .otherNumber,
        .connectorPunctuation, .dashPunctuation, .spaceSeparator,
    ]

    private static func isASCIIWordByte(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == 95
    }
}

extension BigQueryIds {
    static func invalidDataset(_ id: String) -> GoogleAPIError {
        .badRequest(
            "Invalid dataset ID \"\(shown(id))\". Dataset IDs must be alphanumeric (plus underscores) and must be at most 1024 characters long.")
    }

    static func invalidTable(_ id: String) -> GoogleAPIError {
        .badRequest(
            "Invalid table ID \"\(shown(id))\". Table IDs must be up to 1024 bytes of Unicode letters, marks, numbers, connectors, dashes or spaces.")
    }

    static func invalidRoutine(_ id: String) -> GoogleAPIError {
        .badRequest(
            "Invalid routine ID \"\(shown(id))\". Routine IDs must contain only letters, numbers, or underscores, and be at most 256 characters long."
        )
    }

    /// Long ids are cut in messages: an error should not echo a megabyte back.
    private static func shown(_ id: String) -> String { id.count > 100 ? String(id.prefix(100)) + "..." : id }
}
