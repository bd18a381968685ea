package io.codespacessecrets

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions
import java.time.Duration
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertNull
import kotlin.test.assertTrue
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.async
import kotlinx.coroutines.delay
import kotlinx.coroutines.withTimeoutOrNull

/**
 * `deviceFlow(options, onCode, cancel)` against the emulator binary's `/login/device/code` and
 * `/login/oauth/access_token`, the user's part played through `/_emulator/device-codes`: the
 * code reaches the Kotlin listener, an approval gives a token that manages user secrets, and a
 * denial, an expiry, an unknown client id and a cancellation are `LoginFailed` with their reason.
 */
class DeviceFlowTest {
    /** Remembers the code it is given, for the test to act on as the user. */
    private class Shown : DeviceCodeListener {
        val code = CompletableDeferred<DeviceCode>()
        val thread = CompletableDeferred<String>()

        override fun onCode(code: DeviceCode) {
            thread.complete(Thread.currentThread().name)
            this.code.complete(code)
        }
    }

    /** Runs `block` on the user's side of the flow: given the code, as soon as it is shown. */
    private class Acting(private val block: (DeviceCode) -> Unit) : DeviceCodeListener {
        override fun onCode(code: DeviceCode) = block(code)
    }

    /** An emulator whose device codes may be polled at once (interval 0), and an App's client id. */
    private fun emulator(interval: Int = 0, lifetime: Int = 900): Pair<Emulator, String> {
        val emu = Emulator.start()
        emu.authSettings("""{"device_poll_interval_secs": $interval, "device_code_lifetime_secs": $lifetime}""")
        return emu to emu.registerApp().getString("client_id")
    }

    private fun polls(emu: Emulator) = emu.requestsEndingWith("/login/oauth/access_token").size

    @Test
    fun `the listener gets the code and an approval gives a token that manages user secrets`() = test {
        val (emu, clientId) = emulator()
        emu.use {
            val shown = Shown()
            val login = async { deviceFlow(DeviceFlowOptions(clientId = clientId, baseUrl = emu.url), shown, null) }
            val code = shown.code.await()
            assertTrue(code.verificationUri.endsWith("/login/device"), code.verificationUri)
            assertTrue(code.userCode.isNotBlank())
            assertTrue(code.expiresIn > Duration.ZERO, "${code.expiresIn}")
            assertEquals(Duration.ZERO, code.interval)
            val issued = emu.deviceCodes().single()
            assertEquals(code.userCode, issued.getString("user_code"))
            assertEquals("codespace", issued.getString("scope"), "the default scope")
            // The user approves only after the flow has polled at least once (still pending).
            while (polls(emu) == 0) delay(5)
            emu.decide(code.userCode, "approve")

            val done = login.await()
            assertEquals(emu.url.removePrefix("http://"), done.host())
            assertFalse(done.token() in done.toString(), done.toString())
            assertEquals("DeviceLogin(host=${done.host()}, token=[redacted])", done.toString())
            Client(ClientConfig(token = done.token(), baseUrl = emu.url, writeInterval = Duration.ZERO)).use { client ->
                assertEquals("octocat", client.userLogin())
                assertEquals(SetOutcome.CREATED, client.user().set("FROM_DEVICE", "approved on the phone"))
            }
            assertEquals("approved on the phone", emu.value(USER, "FROM_DEVICE"))
            assertFalse(shown.thread.await().isEmpty())
        }
    }

