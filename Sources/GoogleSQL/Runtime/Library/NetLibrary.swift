import GRDB

enum NetLibrary {
    static let implementations: [String: Library.Implementation] = [:]
}
