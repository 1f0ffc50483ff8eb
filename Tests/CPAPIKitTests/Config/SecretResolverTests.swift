import Testing
@testable import CPAPIKit

@Suite struct SecretResolverTests {
    @Test func environmentKeyIsReadAtUse() throws {
        #expect(try SecretResolver(environment: ["CPALEAD_API_KEY": "k"]).resolve(.environment("CPALEAD_API_KEY")) == "k")
    }

    @Test func unsetVariableNamesItAndItsOwner() {
        #expect {
            try SecretResolver(environment: [:]).resolve(.environment("CPALEAD_API_KEY"), for: "source cpalead")
        } throws: { error in
            (error as? SecretResolver.Failure)?.description == "environment variable CPALEAD_API_KEY is not set (source cpalead)"
        }
    }

    @Test func inlineKeyRemovedFromItsFileIsReportedWithoutTheKey() throws {
        let dir = try ScratchFolder(); defer { dir.remove() }
        let file = try dir.write("cfg.toml", "[[sources]]\nid = \"a\"\n")
        #expect {
            try SecretResolver(environment: [:]).resolve(.configFile(path: file, table: "sources.a"))
        } throws: { error in
            let text = (error as? SecretResolver.Failure)?.description ?? ""
            return text.contains("source a") && text.contains("no longer has an api_key")
        }
    }

    @Test func variableNamesAreWhatAShellExports() {
        for name in ["CPALEAD_KEY", "_x", "a1", "Z"] { #expect(SecretRef.isVariableName(name), "\(name)") }
        for name in ["", "1KEY", "sk-live-123", "key with space", "KÉY", "a.b", "$KEY"] { #expect(!SecretRef.isVariableName(name), "\(name)") }
        #expect(SecretRef.environment("sk-live-123").description == "$[not a variable name: hidden]")
        #expect(SecretRef.environment("CPALEAD_KEY").description == "$CPALEAD_KEY")
    }
}
