import Foundation
import Testing
@testable import CPAPIKit

@Suite struct RedactorTests {
    @Test func apiKeyQueryItemIsMaskedInURLs() {
        let redactor = Redactor()
        let url = redactor.url("https://www.cpalead.com/api/conversions?id=12&api_key=s3cr3t&subid=user#top")
        #expect(url == "https://www.cpalead.com/api/conversions?id=12&api_key=[redacted]&subid=user#top")
    }

    @Test func knownSecretValueIsMaskedAnywhereInAURL() {
        let redactor = Redactor(secrets: ["s3cr3t key"])
        #expect(redactor.url("https://x.test/p/s3cr3t%20key/q?other=s3cr3t%20key") == "https://x.test/p/[redacted]/q?other=[redacted]")
    }

    @Test func credentialHeadersAreMaskedAndOthersLoseSecrets() {
        let redactor = Redactor(secrets: ["abc123"])
        let headers = redactor.headerDictionary([
            HeaderField("API-Key", "whatever"), HeaderField("authorization", "Bearer t"),
            HeaderField("X-Echo", "key=abc123"), HeaderField("Content-Type", "application/json"),
        ])
        #expect(headers == ["API-Key": "[redacted]", "authorization": "[redacted]", "X-Echo": "key=[redacted]", "Content-Type": "application/json"])
    }

    @Test func secretsInBodiesAreMaskedBeforeTheBodyIsCut() {
        let redactor = Redactor(secrets: ["TOPSECRET"])
        let body = Data(("error: bad key TOPSECRET " + String(repeating: "x", count: 100)).utf8)
        let kept = redactor.body(body, maxBytes: 20)
        #expect(!kept.contains("TOP"))
        #expect(kept.hasPrefix("error: bad key [reda"))
        #expect(kept.contains("more bytes not kept"))
        #expect(redactor.body(Data("ok TOPSECRET".utf8)) == "ok [redacted]")
    }

    @Test func aSecretContainingAnotherIsMaskedWhole() {
        let redactor = Redactor(secrets: ["abc", "abcdef"])
        #expect(redactor.text("x abcdef y abc") == "x [redacted] y [redacted]")
    }

    @Test func emptySecretsAreIgnored() {
        #expect(Redactor(secrets: [""]).text("plain") == "plain")
    }
}
