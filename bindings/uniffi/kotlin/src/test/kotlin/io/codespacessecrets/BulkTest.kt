package io.codespacessecrets

import java.nio.file.Files
import java.util.Collections
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertIs
import kotlin.test.assertTrue

/** setMany and syncEnvFile: reports, progress callbacks from Rust into Kotlin, validation. */
class BulkTest {
    private class Recorder : ProgressListener {
        val seen: MutableList<Progress> = Collections.synchronizedList(mutableListOf())
        override fun onProgress(progress: Progress) {
            seen.add(progress)
        }
    }

    @Test
    fun `a progress listener that throws does not stop the writes`() = test {
        Emulator.start().use { emu ->
            emu.client().use { client ->
                val repo = client.repo("octocat", "Hello-World")
                val throwing = object : ProgressListener {
                    override fun onProgress(progress: Progress) = throw IllegalStateException("the view is gone")
                }
                val report = repo.setMany(entries("P1" to "1", "P2" to "2"), throwing)
                assertEquals(listOf("P1", "P2"), report.created)
                assertEquals(mapOf("P1" to "1", "P2" to "2"), emu.secrets(REPO).associate { it.getString("name") to it.getString("value") })
            }
        }
    }

    @Test
    fun `setMany writes every entry in the given order and reports each`() = test {
        Emulator.start().use { emu ->
            emu.client().use { client ->
                val repo = client.repo("octocat", "Hello-World")
                repo.set("B", "old")
                val recorder = Recorder()
                emu.clearLog()
                val report = repo.setMany(entries("C" to "3", "A" to "1", "b" to "2"), recorder)
                assertEquals(listOf("C", "A"), report.created)
                assertEquals(listOf("B"), report.updated)
                assertEquals(emptyList(), report.failed)
                assertTrue(report.isSuccess())
                assertEquals(3u, report.succeeded())
                assertEquals(mapOf("A" to "1", "B" to "2", "C" to "3"), emu.secrets(REPO).associate { it.getString("name") to it.getString("value") })
                // Progress arrives in the caller's order (not sorted), names as given.
                assertEquals(listOf(1u, 2u, 3u), recorder.seen.map { it.done })
                assertEquals(listOf("C", "A", "b"), recorder.seen.map { it.name })
                assertTrue(recorder.seen.all { it.total == 3u && it.ok })
                // And so do the writes GitHub receives.
                val puts = emu.log().filter { it.getString("method") == "PUT" }.map { it.getString("path").substringAfterLast('/') }
                assertEquals(listOf("C", "A", "B"), puts)
            }
        }
    }

    @Test
    fun `setMany keeps a reversed order too, and refuses a name given twice`() = test {
        Emulator.start().use { emu ->
            emu.client().use { client ->
                val user = client.user()
                val recorder = Recorder()
                val names = listOf("ZULU", "YANKEE", "XRAY", "WHISKEY")
                val report = user.setMany(entries(*names.map { it to "v" }.toTypedArray()), recorder)
                assertEquals(names, report.created)
                assertEquals(names, recorder.seen.map { it.name })
                emu.clearLog()
                val twice = assertFailsWith<CodespacesSecretsException.InvalidInput> {
                    user.setMany(entries("SAME" to "1", "same" to "2"))
                }
                assertTrue("more than once" in twice.toString(), twice.toString())
                assertEquals(0, emu.log().size, "refused before any request")
            }
        }
    }

    @Test
    fun `one bad item refuses the whole batch before any request`() = test {
        Emulator.start().use { emu ->
            emu.client().use { client ->
                emu.clearLog()
                val e = assertFailsWith<CodespacesSecretsException.InvalidInput> {
                    client.user().setMany(entries("GOOD" to "1", "GITHUB_TOKEN" to "2", "9LIVES" to "3"))
                }
                assertTrue("2 of 3 items are invalid" in e.toString(), e.toString())
                assertEquals(0, emu.log().size)
            }
        }
    }

