package io.codespacessecrets

import java.nio.file.Files
import java.nio.file.Path
import java.util.Collections
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertNull
import kotlin.test.assertTrue

/**
 * Fleets from Kotlin: plan, apply and check from a manifest built of data classes and from a
 * TOML file, against the emulator binary (repositories with topics made through its control
 * route), values read back decrypted; the progress listener, cancellation between writes with
 * the state saved, saved plans, and errors as `CodespacesSecretsException` subclasses.
 */
class FleetTest {
    /** acme's six repositories, the value sources in a temporary folder, the state beside them. */
    private class Fleet(val emu: Emulator) : AutoCloseable {
        val dir: Path = Files.createTempDirectory("codespaces-secrets-kotlin-fleet")
        val client = emu.client()
        val path: Path = dir.resolve("fleet.toml")
        val plan = PlanOptions(state = dir.resolve("state.json").toString(), stateKeyFile = dir.resolve("state.key").toString())
        val apply = ApplyOptions(state = plan.state, stateKeyFile = plan.stateKeyFile)

        init {
            val repos = (0 until 6).joinToString(",", "[", "]") { i ->
                """{"owner":"acme","name":"svc-$i","topics":["${if (i < 4) "codespaces" else "web"}"]}"""
            }
            check(emu.control("POST", "repositories", repos).statusCode() == 201)
            Files.writeString(dir.resolve("npm.txt"), "npm-1")
            Files.writeString(dir.resolve("dev.env"), "DEV=dev-1\n")
            Files.writeString(path, TOML)
        }

        /** The same manifest as data classes (absolute paths: data classes have no folder). */
        fun manifest(topics: List<String> = listOf("codespaces")) = ManifestSource.Value(
            FleetManifest(
                name = "platform",
                secrets = mapOf(
                    "NPM_TOKEN" to FleetSecret(
                        from = ValueSource.File(dir.resolve("npm.txt").toString()),
                        repos = listOf("octocat/Hello-World"),
                        reposWhere = listOf(RepoSelector(org = "acme", name = "svc-*", topics = topics)),
                    ),
                    "SHARED_KEY" to FleetSecret(
                        from = ValueSource.Command(listOf("printf", "%s", "shared-1"), timeoutSecs = 10uL),
                        orgs = mapOf("acme" to OrgTarget(visibility = Visibility.SELECTED, repos = listOf("svc-0", "svc-1"))),
                    ),
                    "DEV_TOKEN" to FleetSecret(
                        from = ValueSource.Dotenv(dir.resolve("dev.env").toString(), key = "DEV"),
                        user = UserTarget(repos = listOf("octocat/Hello-World")),
                    ),
                ),
            ),
        )

        val file get() = ManifestSource.File(path.toString())

        fun writes() = emu.log().count { it.getBoolean("write") && it.getInt("status") < 300 }

        fun assertValues(npm: String = "npm-1") {
            for (repo in listOf("octocat/Hello-World", "acme/svc-0", "acme/svc-1", "acme/svc-2", "acme/svc-3")) {
                assertEquals(npm, emu.value("repos/$repo", "NPM_TOKEN"), repo)
            }
            for (repo in listOf("acme/svc-4", "acme/svc-5")) assertNull(emu.value("repos/$repo", "NPM_TOKEN"), repo)
            assertEquals("shared-1", emu.value("orgs/acme", "SHARED_KEY"))
            assertEquals("dev-1", emu.value(USER, "DEV_TOKEN"))
        }

        override fun close() {
            client.close()
            dir.toFile().deleteRecursively()
        }
    }

    private class Recorder(val onEach: (ApplyProgress) -> Unit = {}) : ApplyListener {
        val seen: MutableList<ApplyProgress> = Collections.synchronizedList(mutableListOf())
        override fun onProgress(progress: ApplyProgress) {
            seen.add(progress)
            onEach(progress)
        }
    }

    private fun fleet(block: suspend (Fleet) -> Unit) = test {
        Emulator.start().use { emu -> Fleet(emu).use { block(it) } }
    }

    @Test
    fun `plan and apply data classes, then check finds nothing to do`() = fleet { f ->
        val plan = f.client.plan(f.manifest(), f.plan)
        assertEquals(emptyList(), plan.errors())
        assertTrue(plan.hasChanges())
        assertEquals(WRITES.toULong(), plan.totals().writes)
        assertTrue(plan.totals().reads > 0uL)
        assertEquals(0, f.writes(), "a plan writes nothing")
        val creates = plan.changes().filter { it.action == ChangeAction.CREATE }
        assertEquals(WRITES, creates.size)
        assertEquals(setOf(ChangeReason.NEW), creates.map { it.reason }.toSet())
        val shared = plan.changes().single { it.name == "SHARED_KEY" }
        assertEquals("orgs/acme", shared.scope)
        assertEquals(listOf("acme/svc-0", "acme/svc-1"), shared.access?.added?.sorted())

        val recorder = Recorder()
        val report = f.client.apply(plan, f.apply, recorder)
        assertFalse(report.cancelled)
        assertEquals(0uL, report.remaining)
        assertEquals(WRITES.toULong(), report.writes)
        assertEquals(WRITES, f.writes())
        assertTrue(report.items.all { it.error == null })
        assertEquals((1..WRITES).map { it.toUInt() }, recorder.seen.filter { it.waiting == null }.map { it.done })
        assertTrue(recorder.seen.all { it.total == WRITES.toUInt() && it.ok })
        f.assertValues()

        val again = f.client.check(f.manifest(), f.plan)
        assertFalse(again.hasChanges())
        assertEquals(setOf(ChangeAction.UNCHANGED), again.changes().map { it.action }.toSet())
        // Checked once more: the lists answer 304 from the ETags kept beside the state.
        val third = f.client.check(f.manifest(), f.plan).totals()
        assertTrue(third.notModified > 0uL && third.notModified <= third.reads, "$third")
        assertEquals(0uL, third.points)
        assertTrue(third.rateRemaining != null)
    }

