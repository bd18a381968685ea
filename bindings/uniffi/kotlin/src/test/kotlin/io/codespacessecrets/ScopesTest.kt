package io.codespacessecrets

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue
import org.json.JSONObject

/** Every operation of each scope, through the generated Kotlin, checked against the emulator. */
class ScopesTest {
    private fun JSONObject.repositoryIds(): List<Long> {
        val ids = getJSONArray("selected_repository_ids")
        return (0 until ids.length()).map { ids.getLong(it) }.sorted()
    }

    @Test
    fun `user secrets - public key, set with repositories, get, list, repository management, delete`() = test {
        Emulator.start().use { emu ->
            emu.client().use { client ->
                val user = client.user()
                assertEquals("user", user.path())
                val key = user.publicKey()
                assertEquals(JSONObject(emu.control("GET", "$USER/public-key").body()).getString("key"), key.key)
                assertTrue(key.keyId.isNotEmpty())

                val options = SetOptions(selectedRepositoryIds = listOf(HELLO_WORLD))
                assertEquals(SetOutcome.CREATED, user.set("API_KEY", "k-1", options))
                assertEquals("k-1", emu.value(USER, "API_KEY"))
                assertEquals(listOf(HELLO_WORLD), emu.secret(USER, "API_KEY")!!.repositoryIds())

                val secret = user.get("api_key")
                assertEquals("API_KEY", secret.name)
                assertEquals(Visibility.SELECTED, secret.visibility)
                assertTrue(secret.selectedRepositoriesUrl!!.endsWith("/user/codespaces/secrets/API_KEY/repositories"))

                val repos = user.repositories("API_KEY")
                assertEquals(listOf(HELLO_WORLD), repos.map { it.id })
                assertEquals("octocat/Hello-World", repos.single().fullName)
                assertEquals("octocat", repos.single().ownerLogin)

                user.addRepository("API_KEY", SPOON_KNIFE)
                assertEquals(listOf(HELLO_WORLD, SPOON_KNIFE), user.repositories("API_KEY").map { it.id }.sorted())
                user.removeRepository("API_KEY", HELLO_WORLD)
                assertEquals(listOf(SPOON_KNIFE), emu.secret(USER, "API_KEY")!!.repositoryIds())
                user.setRepositories("API_KEY", listOf(HELLO_WORLD, SPOON_KNIFE))
                assertEquals(listOf(HELLO_WORLD, SPOON_KNIFE), emu.secret(USER, "API_KEY")!!.repositoryIds())
                user.setRepositories("API_KEY", emptyList())
                assertEquals(emptyList(), user.repositories("API_KEY"))

                assertEquals(SetOutcome.UPDATED, user.set("API_KEY", "k-2"))
                assertEquals("k-2", emu.value(USER, "API_KEY"))
                assertEquals(listOf("API_KEY"), user.list().map { it.name })
                user.delete("API_KEY")
                assertNull(emu.secret(USER, "API_KEY"))
                assertEquals(emptyList(), user.list())
            }
        }
    }

    @Test
    fun `repository secrets - public key, set, setBytes, get, list, delete`() = test {
        Emulator.start().use { emu ->
            emu.client().use { client ->
                val repo = client.repo("octocat", "Hello-World")
                val key = repo.publicKey()
                assertEquals(JSONObject(emu.control("GET", "$REPO/public-key").body()).getString("key_id"), key.keyId)

                assertEquals(SetOutcome.CREATED, repo.set("TEXT", "héllo wörld ✓"))
                assertEquals("héllo wörld ✓", emu.value(REPO, "TEXT"))
                val bytes = byteArrayOf(0, 1, -2, -3, 127, -128)
                assertEquals(SetOutcome.CREATED, repo.setBytes("BINARY", bytes))
                val stored = java.util.Base64.getDecoder().decode(emu.secret(REPO, "BINARY")!!.getString("value_base64"))
                assertTrue(bytes.contentEquals(stored))

                val listed = repo.list()
                assertEquals(listOf("BINARY", "TEXT"), listed.map { it.name }.sorted())
                assertTrue(listed.all { it.visibility == null && it.selectedRepositoriesUrl == null })
                assertEquals(listed.first { it.name == "TEXT" }, repo.get("text"))

                repo.delete("TEXT")
                repo.delete("BINARY")
                assertEquals(emptyList(), emu.secrets(REPO))
            }
        }
    }