    @Test
    fun `a failed item is in the report with its error, and does not stop the others`() = test {
        Emulator.start().use { emu ->
            emu.client().use { client ->
                val repo = client.repo("octocat", "Hello-World")
                // A full scope: GitHub refuses a 101st secret with 422.
                repo.setMany((1..100).map { SecretEntry("F_$it", "v") })
                val report = repo.setMany(entries("F_1" to "new", "OVER_LIMIT" to "x"))
                assertEquals(listOf("F_1"), report.updated)
                val failure = report.failed.single()
                assertEquals("OVER_LIMIT", failure.name)
                val error = assertIs<CodespacesSecretsException.Validation>(failure.error)
                assertEquals(422.toUShort(), error.status)
                assertEquals("VALIDATION_FAILED", error.code())
                assertFalse(report.isSuccess())
                assertEquals("new", emu.value(REPO, "F_1"))
            }
        }
    }

    @Test
    fun `syncEnvFile plans in a dry run, then creates, updates and prunes`() = test {
        val env = Files.createTempFile("codespaces-secrets", ".env")
        try {
            Files.writeString(env, "# comment\nAPI_URL=https://example.test\nexport DB_PASSWORD=\"s3cret value\"\n")
            Emulator.start().use { emu ->
                emu.client().use { client ->
                    val user = client.user()
                    user.set("DB_PASSWORD", "old")
                    user.set("STALE", "gone soon")
                    emu.clearLog()

                    val plan = user.syncEnvFile(env.toString(), SyncOptions(dryRun = true, prune = true))
                    assertTrue(plan.dryRun)
                    assertEquals(
                        listOf(
                            PlannedChange("API_URL", SyncAction.CREATE, WriteReason.NEW),
                            // No state: nothing records what it holds, so it is written.
                            PlannedChange("DB_PASSWORD", SyncAction.UPDATE, WriteReason.UNTRACKED),
                            PlannedChange("STALE", SyncAction.DELETE, null),
                        ),
                        plan.plan,
                    )
                    assertEquals(0, emu.writes(), "a dry run sends no write")
                    assertEquals("old", emu.value(USER, "DB_PASSWORD"))

                    val recorder = Recorder()
                    val done = user.syncEnvFile(env.toString(), SyncOptions(prune = true), recorder)
                    assertEquals(listOf("API_URL"), done.result.created)
                    assertEquals(listOf("DB_PASSWORD"), done.result.updated)
                    assertEquals(listOf("STALE"), done.result.deleted)
                    assertEquals(3, recorder.seen.size)
                    assertEquals("s3cret value", emu.value(USER, "DB_PASSWORD"))
                    assertEquals("https://example.test", emu.value(USER, "API_URL"))
                    assertEquals(listOf("API_URL", "DB_PASSWORD"), user.list().map { it.name }.sorted())

                    // Without prune, and without options at all, nothing is deleted.
                    user.set("EXTRA", "stays")
                    assertEquals(emptyList(), user.syncEnvFile(env.toString()).result.deleted)
                    assertEquals("stays", emu.value(USER, "EXTRA"))
                }
            }
        } finally {
            Files.deleteIfExists(env)
        }
    }

    @Test
    fun `a malformed env file is refused without showing its values`() = test {
        val env = Files.createTempFile("codespaces-secrets", ".env")
        try {
            Files.writeString(env, "GOOD=1\nBROKEN='hunter2\n")
            Emulator.start().use { emu ->
                emu.client().use { client ->
                    val e = assertFailsWith<CodespacesSecretsException.InvalidInput> { client.user().syncEnvFile(env.toString()) }
                    assertEquals("env_file", e.field)
                    assertFalse("hunter2" in e.toString() || "hunter2" in e.message.orEmpty())
                    val missing = assertFailsWith<CodespacesSecretsException.InvalidInput> {
                        client.user().syncEnvFile(env.resolveSibling("does-not-exist.env").toString())
                    }
                    assertEquals("env_file", missing.field)
                }
            }
        } finally {
            Files.deleteIfExists(env)
        }
    }
}
