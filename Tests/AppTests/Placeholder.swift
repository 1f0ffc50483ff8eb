import Testing
@testable import cpapi_tui
@Test func placeholder() {}
