import Testing
@testable import CPAPIKit
@Test func placeholder() {}
