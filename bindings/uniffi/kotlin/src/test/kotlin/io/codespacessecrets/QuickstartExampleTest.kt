package io.codespacessecrets

import io.codespacessecrets.examples.EMULATOR_REPOSITORY
import io.codespacessecrets.examples.quickstart
import java.io.ByteArrayOutputStream
import java.io.PrintStream
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertTrue

/** examples/kotlin/Quickstart.kt, run against the emulator: it works, says so, and cleans up. */
class QuickstartExampleTest {
    @Test
    fun `the Kotlin quickstart walks the lifecycle and leaves nothing behind`() = test {
        Emulator.start().use { emu ->
            val printed = ByteArrayOutputStream()
            val stdout = System.out
            System.setOut(PrintStream(printed, true, Charsets.UTF_8))
            try {
                emu.client().use { client -> quickstart(client, EMULATOR_REPOSITORY) }
            } finally {
                System.setOut(stdout)
            }
            val text = printed.toString(Charsets.UTF_8)

            assertTrue("DEMO_API_KEY -> CREATED" in text, text)
            assertTrue("DEMO_API_KEY -> UPDATED" in text, text)
            assertTrue("visible to octocat/Hello-World (id $HELLO_WORLD)" in text, text)
            assertTrue("would UPDATE (UNTRACKED): DEMO_API_KEY" in text && "would CREATE (NEW): DEMO_DB_URL" in text, text)
            assertTrue("created [DEMO_DB_URL], updated [DEMO_API_KEY], failed 0" in text, text)
            assertTrue("unchanged [DEMO_API_KEY, DEMO_DB_URL], written 0" in text, text)
            assertTrue("NotFound: HTTP 404" in text, text)
            assertTrue(text.trimEnd().endsWith("Done: 0 secrets left in octocat/Hello-World."), text)
            assertEquals(emptyList(), emu.secrets(REPO))
            assertEquals(emptyList(), emu.secrets(USER))
            // Every write the example made was answered with success: none was refused or redone.
            val writes = emu.log().filter { it.getBoolean("write") }
            assertTrue(writes.all { it.getInt("status") in 200..299 }, writes.toString())
            assertEquals(12, writes.size, "2 sets, 1 user set, 2 synced (the dry run and the unchanged re-sync send none), 2 parallel sets, 5 deletes")
        }
    }
}
