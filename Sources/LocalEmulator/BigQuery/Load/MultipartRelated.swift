import Foundation

/// A `multipart/related` body (RFC 2387), as Google's clients send an upload with its metadata:
/// the parts between `--boundary` lines, each with its headers and its bytes. Lines may end in CRLF
/// (google-resumable-media) or LF (Python's email package, which bq's API client uses).
enum MultipartRelated {
    struct Part {
        var headers: [String: String]
        var body: ArraySlice<UInt8>
    }

    /// The boundary named by a `multipart/related; boundary=...` content type.
    static func boundary(contentType: String?) throws -> String {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/related") else {
            throw GoogleAPIError.badRequest("An upload of uploadType=multipart needs a Content-Type of multipart/related with a boundary")
        }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "boundary" else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            guard !value.isEmpty, value.utf8.count <= 200 else { break }
            return value
        }
        throw GoogleAPIError.badRequest("The multipart/related Content-Type names no boundary")
    }

    static func parts(of body: [UInt8], boundary: String) throws -> [Part] {
        let delimiter = Array("--\(boundary)".utf8)
        var starts: [Int] = []
        var index = 0
        // A delimiter counts only at the start of the body or of a line.
        while let found = find(delimiter, in: body, from: index) {
            if found == 0 || body[found - 1] == 0x0A { starts.append(found) }
            index = found + delimiter.count
        }
        guard starts.count >= 2 else {
            throw GoogleAPIError.badRequest("The multipart/related body holds no part delimited by its boundary")
        }
        var parts: [Part] = []
        for (start, next) in zip(starts, starts.dropFirst()) {
            var position = start + delimiter.count
            if body[position...].starts(with: Array("--".utf8)) { break }
            position = try lineEnd(in: body, from: position, before: next)
            var headers: [String: String] = [:]
            while true {
                let end = try lineEnd(in: body, from: position, before: next)
                var line = body[position..<end]
                while let last = line.last, last == 0x0A || last == 0x0D { line = line.dropLast() }
                position = end
                if line.isEmpty { break }
                let text = String(decoding: line, as: UTF8.self)
                if let colon = text.firstIndex(of: ":") {
                    headers[text[..<colon].lowercased()] = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                }
            }
            // The line break before the next delimiter belongs to the delimiter.
            var end = next
            if end > position, body[end - 1] == 0x0A { end -= 1 }
            if end > position, body[end - 1] == 0x0D { end -= 1 }
            parts.append(Part(headers: headers, body: body[position..<end]))
        }
        return parts
    }

    /// The index just past the line break that ends the line at `position`.
    private static func lineEnd(in body: [UInt8], from position: Int, before limit: Int) throws -> Int {
        var index = position
        while index < limit, body[index] != 0x0A { index += 1 }
        guard index < limit else { throw GoogleAPIError.badRequest("A multipart/related part ends inside its headers") }
        return index + 1
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first, haystack[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
