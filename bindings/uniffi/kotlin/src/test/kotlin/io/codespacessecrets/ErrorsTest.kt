package io.codespacessecrets

import java.time.Duration
import java.time.Instant
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertNotNull
import kotlin.test.assertTrue

/** Each error kind arrives as its own CodespacesSecretsException subclass, with its data. */
class ErrorsTest {
    @Test
    fun `404 is NotFound with status, request id and a readable message`() = test {
        Emulator.start().use { emu ->
            emu.client().use { client ->
                val e = assertFailsWith<CodespacesSecretsException.NotFound> { client.repo("octocat", "Hello-World").get("MISSING") }
                assertEquals(404.toUShort(), e.status)
                assertEquals("NOT_FOUND", e.code())
                val requestId = assertNotNull(e.requestId)
                assertEquals(requestId, emu.log().last().getString("request_id"))
                assertTrue(e.reason.contains("HTTP 404"), e.reason)
                assertEquals(e.reason, e.toString(), "toString() is the SDK's Display")
                assertTrue(e.message!!.startsWith("reason=") && "status=404" in e.message!!, e.message)
                assertTrue(requestId in e.toString())

                val unknownRepo = assertFailsWith<CodespacesSecretsException.NotFound> { client.repo("octocat", "nope").list() }
                assertEquals(404.toUShort(), unknownRepo.status)
            }
        }
    }

    @Test
    fun `a wrong token is Unauthorized and never shown`() = test {
        Emulator.start().use { emu ->
            emu.client(token = "ghp_wrong_token_0123456789").use { client ->
                val e = assertFailsWith<CodespacesSecretsException.Unauthorized> { client.user().list() }
                assertEquals(401.toUShort(), e.status)
                assertEquals("UNAUTHORIZED", e.code())
                assertFalse("ghp_wrong_token_0123456789" in e.toString() || "ghp_wrong" in e.message!!)
            }
        }
    }

    @Test
    fun `409 is Conflict and 422 is Validation`() = test {
        Emulator.start().use { emu ->
            emu.client().use { client ->
                val org = client.org("octo-org")
                org.set("PRIVATE_ONE", "x")
                val conflict = assertFailsWith<CodespacesSecretsException.Conflict> { org.addRepository("PRIVATE_ONE", OCTO_REPO) }
                assertEquals(409.toUShort(), conflict.status)
                assertEquals("CONFLICT", conflict.code())

                val foreign = SetOptions(visibility = Visibility.SELECTED, selectedRepositoryIds = listOf(HELLO_WORLD))
                val invalid = assertFailsWith<CodespacesSecretsException.Validation> { org.set("FOREIGN", "x", foreign) }
                assertEquals(422.toUShort(), invalid.status)
                assertEquals("VALIDATION_FAILED", invalid.code())
                assertNotNull(invalid.requestId)
            }
        }
    }

    @Test
    fun `a primary rate limit that cannot be waited out is RateLimited, with when to retry`() = test {
        Emulator.start().use { emu ->
            emu.setFaults("""{"primary_rate_limit": {"limit": 1, "window_ms": 60000}}""")
            emu.client(maxRateLimitWait = Duration.ofSeconds(1)).use { client ->
                client.user().list()
                val e = assertFailsWith<CodespacesSecretsException.RateLimited> { client.user().list() }
                assertEquals(403.toUShort(), e.status)
                assertEquals("RATE_LIMITED", e.code())
                val retryAt = assertNotNull(e.retryAt)
                assertTrue(retryAt.isAfter(Instant.now().plusSeconds(30)), "$retryAt")
            }
        }
    }

    @Test
    fun `5xx after the retries is Server`() = test {
        Emulator.start().use { emu ->
            emu.setFaults("""{"server_error_rate": 1.0}""")
            emu.client(maxRetries = 1u).use { client ->
                val e = assertFailsWith<CodespacesSecretsException.Server> { client.user().list() }
                assertTrue(e.status.toInt() in 500..599, "${e.status}")
                assertEquals("SERVER_ERROR", e.code())
                assertEquals(2, emu.log().size, "one try and one retry")
            }
        }
    }

