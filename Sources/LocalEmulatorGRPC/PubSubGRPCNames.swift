import LocalEmulator

/// gRPC requests carry whole resource names (`projects/P/topics/T`) where REST has them in the
/// path; these split them and apply the REST side's checks, so a bad name gets the same message.
enum PubSubGRPCNames {
    static func topic(_ name: String) throws -> (project: String, name: String) {
        let (project, id) = try split(name, collection: "topics")
        return (project, try PubSubNames.topic(project: project, id: id))
    }

    static func subscription(_ name: String) throws -> (project: String, name: String) {
        let (project, id) = try split(name, collection: "subscriptions")
        return (project, try PubSubNames.subscription(project: project, id: id))
    }

    /// `projects/P` of a list call.
    static func project(_ name: String) throws -> String {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0] == "projects", PubSubNames.isValidProject(String(parts[1])) else {
            throw PubSubNames.invalid("projects", name)
        }
        return String(parts[1])
    }

    private static func split(_ name: String, collection: String) throws -> (project: String, id: String) {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "projects", parts[2] == collection else {
            throw PubSubNames.invalid(collection, name)
        }
        return (String(parts[1]), String(parts[3]))
    }
}
