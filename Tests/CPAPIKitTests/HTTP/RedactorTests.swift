import Foundation
import Testing
@testable import CPAPIKit

@Suite struct RedactorTests {
    @Test func apiKeyQueryItemIsMaskedInURLs() {
        let redactor = Redactor()
        let url = redactor.url("https://www.cpalead.com/api/conversions?id=12&api_key=s3cr3t&subid=user#top")
        #expect(url == "https://www.cpalead.com/api/conversions?id=12&api_key=[redacted]&subid=user#top")
    }

    @Test func theByteSearchFindsASecretWhereverItStands() {
        #expect(Redactor.holds("k3y", in: "k3y"))
        #expect(Redactor.holds("k3y", in: "{\"link\":\"https://t.test/?a=k3y\"}"))
        #expect(Redactor.holds("é k3y", in: "prefix é k3y"))
        #expect(!Redactor.holds("k3y", in: "k3"))
        #expect(!Redactor.holds("k3y", in: ""))
        #expect(!Redactor.holds("k3y", in: "K3Y k-3y"))
        #expect(Redactor(secrets: ["k3y"]).text("{\"link\":\"?key=k3y&x=1\"}") == "{\"link\":\"?key=[redacted]&x=1\"}")
    }

    @Test func knownSecretValueIsMaskedAnywhereInAURL() {
        let redactor = Redactor(secrets: ["s3cr3t key"])
        #expect(redactor.url("https://x.test/p/s3cr3t%20key/q?other=s3cr3t%20key") == "https://x.test/p/[redacted]/q?other=[redacted]")
    }

    @Test func credentialHeadersAreMaskedAndOthersLoseSecrets() {
        let redactor = Redactor(secrets: ["abc123"])
        let headers = redactor.headerDictionary([
            HeaderField("API-Key", "whatever"), HeaderField("authorization", "Bearer t"),
            HeaderField("X-Echo", "key=abc123"), HeaderField("Content-Type", "application/json")
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

    @Test func aShortSecretIsMaskedOnlyWhereItStandsAsAWord() {
        let redactor = Redactor(secrets: ["x"])
        #expect(redactor.text("text/html; charset=utf-8") == "text/html; charset=utf-8")
        #expect(redactor.text("bad key x (x) key=x, \"x\"") == "bad key [redacted] ([redacted]) key=[redacted], \"[redacted]\"")
        #expect(redactor.text("éxé xé x") == "éxé xé [redacted]")
    }

    @Test func headersLoseASecretOnlyAsAWholeValueOrWord() {
        let redactor = Redactor(secrets: ["x"])
        let headers = redactor.headerDictionary([
            HeaderField("Content-Type", "text/html"), HeaderField("X-Echo", "x"), HeaderField("X-Auth", "Bearer x"),
            HeaderField("Server", "nginx")
        ])
        #expect(headers == ["Content-Type": "text/html", "X-Echo": "[redacted]", "X-Auth": "Bearer [redacted]", "Server": "nginx"])
    }

    @Test func aQueryValueEqualToTheSecretIsMaskedHoweverItIsEncoded() {
        let redactor = Redactor(secrets: ["ab cd"])
        #expect(redactor.url("https://h.test/p?q=ab+cd&r=ab%20cd&s=abcd") == "https://h.test/p?q=[redacted]&r=[redacted]&s=abcd")
        let short = Redactor(secrets: ["k"])
        #expect(short.url("https://kit.test/k?kind=k&next=%3Dk") == "https://kit.test/[redacted]?kind=[redacted]&next=%3D[redacted]")
    }

    @Test func aSecretInsideALongerWordIsLeftAlone() {
        let redactor = Redactor(secrets: ["abc123"])
        #expect(redactor.text("xabc123 abc1234 abc123") == "xabc123 abc1234 [redacted]")
        // An edge of the secret that is punctuation needs no boundary there.
        #expect(Redactor(secrets: ["-k3y"]).text("a-k3y -k3yb") == "a[redacted] -k3yb")
        // A percent-escaped letter is part of the word.
        #expect(redactor.text("%41abc123 %2Fabc123") == "%41abc123 %2F[redacted]")
    }
}
