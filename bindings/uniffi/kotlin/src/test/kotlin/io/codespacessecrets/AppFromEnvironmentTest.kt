package io.codespacessecrets

import com.sun.jna.Library
import com.sun.jna.Native
import java.nio.file.Files
import java.time.Duration
import kotlin.test.BeforeTest
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertTrue
import org.junit.jupiter.api.Assumptions.assumeFalse

/** The C library's environment functions: the JVM's own view of the environment is read-only. */
internal interface LibC : Library {
    fun setenv(name: String, value: String, overwrite: Int): Int
    fun unsetenv(name: String): Int
}

/**
 * `Client(ClientConfig())` with nothing given acts as the GitHub App the `GITHUB_APP_*` variables
 * name, as the CLI does: the SDK's credential chain reads them (set here in the process's real
 * environment, where the Rust library reads it, and restored afterwards).
 */
class AppFromEnvironmentTest {
    /** The mobile library (make ffi-size) has no App signing: [MobileLibraryTest] checks it refuses. */
    @BeforeTest
    fun desktopLibraryOnly() = assumeFalse(mobileLibrary, "the mobile library leaves App signing out")

    internal val libc: LibC = Native.load("c", LibC::class.java)
    internal val names = listOf(
        "GITHUB_API_URL", "GITHUB_TOKEN", "GH_TOKEN", "GITHUB_APP_ID", "GITHUB_APP_PRIVATE_KEY_PATH",
        "GITHUB_APP_PRIVATE_KEY", "GITHUB_APP_INSTALLATION_ID",
    )

    private fun set(name: String, value: String) = check(libc.setenv(name, value, 1) == 0) { "setenv $name" }

    private inline fun <T> withCleanEnvironment(block: () -> T): T =
        try {
            names.forEach { libc.unsetenv(it) }
            block()
        } finally {
            names.forEach { libc.unsetenv(it) }
        }

    private fun fromEnv() = Client(ClientConfig(writeInterval = Duration.ZERO, timeout = Duration.ofSeconds(5)))

    @Test
    fun `the GITHUB_APP variables make a client without settings act as that App`() = test {
        Emulator.start().use { emu ->
            withCleanEnvironment {
                val app = emu.registerApp()
                val installation = emu.install(app.getLong("id"), """{"org": "octo-org"}""")
                val key = Files.createTempFile("app", ".pem")
                Files.writeString(key, app.getString("private_key_pem"))
                set("GITHUB_API_URL", emu.url)
                set("GITHUB_TOKEN", emu.token) // the App wins over a token, as in the CLI
                set("GITHUB_APP_ID", app.getLong("id").toString())
                set("GITHUB_APP_PRIVATE_KEY_PATH", key.toString())
                set("GITHUB_APP_INSTALLATION_ID", installation.toString())
                fromEnv().use { client ->
                    assertEquals(SetOutcome.CREATED, client.org("octo-org").set("FROM_ENV", "file"))
                    assertFailsWith<CodespacesSecretsException.InvalidInput> { client.user().list() }
                }
                assertEquals("file", emu.value(ORG, "FROM_ENV"))
                assertEquals(emptyList(), emu.requestsEndingWith("/installation"), "the installation given")

                libc.unsetenv("GITHUB_APP_PRIVATE_KEY_PATH")
                libc.unsetenv("GITHUB_APP_INSTALLATION_ID")
                set("GITHUB_APP_PRIVATE_KEY", app.getString("private_key_pem"))
                fromEnv().use { client -> assertEquals(SetOutcome.UPDATED, client.org("octo-org").set("FROM_ENV", "pem")) }
                assertEquals("pem", emu.value(ORG, "FROM_ENV"))
                assertEquals(listOf("/orgs/octo-org/installation"), emu.requestsEndingWith("/installation"))

                libc.unsetenv("GITHUB_APP_PRIVATE_KEY")
                val e = assertFailsWith<CodespacesSecretsException.InvalidInput> { fromEnv() }
                assertTrue("GITHUB_APP_PRIVATE_KEY_PATH" in e.toString(), e.toString())
                assertFalse("PRIVATE KEY-----" in e.toString(), e.toString())
                libc.unsetenv("GITHUB_APP_ID")
                fromEnv().use { client -> client.user().list() } // no App variables: GITHUB_TOKEN's user again
                Files.delete(key)
            }
        }
    }
}