    @Test
    fun `applyManifest a file, then a changed value is written again and nothing shows it`() = fleet { f ->
        assertEquals(WRITES.toULong(), f.client.applyManifest(f.file, f.apply).writes)
        f.assertValues()

        Files.writeString(f.dir.resolve("npm.txt"), "npm-2")
        val plan = f.client.plan(f.file, f.plan)
        assertEquals(5uL, plan.totals().writes)
        assertEquals(setOf(ChangeReason.CHANGED), plan.changes().filter { it.action == ChangeAction.UPDATE }.map { it.reason }.toSet())
        assertFalse(plan.toString().contains("npm-2"), plan.toString())
        f.client.apply(plan, f.apply)
        f.assertValues("npm-2")
    }

    @Test
    fun `cancel stops between writes with the state saved and the next apply does the rest`() = fleet { f ->
        val cancel = CancelHandle()
        val recorder = Recorder { if (it.waiting == null && it.done == 3u) cancel.cancel() }
        val report = f.client.applyManifest(f.manifest(), f.apply, recorder, cancel)
        assertTrue(report.cancelled)
        assertEquals(3uL, report.writes)
        assertEquals(3, report.items.size)
        assertEquals((WRITES - 3).toULong(), report.remaining)
        assertEquals(3, f.writes())

        val rest = f.client.plan(f.manifest(), f.plan)
        assertEquals((WRITES - 3).toULong(), rest.totals().writes, "the state recorded the three")
        f.client.apply(rest, f.apply)
        assertEquals(WRITES, f.writes(), "nothing written twice")
        f.assertValues()
    }

    @Test
    fun `a saved plan applies later and is refused once a value moved`() = fleet { f ->
        val saved = f.dir.resolve("plan.json").toString()
        f.client.plan(f.file, f.plan).save(saved)
        assertFalse(Files.readString(Path.of(saved)).contains("npm-1"))
        val plan = f.client.loadSavedPlan(saved, f.plan)
        assertEquals(WRITES.toULong(), f.client.apply(plan, f.apply).writes)

        f.client.plan(f.file, f.plan).save(saved)
        Files.writeString(f.dir.resolve("npm.txt"), "npm-3")
        val stale = assertFailsWith<CodespacesSecretsException.InvalidInput> { f.client.loadSavedPlan(saved, f.plan) }
        assertTrue(stale.toString().contains("stale"), stale.toString())
    }

    @Test
    fun `errors are CodespacesSecretsException subclasses with the SDK's codes`() = fleet { f ->
        val missing = assertFailsWith<CodespacesSecretsException.InvalidInput> {
            f.client.plan(ManifestSource.File(f.dir.resolve("missing.toml").toString()))
        }
        assertEquals("INVALID_INPUT", missing.code())
        val badName = ManifestSource.Value(FleetManifest(name = "platform", secrets = mapOf("GITHUB_X" to FleetSecret(ValueSource.Env("X"), repos = listOf("o/r")))))
        assertFailsWith<CodespacesSecretsException.InvalidInput> { f.client.check(badName) }
        val noTarget = ManifestSource.Value(FleetManifest(name = "platform", secrets = mapOf("A" to FleetSecret(ValueSource.Env("X")))))
        assertFailsWith<CodespacesSecretsException.InvalidInput> { f.client.plan(noTarget) }

        val plan = f.client.plan(f.manifest(topics = listOf("no-such-topic")))
        assertEquals(listOf("selector_matched_nothing"), plan.errors().map { it.kind })
        assertFailsWith<CodespacesSecretsException.InvalidInput> { f.client.apply(plan) }
        assertEquals(0, f.writes())

        f.emu.client(token = "ghp_wrong").use { stranger ->
            val e = assertFailsWith<CodespacesSecretsException.Unauthorized> { stranger.check(f.manifest()) }
            assertEquals("UNAUTHORIZED", e.code())
        }
    }

    companion object {
        /** NPM_TOKEN: Hello-World and acme's svc-0..3 (the topic); SHARED_KEY: acme's selected
         * svc-0, svc-1; DEV_TOKEN: the user's, for Hello-World. */
        const val WRITES = 7

        val TOML = """
            version = 1
            name = "platform"

            [secrets.NPM_TOKEN]
            from = { file = "npm.txt" }
            repos = ["octocat/Hello-World"]
            repos_where = [{ org = "acme", name = "svc-*", topics = ["codespaces"] }]

            [secrets.SHARED_KEY]
            from = { command = ["printf", "%s", "shared-1"] }
            orgs = { acme = { visibility = "selected", repos = ["svc-0", "svc-1"] } }

            [secrets.DEV_TOKEN]
            from = { dotenv = "dev.env", key = "DEV" }
            user = { repos = ["octocat/Hello-World"] }
        """.trimIndent()
    }
}
