/// Resource names of the emulated Pub/Sub: `projects/P/topics/T` and `projects/P/subscriptions/S`.
package enum PubSubNames {
    /// A field path in REST's spelling: `message_retention_duration` becomes `messageRetentionDuration`;
    /// one already in it is unchanged. Update masks arrive in either.
    package static func jsonFieldName(_ path: String) -> String {
        var out = ""
        var upperNext = false
        for character in path {
            if character == "_" {
                upperNext = true
            } else {
                out.append(upperNext ? Character(character.uppercased()) : character)
                upperNext = false
            }
        }
        return out
    }

    /// Google's rule for topic and subscription ids: a letter, then 2-254 of `[A-Za-z0-9-_.~+%]`,
    /// never starting with `goog`.
    static func isValidId(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard (3...255).contains(bytes.count), isLetter(bytes[0]), !id.lowercased().hasPrefix("goog") else { return false }
        return bytes.allSatisfy { isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) || "-_.~+%".utf8.contains($0) }
    }

    /// The same project ids every Google API accepts (`GoogleProjectId`).
    package static func isValidProject(_ project: String) -> Bool { GoogleProjectId.isValid(project) }

    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

    /// `projects/P/topics/T` for a valid project and id, else the 400 Google answers.
    package static func topic(project: String, id: String) throws -> String {
        let name = "projects/\(project)/topics/\(id)"
        guard isValidProject(project), isValidId(id) else { throw invalid("topics", name) }
        return name
    }

    package static func subscription(project: String, id: String) throws -> String {
        let name = "projects/\(project)/subscriptions/\(id)"
        guard isValidProject(project), isValidId(id) else { throw invalid("subscriptions", name) }
        return name
    }

    /// Checks a full topic name given in a body (a subscription's topic, a dead-letter topic).
    static func parseTopic(_ name: String) throws -> String {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "projects", parts[2] == "topics" else { throw invalid("topics", name) }
        return try topic(project: String(parts[1]), id: String(parts[3]))
    }

    package static func invalid(_ kind: String, _ name: String) -> GoogleAPIError {
        .badRequest("Invalid [\(kind)] name: (name=\(name))", reason: "invalidArgument")
    }

    /// The value Google puts in a subscription's `topic` once that topic is deleted.
    static let deletedTopic = "_deleted-topic_"
}
