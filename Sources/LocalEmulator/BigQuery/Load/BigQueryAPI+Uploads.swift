import Foundation
import GoogleSQL
import Hummingbird
import NIOCore
import WireJSON

/// Load jobs with their data: `POST /upload/bigquery/v2/projects/{p}/jobs` as Google's clients send
/// them. `uploadType=multipart` carries the job resource and the file in one `multipart/related`
/// body (load_table_from_file below 5 MiB, bq load of an empty file); `uploadType=resumable` opens a
/// session whose `Location` the file is then PUT to, in one or more chunks (`Content-Range`), each
/// answered 308 until the last, which answers with the finished job.
extension BigQueryAPI {
    func addUploadRoutes(to group: RouterGroup<EmulatorRequestContext>) {
        group.post { request, context in
            let projectId = try BigQueryAPI.project(context)
            switch request.queryValue("uploadType") {
            case "multipart":
                let body = try await uploadBody(request)
                let boundary = try MultipartRelated.boundary(contentType: request.headers[.contentType])
                let parts = try MultipartRelated.parts(of: body, boundary: boundary)
                guard parts.count == 2 else {
                    throw GoogleAPIError.badRequest("A multipart upload has two parts, the job resource and the file; this one has \(parts.count)")
                }
                let job = try JSONRequestBody.object(ByteBuffer(bytes: parts[0].body))
                guard parts[1].body.count <= maxUploadBytes else { throw tooLarge() }
                return try await runLoad(job, data: Array(parts[1].body), project: projectId, context: context)
            case "resumable":
                let job = try await request.jsonObjectBody(limit: maxRequestBytes)
                // A configuration that cannot run is refused now, before the client sends the file.
                _ = try loadRequest(job, project: projectId)
                let id = uploads.open(project: projectId, job: job)
                let host = BigQueryAPI.sessionHost(request.head.authority)
                let location = "http://\(host)/upload/bigquery/v2/projects/\(projectId)/jobs?uploadType=resumable&upload_id=\(id)"
                return Response(status: .ok, headers: [.location: location, .contentLength: "0"])
            case "media":
                throw GoogleAPIError.badRequest("A load job's upload needs its job resource too: use uploadType=multipart or uploadType=resumable")
            case let other:
                throw GoogleAPIError.badRequest("Invalid value for uploadType: \((other ?? "").prefix(40)); use multipart or resumable")
            }
        }
        group.put { request, context in
            let projectId = try BigQueryAPI.project(context)
            guard request.queryValue("uploadType") == "resumable", let id = request.queryValue("upload_id") else {
                throw GoogleAPIError.badRequest(
                    "A PUT to the upload URL continues a resumable upload: it needs uploadType=resumable and its upload_id")
            }
            let header = request.headers[.contentRange]
            let bytes = try await uploadBody(request)
            let range: ResumableUploads.ContentRange
            if let parsed = ResumableUploads.ContentRange(header) {
                range = parsed
            } else if header == nil {
                // No Content-Range: the whole file in one request.
                range = ResumableUploads.ContentRange("bytes 0-\(max(bytes.count, 1) - 1)/\(bytes.count)")!
            } else {
                throw GoogleAPIError.badRequest(
                    "Invalid Content-Range: \(header!.prefix(80)); expected bytes FIRST-LAST/TOTAL, FIRST-LAST/* or */TOTAL")
            }
            switch try uploads.put(id: id, project: projectId, range: range, bytes: bytes, limit: maxUploadBytes) {
            case .incomplete(let received):
                var headers: HTTPFields = [.contentLength: "0"]
                if received > 0 { headers[.range] = "bytes=0-\(received - 1)" }
                return Response(status: .init(code: 308, reasonPhrase: "Resume Incomplete"), headers: headers)
            case .complete(let session):
                return try await runLoad(session.job, data: session.data, project: projectId, context: context)
            }
        }
    }

    /// The request's bytes, up to the upload limit: a 413 that names the limit past it.
    private func uploadBody(_ request: Request) async throws -> [UInt8] {
        // The multipart body adds the job resource and the part headers to the file.
        var buffer = try await request.collectBody(limit: maxUploadBytes + maxRequestBytes, tooLarge: tooLarge())
        return buffer.readBytes(length: buffer.readableBytes) ?? []
    }

    private static let hostCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]")

    /// The host a resumable session's URL names: the one the client called when it is a plain
    /// host[:port], else loopback (an authority with a user, a path or a space is not echoed back).
    static func sessionHost(_ authority: String?) -> String {
        guard let authority, !authority.isEmpty, authority.allSatisfy(hostCharacters.contains) else { return "127.0.0.1" }
        return authority
    }

    private func tooLarge() -> GoogleAPIError {
        GoogleAPIError(
            .contentTooLarge, reason: "badRequest",
            message:
                "The upload is larger than the local emulator's limit for load jobs: \(maxUploadBytes) bytes (EmulatorConfiguration.maxUploadBytes)")
    }

    private func loadRequest(_ job: JSONObject, project: String) throws -> LoadRequest {
        try QueryRequest.checkFieldTypes(job: job)
        guard let configuration = job["configuration"]?["load"]?.objectValue else {
            throw GoogleAPIError.badRequest("An upload to the jobs collection needs a load job: configuration.load is missing", reason: "required")
        }
        return try LoadRequest(configuration, project: project)
    }

    private func runLoad(_ job: JSONObject, data: [UInt8], project: String, context: EmulatorRequestContext) async throws -> Response {
        let request = try loadRequest(job, project: project)
        let jobId = try unusedJobId(job, project: project)
        let userEmail = context.caller?.email ?? GoogleSQLCompiler.defaultSessionUser
        let finished = try await load(request, data: data, project: project, jobId: jobId, caller: context.caller, userEmail: userEmail)
        try jobs.add(finished)
        return JSONResponse.make(finished.resource)
    }
}
