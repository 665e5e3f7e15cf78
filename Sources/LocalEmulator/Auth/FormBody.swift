import Foundation
import Hummingbird

extension Request {
    /// The body as `application/x-www-form-urlencoded` fields (the first value of a repeated name).
    /// Bodies over `limit` bytes or that are not UTF-8 are an OAuth2 `invalid_request`.
    func formBody(limit: Int) async throws -> [String: String] {
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: limit)
        } catch {
            throw OAuthError(.contentTooLarge, error: "invalid_request", description: "Request body exceeds \(limit) bytes.")
        }
        guard let text = String(validating: buffer.readableBytesView, as: UTF8.self) else {
            throw OAuthError.invalidRequest("Request body is not UTF-8.")
        }
        return FormDecoding.decode(text)
    }
}

enum FormDecoding {
    static func decode(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = unescape(parts[0]), !name.isEmpty else { continue }
            let value = parts.count > 1 ? unescape(parts[1]) ?? "" : ""
            if fields[name] == nil { fields[name] = value }
        }
        return fields
    }

    /// '+' is a space in forms; then percent-decoding. nil for broken escapes.
    private static func unescape(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
