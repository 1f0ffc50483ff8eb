import Testing
@testable import CPAPIKit

/// The word-at-a-time scan finds exactly what a byte-by-byte scan finds.
@Suite struct JSONStringScanTests {
    func naive(_ bytes: [UInt8], from start: Int) -> Int {
        bytes[start...].firstIndex { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 } ?? bytes.count
    }

    @Test func findsTheFirstQuoteBackslashOrControlByteWhereverItIs() {
        // Plain bytes around the special ones (0x21, 0x23, 0x5B, 0x5D, 0x7F and non-ASCII are near misses).
        let plain: [UInt8] = [0x20, 0x21, 0x23, 0x5B, 0x5D, 0x61, 0x7F, 0x80, 0xC3, 0xFF]
        let special: [UInt8] = [0x22, 0x5C, 0x00, 0x01, 0x0A, 0x1F]
        for length in 0...24 {
            let base = (0..<length).map { plain[($0 * 7 + length) % plain.count] }
            var cases = [base]
            for position in 0..<length {
                for byte in special {
                    var bytes = base
                    bytes[position] = byte
                    cases.append(bytes)
                }
            }
            for bytes in cases {
                for start in 0...length {
                    let found = bytes.withUnsafeBufferPointer { JSONStringScan.firstSpecialByte(in: $0, from: start) }
                    #expect(found == naive(bytes, from: start), "\(bytes) from \(start)")
                }
            }
        }
    }
}
