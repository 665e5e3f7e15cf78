import Testing
import WireJSON

@Suite("Compacting JSON text without building the value")
struct JSONCompactionTests {
    @Test func compactTextIsTheEncodingOfTheParsedValueAndRefusesWhatTheParserRefuses() {
        let documents =
            JSONCursorTests.documents + JSONCursorTests.damagedDocuments + [
                #" { "a" : 1.50 , "b" : [ -0 , 1e2 , "\u00e9\/" ] } "#, #"{"page":"/p/1","ok":true}"#, #""tab\tquote\"""#,
            ]
        var compacted = 0
        for text in documents {
            let expected = (try? JSONValue(parsing: text))?.encodedString()
            let compact = try? JSONValue.compactText(of: text)
            #expect(compact == expected, "\(text)")
            if compact != nil { compacted += 1 }
        }
        #expect(compacted > 50)
    }

    @Test func numbersAndEscapesTakeTheEncodersForm() throws {
        #expect(try JSONValue.compactText(of: #"[1.50, -0, 1E2, "\u0041\/"]"#) == #"[1.5,0,100,"A/"]"#)
        #expect(try JSONValue.compactText(of: #"{"page":"/p/1","ok":true}"#) == #"{"page":"/p/1","ok":true}"#)
    }
}
