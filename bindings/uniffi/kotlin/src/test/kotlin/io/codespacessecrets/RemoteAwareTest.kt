package io.codespacessecrets

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermission.OWNER_READ
import java.nio.file.attribute.PosixFilePermission.OWNER_WRITE
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertTrue
import org.json.JSONObject
import org.junit.jupiter.api.io.TempDir

/**
 * Writes that change only what was asked: organization secrets keep their access on plain
 * updates, and a sync with a state writes only new and changed values. The state and its key
 * always live in the test's temporary directory, never in the user's config directory.
 */
class RemoteAwareTest {
    private fun Emulator.puts() = log().count { it.getString("method") == "PUT" }

    private fun JSONObject.repositoryIds(): List<Long> {
        val ids = getJSONArray("selected_repository_ids")
        return (0 until ids.length()).map { ids.getLong(it) }.sorted()
    }

    @Test
    fun `an organization secret keeps its visibility and repositories through set, setMany and sync`() = test {
        Emulator.start().use { emu ->
            emu.client().use { client ->
                val org = client.org("octo-org")
                val both = listOf(OCTO_REPO, OCTO_SERVICE)
                org.set("NPM_TOKEN", "npm-1", SetOptions(visibility = Visibility.SELECTED, selectedRepositoryIds = both))
                org.set("WIDE", "w-1", SetOptions(visibility = Visibility.ALL))

                fun assertAccessKept(value: String) {
                    assertEquals(value, emu.value(ORG, "NPM_TOKEN"))
                    assertEquals("selected", emu.secret(ORG, "NPM_TOKEN")!!.getString("visibility"))
                    assertEquals(both, emu.secret(ORG, "NPM_TOKEN")!!.repositoryIds())
                    assertEquals("all", emu.secret(ORG, "WIDE")!!.getString("visibility"))
                }

                assertEquals(SetOutcome.UPDATED, org.set("NPM_TOKEN", "npm-2"))
                assertEquals(Visibility.SELECTED, org.get("NPM_TOKEN").visibility)
                assertEquals(both, org.repositories("NPM_TOKEN").map { it.id }.sorted())
                assertAccessKept("npm-2")

                assertEquals(listOf("NPM_TOKEN", "WIDE"), org.setMany(entries("NPM_TOKEN" to "npm-3", "WIDE" to "w-2")).updated)
                assertAccessKept("npm-3")

                val synced = org.sync(entries("NPM_TOKEN" to "npm-4", "WIDE" to "w-3", "FRESH" to "f-1"))
                assertEquals(listOf("FRESH"), synced.result.created)
                assertAccessKept("npm-4")
                assertEquals(Visibility.PRIVATE, org.get("FRESH").visibility, "a new organization secret is private")
                // Repository ids alone mean SELECTED.
                org.set("FRESH", "f-2", SetOptions(selectedRepositoryIds = listOf(OCTO_REPO)))
                assertEquals(Visibility.SELECTED, org.get("FRESH").visibility)
                assertEquals(listOf(OCTO_REPO), org.repositories("FRESH").map { it.id })
            }
        }
    }

    @Test
    fun `a second sync with a state sends no write and reports every secret unchanged`(@TempDir tmp: Path) = test {
        val state = tmp.resolve("state.json")
        val key = tmp.resolve("key")
        val options = SyncOptions(state = state.toString(), stateKeyFile = key.toString())
        Emulator.start().use { emu ->
            emu.client().use { client ->
                val repo = client.repo("octocat", "Hello-World")
                repo.set("API_URL", "set before any state")
                val desired = entries("ZETA" to "zeta-value-1", "api_url" to "https://api.example", "ALPHA" to "alpha-value-1")

                val first = repo.sync(desired, options)
                assertEquals(
                    listOf(
                        PlannedChange("ZETA", SyncAction.CREATE, WriteReason.NEW),
                        PlannedChange("API_URL", SyncAction.UPDATE, WriteReason.UNTRACKED),
                        PlannedChange("ALPHA", SyncAction.CREATE, WriteReason.NEW),
                    ),
                    first.plan,
                    "the plan keeps the caller's order",
                )
                assertEquals(emptyList(), first.unchanged)
                assertEquals(listOf("ZETA", "ALPHA"), first.result.created)
                assertEquals(listOf("API_URL"), first.result.updated)
                assertEquals("https://api.example", emu.value(REPO, "API_URL"))

                emu.clearLog()
                val second = repo.sync(desired, options)
                assertEquals(0, emu.puts(), emu.log().toString())
                assertEquals(0, emu.writes())
                assertEquals(1, emu.log().size, "one list request, not even the public key: ${emu.log()}")
                assertEquals(listOf("ZETA", "API_URL", "ALPHA"), second.unchanged)
                assertEquals(listOf("ZETA", "API_URL", "ALPHA"), second.plan.map { it.name })
                assertTrue(second.plan.all { it.action == SyncAction.UNCHANGED && it.reason == null }, second.plan.toString())
                assertTrue(second.result.isSuccess())
                assertEquals(0u, second.result.succeeded())

                // The state holds no value, and it and its key are private to the user.
                val stored = Files.readString(state)
                for (value in listOf("zeta-value-1", "https://api.example", "alpha-value-1")) {
                    assertFalse(value in stored, "a value in the state file")
                }
                assertEquals(setOf(OWNER_READ, OWNER_WRITE), Files.getPosixFilePermissions(state))
                assertEquals(setOf(OWNER_READ, OWNER_WRITE), Files.getPosixFilePermissions(key))
            }
        }
    }