    @Test
    fun `save keeps the token in a private file of the directory given`() = test {
        val (emu, clientId) = emulator()
        emu.use {
            val login = deviceFlow(
                DeviceFlowOptions(clientId = clientId, baseUrl = emu.url),
                Acting { emu.decide(it.userCode, "approve") },
            )
            val dir = Files.createTempDirectory("cs-device-login")
            try {
                val saved = Path.of(login.save(dir.resolve("logins").toString()))
                assertTrue(saved.startsWith(dir), "$saved")
                assertEquals(login.token(), Files.readString(saved).trim())
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(saved)))
            } finally {
                dir.toFile().deleteRecursively()
            }
        }
    }

    @Test
    fun `a denied login is LoginFailed with reason DENIED`() = test {
        val (emu, clientId) = emulator()
        emu.use {
            val e = assertFailsWith<CodespacesSecretsException.LoginFailed> {
                deviceFlow(DeviceFlowOptions(clientId = clientId, baseUrl = emu.url), Acting { emu.decide(it.userCode, "deny") })
            }
            assertEquals(LoginFailure.DENIED, e.reason)
            assertEquals("LOGIN_FAILED", e.code())
            assertTrue("denied" in e.toString(), e.toString())
            assertEquals(e.detail, e.toString())
        }
    }

    @Test
    fun `a listener that throws cancels the login instead of crashing the app`() = test {
        val (emu, clientId) = emulator(interval = 30)
        emu.use {
            val started = System.nanoTime()
            val e = assertFailsWith<CodespacesSecretsException.LoginFailed> {
                deviceFlow(DeviceFlowOptions(clientId = clientId, baseUrl = emu.url), Acting { throw IllegalStateException("no screen to show it on") })
            }
            assertEquals(LoginFailure.CANCELLED, e.reason, e.toString())
            assertTrue("no screen to show it on" in e.detail, e.detail)
            assertTrue(System.nanoTime() - started < 5_000_000_000L, "did not wait out the 30 s interval")
            assertEquals(0, polls(emu), "no poll after the listener failed")
        }
    }

    @Test
    fun `an expired code is LoginFailed with reason EXPIRED`() = test {
        val (emu, clientId) = emulator(interval = 1, lifetime = 1)
        emu.use {
            val e = assertFailsWith<CodespacesSecretsException.LoginFailed> {
                deviceFlow(DeviceFlowOptions(clientId = clientId, baseUrl = emu.url), Acting {})
            }
            assertEquals(LoginFailure.EXPIRED, e.reason, e.toString())
        }
    }

    @Test
    fun `an unknown client id is LoginFailed with reason REFUSED`() = test {
        Emulator.start().use { emu ->
            val e = assertFailsWith<CodespacesSecretsException.LoginFailed> {
                deviceFlow(DeviceFlowOptions(clientId = "Iv23liNoSuchApp0000", baseUrl = emu.url), Acting {})
            }
            assertEquals(LoginFailure.REFUSED, e.reason, e.toString())
        }
    }

    @Test
    fun `cancel ends the wait at once with reason CANCELLED`() = test {
        // GitHub's usual 5 s interval would keep the flow waiting long after the cancel.
        val (emu, clientId) = emulator(interval = 30)
        emu.use {
            val cancel = CancelHandle()
            assertFalse(cancel.isCancelled())
            val shown = Shown()
            val started = System.nanoTime()
            val login = async {
                runCatching { deviceFlow(DeviceFlowOptions(clientId = clientId, baseUrl = emu.url), shown, cancel) }
            }
            shown.code.await()
            delay(100)
            cancel.cancel()
            val e = login.await().exceptionOrNull()
            val elapsed = Duration.ofNanos(System.nanoTime() - started)
            assertTrue(e is CodespacesSecretsException.LoginFailed, "$e")
            assertEquals(LoginFailure.CANCELLED, e.reason)
            assertTrue(cancel.isCancelled())
            assertTrue(elapsed < Duration.ofSeconds(5), "cancelled after $elapsed")
        }
    }

    @Test
    fun `cancelling the coroutine stops the flow`() = test {
        val (emu, clientId) = emulator(interval = 30)
        emu.use {
            val started = System.nanoTime()
            val login = withTimeoutOrNull(500) {
                deviceFlow(DeviceFlowOptions(clientId = clientId, baseUrl = emu.url), Shown())
            }
            assertNull(login)
            assertTrue(Duration.ofNanos(System.nanoTime() - started) < Duration.ofSeconds(5))
        }
    }
}