    @Test
    fun `no server is Transport, and so are a failed TLS handshake and a timeout`() = test {
        Client(ClientConfig(token = "ghp_x", baseUrl = "http://127.0.0.1:1", maxRetries = 0u)).use { client ->
            val e = assertFailsWith<CodespacesSecretsException.Transport> { client.user().list() }
            assertEquals("TRANSPORT", e.code())
        }
        Emulator.start().use { emu ->
            // https to a plain-HTTP port: the TLS stack (ring, the OS trust store) is set up and
            // the handshake fails cleanly.
            val https = emu.url.replace("http://", "https://")
            Client(ClientConfig(token = emu.token, baseUrl = https, maxRetries = 0u)).use { client ->
                val tls = assertFailsWith<CodespacesSecretsException.Transport> { client.user().list() }
                assertEquals("TRANSPORT", tls.code())
            }
            emu.setFaults("""{"latency": {"fixed_ms": 3000}}""")
            emu.client(timeout = Duration.ofMillis(200), maxRetries = 0u).use { client ->
                val started = System.nanoTime()
                assertFailsWith<CodespacesSecretsException.Transport> { client.user().list() }
                assertTrue(Duration.ofNanos(System.nanoTime() - started) < Duration.ofMillis(2500))
            }
        }
    }

    @Test
    fun `a 403 that is not a rate limit is Forbidden, another status is Api, a bad body is Decode`() = test {
        val body = """{"message": "Resource not accessible by integration", "documentation_url": "https://docs.github.com/rest"}"""
        StubServer(403, body, mapOf("x-github-request-id" to "ABCD:1234")).use { stub ->
            stub.client().use { client ->
                val e = assertFailsWith<CodespacesSecretsException.Forbidden> { client.user().list() }
                assertEquals(403.toUShort(), e.status)
                assertEquals("ABCD:1234", e.requestId)
                assertEquals("https://docs.github.com/rest", e.documentationUrl)
                assertTrue("Resource not accessible by integration" in e.toString())
                assertEquals("FORBIDDEN", e.code())
            }
        }
        StubServer(418, """{"message": "I'm a teapot"}""").use { stub ->
            stub.client().use { client ->
                val e = assertFailsWith<CodespacesSecretsException.Api> { client.user().get("X") }
                assertEquals(418.toUShort(), e.status)
                assertEquals("API_ERROR", e.code())
            }
        }
        StubServer(200, "this is not json").use { stub ->
            stub.client().use { client ->
                val e = assertFailsWith<CodespacesSecretsException.Decode> { client.user().publicKey() }
                assertEquals("DECODE", e.code())
            }
        }
    }

    @Test
    fun `bad input is InvalidInput naming the field, before any request`() = test {
        Emulator.start().use { emu ->
            emu.client().use { client ->
                val repo = client.repo("octocat", "Hello-World")
                val user = client.user()
                emu.clearLog()
                for (name in listOf("GITHUB_TOKEN", "github_x", "1ABC", "bad-name", "")) {
                    val e = assertFailsWith<CodespacesSecretsException.InvalidInput>(name) { repo.set(name, "v") }
                    assertEquals("name", e.field, name)
                    assertEquals("INVALID_INPUT", e.code())
                }
                val tooBig = assertFailsWith<CodespacesSecretsException.InvalidInput> { repo.set("BIG", "x".repeat(48 * 1024 + 1)) }
                assertEquals("value", tooBig.field)
                assertFailsWith<CodespacesSecretsException.InvalidInput> { user.addRepository("X", -5) }
                assertFailsWith<CodespacesSecretsException.InvalidInput> { repo.get("no spaces") }
                assertFailsWith<CodespacesSecretsException.InvalidInput> { repo.delete("GITHUB_X") }
                val key = assertFailsWith<CodespacesSecretsException.InvalidInput> { seal("not a key", "v") }
                assertEquals("public_key", key.field)
                assertEquals(0, emu.log().size, "nothing was sent")
            }
        }
    }
}
