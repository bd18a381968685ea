package io.codespacessecrets

import kotlin.test.BeforeTest
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertTrue
import org.junit.jupiter.api.Assumptions.assumeFalse
import org.json.JSONObject

/**
 * `ClientConfig(app = GitHubAppConfig(...))` against the emulator binary: installation tokens
 * minted from the App's key reach organization and repository secrets (read back decrypted);
 * a bad key, a token with an App, and user secrets with an App are `InvalidInput`; nothing prints
 * the key.
 */
class GitHubAppTest {
    /** The mobile library (make ffi-size) has no App signing: [MobileLibraryTest] checks it refuses. */
    @BeforeTest
    fun desktopLibraryOnly() = assumeFalse(mobileLibrary, "the mobile library leaves App signing out")

    /** Any 40-character run of a key's base64 body would betray it. */
    private fun keyMaterial(app: JSONObject): List<String> =
        listOf(app.getString("private_key_pem"), app.getString("private_key_pkcs8_pem"))
            .flatMap { it.lines() }
            .filter { it.isNotBlank() && !it.startsWith("-----") }
            .map { it.take(40) }

    private fun assertNoKey(text: String, app: JSONObject) {
        for (fragment in keyMaterial(app)) assertFalse(fragment in text, "key material in $text")
        assertFalse("eyJ" in text, "a JWT in $text")
    }

    @Test
    fun `an App with an explicit installation writes an organization secret`() = test {
        Emulator.start().use { emu ->
            val app = emu.registerApp()
            val installation = emu.install(app.getLong("id"), """{"org": "octo-org"}""")
            val config = GitHubAppConfig(
                appId = app.getLong("id").toString(),
                privateKey = app.getString("private_key_pem"),
                installationId = installation.toULong(),
            )
            emu.appClient(config).use { client ->
                assertEquals(SetOutcome.CREATED, client.org("octo-org").set("FROM_APP", "org-value"))
                assertEquals(listOf("FROM_APP"), client.org("octo-org").list().map { it.name })
            }
            assertEquals("org-value", emu.value(ORG, "FROM_APP"))
            assertEquals(emptyList(), emu.requestsEndingWith("/installation"), "no lookup with an explicit installation")
            assertEquals(1, emu.requestsEndingWith("/access_tokens").size, "one installation token, reused")
        }
    }

    @Test
    fun `an App without an installation id finds it from the organization and the repository`() = test {
        Emulator.start().use { emu ->
            val app = emu.registerApp()
            emu.install(app.getLong("id"), """{"org": "octo-org"}""")
            emu.install(app.getLong("id"), """{"owner": "octocat", "repo": "Hello-World"}""")
            // The client id as issuer and the PKCS#8 form of the key.
            val config = GitHubAppConfig(appId = app.getString("client_id"), privateKey = app.getString("private_key_pkcs8_pem"))
            emu.appClient(config).use { client ->
                client.org("octo-org").set("LOOKED_UP", "for the org")
                client.repo("octocat", "Hello-World").set("LOOKED_UP", "for the repo")
            }
            assertEquals("for the org", emu.value(ORG, "LOOKED_UP"))
            assertEquals("for the repo", emu.value(REPO, "LOOKED_UP"))
            assertEquals(
                listOf("/orgs/octo-org/installation", "/repos/octocat/Hello-World/installation"),
                emu.requestsEndingWith("/installation"),
            )
        }
    }

    @Test
    fun `a key that does not parse is InvalidInput quoting none of it`() {
        Emulator.start().use { emu ->
            val app = emu.registerApp()
            // A real key's first lines with its end cut off: close enough to be tempting to quote.
            val broken = app.getString("private_key_pem").lines().take(6).joinToString("\n") + "\n-----END RSA PRIVATE KEY-----\n"
            val config = GitHubAppConfig(appId = "123", privateKey = broken, installationId = null)
            val e = assertFailsWith<CodespacesSecretsException.InvalidInput> { emu.appClient(config) }
            assertEquals("INVALID_INPUT", e.code())
            assertNoKey(e.toString(), app)
            assertNoKey(e.message ?: "", app)
            val garbage = GitHubAppConfig(appId = "123", privateKey = "not a key")
            assertFailsWith<CodespacesSecretsException.InvalidInput> { emu.appClient(garbage) }
        }
    }

    @Test
    fun `neither the App config nor the client config prints the key`() {
        Emulator.start().use { emu ->
            val app = emu.registerApp()
            val config = GitHubAppConfig(appId = "42", privateKey = app.getString("private_key_pem"), installationId = 7uL)
            assertEquals("GitHubAppConfig(appId=42, privateKey=[redacted], installationId=7)", config.toString())
            val clientConfig = ClientConfig(app = config, baseUrl = emu.url)
            assertEquals(
                "ClientConfig(app=GitHubAppConfig(appId=42, privateKey=[redacted], installationId=7), baseUrl=${emu.url})",
                clientConfig.toString(),
            )
            Client(clientConfig).use { client -> assertNoKey(client.toString(), app) }
        }
    }

    @Test
    fun `user secrets with an App are InvalidInput asking for a user token, before any request`() = test {
        Emulator.start().use { emu ->
            val app = emu.registerApp()
            emu.install(app.getLong("id"), """{"user": "octocat"}""")
            val config = GitHubAppConfig(appId = app.getLong("id").toString(), privateKey = app.getString("private_key_pem"))
            emu.appClient(config).use { client ->
                val e = assertFailsWith<CodespacesSecretsException.InvalidInput> { client.user().set("MINE", "x") }
                assertTrue("user token" in e.toString(), e.toString())
                assertFailsWith<CodespacesSecretsException.InvalidInput> { client.user().list() }
                assertFailsWith<CodespacesSecretsException.InvalidInput> { client.userLogin() }
            }
            assertEquals(emptyList(), emu.log().map { it.getString("path") }, "nothing was sent")
        }
    }

    @Test
    fun `a token and an App together are InvalidInput`() {
        Emulator.start().use { emu ->
            val app = emu.registerApp()
            val config = GitHubAppConfig(appId = "1", privateKey = app.getString("private_key_pem"))
            assertFailsWith<CodespacesSecretsException.InvalidInput> { emu.appClient(config, token = emu.token) }
        }
    }
}
