import Foundation
import Testing
@testable import CPAPIKit

/// Numbers are written without making a string when they are whole or have few decimals; the text
/// must be exactly what `JSONValue.format` (`description`) gives, or stored hashes and texts would change.
@Suite struct JSONNumberTextTests {
    private func plain(_ number: Double) -> String? {
        var bytes: [UInt8] = []
        return JSONValue.writePlain(number, { bytes.append($0) }) ? String(decoding: bytes, as: UTF8.self) : nil
    }

    @Test func payoutsAndRatesAreWrittenAsFormatWritesThem() {
        let numbers: [Double] = [
            0, 1, -1, 24.5, 25.039, 35.77, 17.15, 0.07, 0.001, -0.001, 2.675, 4.35, 0.3, 1.1,
            123456.123456, 999_999_999.5, -42.125, 100.1, 0.123456
        ]
        for number in numbers {
            #expect(plain(number) == JSONValue.format(number), "\(number)")
        }
    }

    @Test func manyDecimalNumbersAgreeWithFormat() {
        var generator = SystemRandomNumberGenerator()
        var written = 0
        for _ in 0..<200_000 {
            let decimals = Int.random(in: 1...7, using: &generator)
            let scale = (0..<decimals).reduce(1.0) { value, _ in value * 10 }
            let limit = [1.0, 100, 10_000, 1e8].randomElement(using: &generator)!
            let number =
                Double(Int64.random(in: 1...Int64(limit * scale), using: &generator)) / scale
                * (Bool.random(using: &generator) ? 1 : -1)
            if let text = plain(number) {
                written += 1
                #expect(text == JSONValue.format(number), "\(number)")
            }
        }
        #expect(written > 100_000)  // most such numbers take the fast path
    }

    @Test func othersAreLeftToFormat() {
        for number in [0.1 + 0.2, 1e-4, 1e-7, 1e9 + 0.5, Double.pi, .infinity, .nan, 1e20] {
            #expect(plain(number) == nil || plain(number) == JSONValue.format(number), "\(number)")
        }
        #expect(plain(0.1 + 0.2) == nil)
        #expect(plain(.pi) == nil)
        #expect(plain(.nan) == nil)
    }
}
