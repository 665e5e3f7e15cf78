import Foundation
import Synchronization
import WireJSON

/// The open sessions of `uploadType=resumable` uploads: the job resource from the POST that opened
/// one, and the bytes its PUTs have sent so far. Held in memory, each up to the upload limit; past
/// `maxSessions` the oldest is dropped (a PUT to it is then a 404, and the client starts again).
final class ResumableUploads: Sendable {
    struct Session {
        let project: String
        let job: JSONObject
        var data: [UInt8] = []
        let opened: Int
    }

    /// What a PUT's `Content-Range` says: the bytes it carries (`bytes 0-99/*`), and the total once known
    /// (`bytes 100-149/150`, or `bytes */150` with no bytes).
    struct ContentRange: Equatable {
        var first: Int?
        var last: Int?
        var total: Int?

        init?(_ header: String?) {
            guard let header, header.hasPrefix("bytes ") else { return nil }
            let spec = header.dropFirst("bytes ".count).split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            guard spec.count == 2 else { return nil }
            if spec[1] != "*" {
                guard let total = Int(spec[1]), total >= 0 else { return nil }
                self.total = total
            }
            if spec[0] != "*" {
                let bounds = spec[0].split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
                guard bounds.count == 2, let first = Int(bounds[0]), let last = Int(bounds[1]), first >= 0, last >= first else { return nil }
                self.first = first
                self.last = last
            }
        }
    }

    enum Progress {
        /// More bytes are expected: the 308 names what arrived.
        case incomplete(received: Int)
        case complete(Session)
    }

    static let maxSessions = 16
    private let state = Mutex<(sessions: [String: Session], opened: Int)>(([:], 0))

    func open(project: String, job: JSONObject) -> String {
        let id = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        state.withLock { state in
            state.opened += 1
            state.sessions[id] = Session(project: project, job: job, opened: state.opened)
            while state.sessions.count > Self.maxSessions, let oldest = state.sessions.min(by: { $0.value.opened < $1.value.opened }) {
                state.sessions[oldest.key] = nil
            }
        }
        return id
    }

    /// Adds a PUT's bytes. A chunk that does not start where the data so far ends is not taken (the
    /// 308 tells the client where to resume); the session is complete, and closed, once its total
    /// has arrived.
    func put(id: String, project: String, range: ContentRange, bytes: [UInt8], limit: Int) throws -> Progress {
        try state.withLock { state in
            guard var session = state.sessions[id], session.project == project else {
                throw GoogleAPIError.notFound("Not found: upload session \(id.prefix(64)) (it finished, or it was dropped for newer uploads)")
            }
            if let first = range.first, let last = range.last {
                // `last - first` cannot overflow (both are non-negative), where one more could.
                guard last - first == bytes.count - 1 else {
                    throw GoogleAPIError.badRequest("Content-Range names bytes \(first)-\(last) but the request carries \(bytes.count)")
                }
                if first == session.data.count {
                    guard session.data.count + bytes.count <= limit else {
                        state.sessions[id] = nil
                        throw GoogleAPIError(
                            .contentTooLarge, reason: "badRequest",
                            message:
                                "The upload is larger than the local emulator's limit for load jobs: \(limit) bytes (EmulatorConfiguration.maxUploadBytes)"
                        )
                    }
                    session.data += bytes
                }
            } else if !bytes.isEmpty {
                throw GoogleAPIError.badRequest("Content-Range bytes */N carries no bytes, but the request has \(bytes.count)")
            }
            if let total = range.total, total == session.data.count {
                state.sessions[id] = nil
                return .complete(session)
            }
            if let total = range.total, total < session.data.count {
                state.sessions[id] = nil
                throw GoogleAPIError.badRequest("Content-Range total \(total) is less than the \(session.data.count) bytes already uploaded")
            }
            state.sessions[id] = session
            return .incomplete(received: session.data.count)
        }
    }
}