    @Test
    fun `a changed value is written with its reason, and only it`(@TempDir tmp: Path) = test {
        val options = SyncOptions(state = tmp.resolve("state.json").toString(), stateKeyFile = tmp.resolve("key").toString())
        Emulator.start().use { emu ->
            emu.client().use { client ->
                val repo = client.repo("octocat", "Hello-World")
                repo.sync(entries("A" to "a-1", "B" to "b-1", "C" to "c-1"), options)

                emu.clearLog()
                val changed = repo.sync(entries("A" to "a-1", "B" to "b-2", "C" to "c-1"), options)
                assertEquals(
                    listOf(
                        PlannedChange("A", SyncAction.UNCHANGED, null),
                        PlannedChange("B", SyncAction.UPDATE, WriteReason.CHANGED),
                        PlannedChange("C", SyncAction.UNCHANGED, null),
                    ),
                    changed.plan,
                )
                assertEquals(listOf("A", "C"), changed.unchanged)
                assertEquals(listOf("B"), changed.result.updated)
                assertEquals(1, emu.puts())
                assertEquals("b-2", emu.value(REPO, "B"))

                // Another tool overwrites A on GitHub (a second later, so updated_at moves).
                Thread.sleep(1_100)
                emu.client().use { other -> other.repo("octocat", "Hello-World").set("A", "from elsewhere") }
                val elsewhere = repo.sync(entries("A" to "a-1", "B" to "b-2"), options)
                assertEquals(PlannedChange("A", SyncAction.UPDATE, WriteReason.CHANGED_ELSEWHERE), elsewhere.plan[0])
                assertEquals(SyncAction.UNCHANGED, elsewhere.plan[1].action)
                assertEquals("a-1", emu.value(REPO, "A"))

                val forced = repo.sync(entries("A" to "a-1"), options.copy(force = true))
                assertEquals(listOf(PlannedChange("A", SyncAction.UPDATE, WriteReason.FORCED)), forced.plan)
            }
        }
    }

    @Test
    fun `syncEnvFile with a state is incremental too, and a dry run leaves the state alone`(@TempDir tmp: Path) = test {
        val env = tmp.resolve(".env")
        val state = tmp.resolve("state.json")
        val options = SyncOptions(state = state.toString(), stateKeyFile = tmp.resolve("key").toString())
        Files.writeString(env, "API_URL=https://example.test\nexport DB_PASSWORD=\"s3cret value\"\n")
        Emulator.start().use { emu ->
            emu.client().use { client ->
                val user = client.user()
                val planned = user.syncEnvFile(env.toString(), options.copy(dryRun = true))
                assertTrue(planned.dryRun)
                assertEquals(listOf(WriteReason.NEW, WriteReason.NEW), planned.plan.map { it.reason })
                assertFalse(Files.exists(state), "a dry run writes no state")
                assertEquals(0, emu.writes())

                val applied = user.syncEnvFile(env.toString(), options)
                assertEquals(listOf("API_URL", "DB_PASSWORD"), applied.result.created)
                assertEquals("s3cret value", emu.value(USER, "DB_PASSWORD"))

                emu.clearLog()
                val again = user.syncEnvFile(env.toString(), options)
                assertEquals(listOf("API_URL", "DB_PASSWORD"), again.unchanged)
                assertEquals(0, emu.puts())

                Files.writeString(env, "API_URL=https://example.test\nDB_PASSWORD=rotated\n")
                val rotated = user.syncEnvFile(env.toString(), options)
                assertEquals(listOf("API_URL"), rotated.unchanged)
                assertEquals(listOf(SyncAction.UNCHANGED, SyncAction.UPDATE), rotated.plan.map { it.action })
                assertEquals(WriteReason.CHANGED, rotated.plan[1].reason)
                assertEquals("rotated", emu.value(USER, "DB_PASSWORD"))
                assertEquals(1, emu.puts())
            }
        }
    }

    @Test
    fun `a secret entry never shows its value, and every entry is checked before any request`() = test {
        val entry = SecretEntry("api_key", "hunter2")
        assertEquals("SecretEntry(name=api_key, value=[redacted])", entry.toString())
        assertEquals("api_key", entry.name())
        Emulator.start().use { emu ->
            emu.client().use { client ->
                emu.clearLog()
                val e = assertFailsWith<CodespacesSecretsException.InvalidInput> {
                    client.user().sync(listOf(entry, SecretEntry("GITHUB_TOKEN", "x")))
                }
                assertFalse("hunter2" in e.toString())
                assertEquals(0, emu.log().size)
            }
        }
    }
}