    @Test
    fun `organization secrets - visibility, selected repositories, delete`() = test {
        Emulator.start().use { emu ->
            emu.client().use { client ->
                val org = client.org("octo-org")
                assertEquals("orgs/octo-org", org.path())
                assertNotNull(org.publicKey().key)

                assertEquals(SetOutcome.CREATED, org.set("NPM_TOKEN", "npm-1"))
                assertEquals(Visibility.PRIVATE, org.get("NPM_TOKEN").visibility, "private when not given")
                assertEquals("private", emu.secret(ORG, "NPM_TOKEN")!!.getString("visibility"))

                val selected = SetOptions(visibility = Visibility.SELECTED, selectedRepositoryIds = listOf(OCTO_REPO))
                assertEquals(SetOutcome.UPDATED, org.set("NPM_TOKEN", "npm-2", selected))
                assertEquals("npm-2", emu.value(ORG, "NPM_TOKEN"))
                assertEquals(Visibility.SELECTED, org.get("NPM_TOKEN").visibility)
                assertEquals(listOf(OCTO_REPO), org.repositories("NPM_TOKEN").map { it.id })

                org.addRepository("NPM_TOKEN", OCTO_SERVICE)
                assertEquals(listOf(OCTO_REPO, OCTO_SERVICE), emu.secret(ORG, "NPM_TOKEN")!!.repositoryIds())
                org.removeRepository("NPM_TOKEN", OCTO_REPO)
                assertEquals(listOf(OCTO_SERVICE), org.repositories("NPM_TOKEN").map { it.id })
                org.setRepositories("NPM_TOKEN", listOf(OCTO_REPO, OCTO_SERVICE))
                assertEquals(listOf(OCTO_REPO, OCTO_SERVICE), emu.secret(ORG, "NPM_TOKEN")!!.repositoryIds())

                org.set("NPM_TOKEN", "npm-3", SetOptions(visibility = Visibility.ALL))
                assertEquals(Visibility.ALL, org.list().single().visibility)
                assertEquals("npm-3", emu.value(ORG, "NPM_TOKEN"))
                org.delete("NPM_TOKEN")
                assertEquals(emptyList(), org.list())
            }
        }
    }

    @Test
    fun `repository secrets have no selected repositories and take no options`() = test {
        Emulator.start().use { emu ->
            emu.client().use { client ->
                val repo = client.repo("octocat", "Hello-World")
                emu.clearLog()
                val noRepos = assertFailsWith<CodespacesSecretsException.InvalidInput> { repo.repositories("X") }
                assertEquals("scope", noRepos.field)
                assertFailsWith<CodespacesSecretsException.InvalidInput> { repo.addRepository("X", HELLO_WORLD) }
                assertFailsWith<CodespacesSecretsException.InvalidInput> {
                    repo.set("X", "v", SetOptions(visibility = Visibility.ALL))
                }
                assertEquals(0, emu.log().size, "refused before any request")
            }
        }
    }

    @Test
    fun `all of a full scope's secrets are listed, and the 101st is refused by GitHub`() = test {
        Emulator.start().use { emu ->
            emu.client().use { client ->
                val repo = client.repo("octocat", "Spoon-Knife")
                val secrets = (1..100).associate { "S_%03d".format(it) to "v$it" }
                val report = repo.setMany(entries(secrets))
                assertEquals(100, report.created.size)
                assertEquals(secrets.keys.sorted(), repo.list().map { it.name }.sorted())
                val full = assertFailsWith<CodespacesSecretsException.Validation> { repo.set("ONE_TOO_MANY", "x") }
                assertEquals(422.toUShort(), full.status)
            }
        }
    }
}
