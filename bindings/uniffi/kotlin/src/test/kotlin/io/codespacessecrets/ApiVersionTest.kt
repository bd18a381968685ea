package io.codespacessecrets

import java.time.Duration
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue

/**
 * `ClientConfig(apiVersion = ...)`: each REST API version GitHub serves works and is the one
 * sent, a server without it gets a clear `Api` error, and a value no GitHub serves is
 * `InvalidInput` before any request.
 */
class ApiVersionTest {
    private fun Emulator.clientAt(version: String?) =
        Client(ClientConfig(token = token, baseUrl = url, writeInterval = Duration.ZERO, apiVersion = version))

    @Test
    fun `each version works when it is the only one served`() = test {
        for (version in listOf("2022-11-28", "2026-03-10")) {
            Emulator.start("--api-versions", version).use { emu ->
                emu.clientAt(version).use { client ->
                    assertEquals(version, client.apiVersion())
                    client.repo("octocat", "Hello-World").set("AT_VERSION", version)
                    assertEquals("AT_VERSION", client.repo("octocat", "Hello-World").get("AT_VERSION").name)
                    assertEquals(version, emu.value("repos/octocat/Hello-World", "AT_VERSION"))
                }
            }
        }
    }

    @Test
    fun `the default is GitHub's default`() = test {
        Emulator.start("--api-versions", "2022-11-28").use { emu ->
            emu.clientAt(null).use { client ->
                assertEquals("2022-11-28", client.apiVersion())
                client.user().publicKey()
            }
        }
    }

    @Test
    fun `a server without the version says which was sent and how to choose another`() = test {
        Emulator.start("--api-versions", "2022-11-28").use { emu ->
            emu.clientAt("2026-03-10").use { client ->
                val e = assertFailsWith<CodespacesSecretsException.Api> { client.user().list() }
                assertEquals(400.toUShort(), e.status)
                assertEquals("API_ERROR", e.code())
                val message = e.toString()
                assertTrue("API version 2026-03-10 is not supported" in message, message)
                assertTrue("sent X-GitHub-Api-Version 2026-03-10" in message, message)
                assertTrue("apiVersion in Node, Kotlin and Swift" in message, message)
            }
        }
    }

    @Test
    fun `an unknown version is InvalidInput before any request`() {
        Emulator.start().use { emu ->
            for (wrong in listOf("2023-01-01", "latest", "")) {
                val e = assertFailsWith<CodespacesSecretsException.InvalidInput>(wrong) { emu.clientAt(wrong) }
                assertEquals("api_version", e.field)
                assertEquals("INVALID_INPUT", e.code())
                assertTrue("2022-11-28, 2026-03-10" in e.toString(), e.toString())
            }
            assertEquals(emptyList(), emu.log())
        }
    }
}
