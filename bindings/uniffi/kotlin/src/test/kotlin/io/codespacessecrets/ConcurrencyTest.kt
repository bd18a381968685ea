package io.codespacessecrets

import java.time.Duration
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.withTimeoutOrNull
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertNull
import kotlin.test.assertTrue

/** suspend functions that really suspend: many at once, on one thread or many, and cancellable. */
class ConcurrencyTest {
    @Test
    fun `many sets from parallel coroutines all arrive intact`() = test {
        Emulator.start().use { emu ->
            emu.client().use { client ->
                val repo = client.repo("octocat", "Hello-World")
                val names = (1..40).map { "PARALLEL_$it" }
                val outcomes = coroutineScope {
                    names.map { name -> async(Dispatchers.Default) { repo.set(name, "value of $name") } }.awaitAll()
                }
                assertTrue(outcomes.all { it == SetOutcome.CREATED })
                val stored = emu.secrets(REPO).associate { it.getString("name") to it.getString("value") }
                assertEquals(names.associateWith { "value of $it" }, stored)
                assertEquals(40, emu.writes())
            }
        }
    }

    @Test
    fun `all three scopes at once, from many threads`() = test {
        Emulator.start().use { emu ->
            emu.client().use { client ->
                val scopes = listOf(client.user(), client.repo("octocat", "Spoon-Knife"), client.org("octo-org"))
                coroutineScope {
                    scopes.flatMap { scope ->
                        (1..10).map { i ->
                            async(Dispatchers.IO) {
                                scope.set("S_$i", "${scope.path()}#$i")
                                assertEquals("S_$i", scope.get("S_$i").name)
                                scope.publicKey()
                            }
                        }
                    }.awaitAll()
                }
                assertEquals("user#7", emu.value(USER, "S_7"))
                assertEquals("repos/octocat/Spoon-Knife#3", emu.value("repos/octocat/Spoon-Knife", "S_3"))
                assertEquals(10, client.org("octo-org").list().size)
            }
        }
    }

    @Test
    fun `calls suspend rather than block - ten slow reads on one thread overlap`() = test {
        Emulator.start().use { emu ->
            emu.client().use { client ->
                val repo = client.repo("octocat", "Hello-World")
                repo.set("SLOW", "v")
                emu.setFaults("""{"latency": {"fixed_ms": 400}}""")
                val started = System.nanoTime()
                // runBlocking's event loop is a single thread: overlap proves nothing blocks it.
                val names = (1..10).map { async { repo.get("SLOW").name } }.awaitAll()
                val elapsed = Duration.ofNanos(System.nanoTime() - started)
                assertEquals(List(10) { "SLOW" }, names)
                assertTrue(elapsed < Duration.ofMillis(2000), "10 reads of 400 ms took $elapsed")
            }
        }
    }

    @Test
    fun `a cancelled call returns at once and the client stays usable`() = test {
        Emulator.start().use { emu ->
            emu.client().use { client ->
                emu.setFaults("""{"latency": {"fixed_ms": 5000}}""")
                val started = System.nanoTime()
                assertNull(withTimeoutOrNull(300) { client.user().list() })
                assertTrue(Duration.ofNanos(System.nanoTime() - started) < Duration.ofMillis(2000))
                emu.control("DELETE", "faults")
                assertEquals(SetOutcome.CREATED, client.user().set("AFTER_CANCEL", "ok"))
                assertEquals("ok", emu.value(USER, "AFTER_CANCEL"))
            }
        }
    }
}
