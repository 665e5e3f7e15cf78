/// SOUNDEX: the American Soundex code of the Latin letters of a string (others are skipped): the
/// first letter, then the digits of the following consonants (adjacent equal digits once, H and W
/// not separating them, vowels and Y separating them), padded with zeros to four characters.
enum Soundex {
    private static func digit(_ letter: Character) -> Character? {
        switch letter {
        case "B", "F", "P", "V": "1"
        case "C", "G", "J", "K", "Q", "S", "X", "Z": "2"
        case "D", "T": "3"
        case "L": "4"
        case "M", "N": "5"
        case "R": "6"
        default: nil
        }
    }

    static func code(_ text: String) -> String {
        let letters = text.unicodeScalars.filter { ("a"..."z").contains($0) || ("A"..."Z").contains($0) }
            .map { Character($0).uppercased().first! }
        guard let first = letters.first else { return "" }
        var code = String(first)
        var previous = digit(first)
        for letter in letters.dropFirst() {
            if letter == "H" || letter == "W" { continue }
            let current = digit(letter)
            if let current, current != previous { code.append(current) }
            previous = current
            if code.count == 4 { break }
        }
        return code.padding(toLength: 4, withPad: "0", startingAt: 0)
    }
}
