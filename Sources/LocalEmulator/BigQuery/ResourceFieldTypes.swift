import WireJSON

/// The typed fields of dataset and table resources the emulator reads or keeps, checked as
/// `RequestFieldTypes` reads them: a resource is stored and echoed as sent, so a wrong-typed
/// field (`"requirePartitionFilter": "yes"`) would otherwise be kept and handed back.
enum ResourceFieldTypes {
    static func checkDataset(_ body: JSONObject) throws {
        let dataset = RequestFields(body, path: "dataset")
        if let reference = try dataset.object("datasetReference") {
            _ = try reference.string("projectId")
            _ = try reference.string("datasetId")
        }
        _ = try dataset.string("friendlyName")
        _ = try dataset.string("description")
        _ = try dataset.string("location")
        _ = try dataset.int64("defaultTableExpirationMs")
        _ = try dataset.int64("defaultPartitionExpirationMs")
        try checkLabels(body)
    }

    static func checkTable(_ body: JSONObject) throws {
        let table = RequestFields(body, path: "table")
        if let reference = try table.object("tableReference") {
            _ = try reference.string("projectId")
            _ = try reference.string("datasetId")
            _ = try reference.string("tableId")
        }
        _ = try table.string("friendlyName")
        _ = try table.string("description")
        _ = try table.int64("expirationTime")
        _ = try table.bool("requirePartitionFilter")
        try checkLabels(body)
        _ = try table.object("schema")
        if let partitioning = try table.object("timePartitioning") {
            _ = try partitioning.string("type")
            _ = try partitioning.string("field")
            _ = try partitioning.int64("expirationMs")
            _ = try partitioning.bool("requirePartitionFilter")
        }
        if let clustering = try table.object("clustering") { _ = try clustering.array("fields") }
    }

    /// Labels a create, a PATCH or a PUT may carry; a null label is a removal on all three.
    private static func checkLabels(_ body: JSONObject) throws {
        guard let labels = body["labels"], !labels.isNull else { return }
        if let problem = ResourceLabels.problem(in: labels, allowingRemovals: true) {
            throw GoogleAPIError.badRequest(problem, location: "labels")
        }
    }
}
