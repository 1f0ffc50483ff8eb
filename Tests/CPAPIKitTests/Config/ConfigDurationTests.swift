import Testing
@testable import CPAPIKit

@Suite struct ConfigDurationTests {
    @Test(arguments: [("90s", 90.0), ("45m", 2700), ("2h", 7200), ("1h30m", 5400), ("1h0m30s", 3630), (" 5m ", 300)])
    func durationsAreParsed(text: String, seconds: Double) throws {
        #expect(try ConfigDuration.seconds(from: text) == seconds)
    }

    @Test(arguments: [
        ("0s", "zero"), ("-5m", "negative"), ("90", "no unit"), ("", "empty"), ("5x", "unknown unit"),
        ("m", "without a number"), ("30m1h", "hours down"), ("1h30", "has no unit"), ("1.5h", "unknown unit")
    ])
    func badDurationsAreRefusedWithAReason(text: String, reason: String) {
        #expect {
            try ConfigDuration.seconds(from: text)
        } throws: { error in
            (error as? ConfigDuration.ParseError)?.description.contains(reason) == true
        }
    }

    @Test func durationsPrintShortest() {
        #expect(ConfigDuration.text(seconds: 5400) == "1h30m")
        #expect(ConfigDuration.text(seconds: 90) == "1m30s")
        #expect(ConfigDuration.text(seconds: 7200) == "2h")
    }
}
