package io.codespacessecrets

import kotlin.test.Test
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue
import org.junit.jupiter.api.Assumptions.assumeTrue

/**
 * The mobile library (built `--no-default-features` by make ffi-size) leaves out GitHub App
 * signing: an App's private key must never ship inside an app. Asking for an App there is
 * `InvalidInput` saying why, before any request.
 */
class MobileLibraryTest {
    @Test
    fun `an App is refused saying its key belongs on a server`() {
        assumeTrue(mobileLibrary, "only the mobile library leaves App signing out")
        Emulator.start().use { emu ->
            val app = emu.registerApp()
            val config = GitHubAppConfig(appId = app.getLong("id").toString(), privateKey = app.getString("private_key_pem"))
            val e = assertFailsWith<CodespacesSecretsException.InvalidInput> { emu.appClient(config) }
            assertTrue("belongs on a server" in e.toString(), e.toString())
            assertTrue("PRIVATE KEY-----" !in e.toString(), e.toString())
            assertTrue(emu.log().isEmpty(), "nothing was sent")
        }
    }
}
