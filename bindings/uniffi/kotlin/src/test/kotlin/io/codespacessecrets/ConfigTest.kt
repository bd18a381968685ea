package io.codespacessecrets

import java.time.Duration
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertTrue
import org.junit.jupiter.api.Assumptions.assumeTrue

/** ClientConfig reaches the SDK's settings; nothing prints the token. */
class ConfigTest {
    @Test
    fun `neither the config nor the client prints the token`() {
        val config = ClientConfig(token = "ghp_super_secret_value", baseUrl = "http://127.0.0.1:9")
        assertEquals("ClientConfig(token=[redacted], baseUrl=http://127.0.0.1:9)", config.toString())
        Client(config).use { client ->
            assertFalse("ghp_super_secret_value" in client.toString())
            assertEquals("http://127.0.0.1:9/", client.baseUrl().let { if (it.endsWith("/")) it else "$it/" })
        }
    }

    @Test
    fun `without a token anywhere, Client refuses with InvalidInput`() {
        assumeTrue(System.getenv("GITHUB_TOKEN").isNullOrEmpty() && System.getenv("GH_TOKEN").isNullOrEmpty())
        val e = assertFailsWith<CodespacesSecretsException.InvalidInput> { Client(ClientConfig(baseUrl = "http://127.0.0.1:9")) }
        assertEquals("token", e.field)
        assertTrue("GITHUB_TOKEN" in e.toString(), e.toString())
    }

    @Test
    fun `plain http is refused except to loopback`() {
        val e = assertFailsWith<CodespacesSecretsException.InvalidInput> {
            Client(ClientConfig(token = "ghp_x", baseUrl = "http://api.example.com"))
        }
        assertEquals("base_url", e.field)
        Client(ClientConfig(token = "ghp_x", baseUrl = "https://ghe.example.com/api/v3")).close()
    }

    @Test
    fun `the user agent and token are sent as configured`() = test {
        StubServer(200, """{"total_count": 0, "secrets": []}""").use { stub ->
            stub.client(userAgent = "my-app/1.2").use { client ->
                assertEquals(emptyList(), client.user().list())
            }
            val headers = stub.received.single()
            assertEquals("my-app/1.2", headers["user-agent"])
            assertEquals("Bearer ghp_stub_token", headers["authorization"])
            assertEquals("2022-11-28", headers["x-github-api-version"])
        }
    }

    @Test
    fun `writes are spaced by writeInterval`() = test {
        Emulator.start().use { emu ->
            val config = ClientConfig(token = emu.token, baseUrl = emu.url, writeInterval = Duration.ofMillis(300))
            Client(config).use { client ->
                val started = System.nanoTime()
                client.user().setMany(entries("A" to "1", "B" to "2", "C" to "3"))
                val elapsed = Duration.ofNanos(System.nanoTime() - started)
                assertTrue(elapsed >= Duration.ofMillis(600), "3 writes 300 ms apart took $elapsed")
            }
        }
    }

    @Test
    fun `deadline bounds the whole operation against a server that never answers`() = test {
        SilentServer().use { server ->
            // The per-request timeout (30 s) would wait on; the 300 ms deadline ends the call.
            val config = ClientConfig(token = "ghp_x", baseUrl = server.url, deadline = Duration.ofMillis(300))
            Client(config).use { client ->
                val started = System.nanoTime()
                val e = assertFailsWith<CodespacesSecretsException.Transport> { client.user().list() }
                val elapsed = Duration.ofNanos(System.nanoTime() - started)
                assertTrue(elapsed < Duration.ofSeconds(2), "gave up after $elapsed")
                assertTrue("deadline" in e.toString(), e.toString())
                assertEquals("TRANSPORT", e.code())
            }
        }
    }
}
