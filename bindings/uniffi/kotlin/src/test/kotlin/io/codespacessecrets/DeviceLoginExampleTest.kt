package io.codespacessecrets

import io.codespacessecrets.examples.devicelogin.logInAndUseUserSecrets
import java.io.ByteArrayOutputStream
import java.io.PrintStream
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertTrue
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay

/** examples/kotlin/DeviceLogin.kt against the emulator, the user approving (or denying) the code. */
class DeviceLoginExampleTest {
    /** Runs the example while the "user" decides on the first code issued; what it printed, and its result. */
    private suspend fun run(emu: Emulator, decision: String): Pair<String, Boolean> = coroutineScope {
        emu.authSettings("""{"device_poll_interval_secs": 0}""")
        val clientId = emu.registerApp().getString("client_id")
        val printed = ByteArrayOutputStream()
        val stdout = System.out
        System.setOut(PrintStream(printed, true, Charsets.UTF_8))
        try {
            val result = async(Dispatchers.IO) { logInAndUseUserSecrets(DeviceFlowOptions(clientId = clientId, baseUrl = emu.url)) }
            var codes = emu.deviceCodes()
            while (codes.isEmpty()) {
                delay(5)
                codes = emu.deviceCodes()
            }
            emu.decide(codes.single().getString("user_code"), decision)
            val ok = result.await()
            printed.toString(Charsets.UTF_8) to ok
        } finally {
            System.setOut(stdout)
        }
    }

    @Test
    fun `the device login example signs in and manages a user secret`() = test {
        Emulator.start().use { emu ->
            val (text, ok) = run(emu, "approve")
            assertTrue(ok, text)
            assertTrue("/login/device and enter " in text, text)
            assertTrue("Signed in as octocat" in text, text)
            assertTrue("DEMO_DEVICE_LOGIN -> CREATED" in text, text)
            assertTrue("token=[redacted]" in text, text)
            assertEquals(emptyList(), emu.secrets(USER))
            assertEquals(1, emu.log().count { it.getString("path") == "/user/codespaces/secrets/DEMO_DEVICE_LOGIN" && it.getString("method") == "PUT" })
        }
    }

    @Test
    fun `the device login example says so when the user declines`() = test {
        Emulator.start().use { emu ->
            val (text, ok) = run(emu, "deny")
            assertFalse(ok, text)
            assertTrue("You declined the login." in text, text)
        }
    }
}
