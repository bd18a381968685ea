package io.codespacessecrets

import java.util.Base64
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNull
import kotlin.test.assertTrue
import org.json.JSONObject

/** One secret from birth to deletion, checked against what the emulator decrypted at each step. */
class LifecycleTest {
    @Test
    fun `a repository secret from creation to deletion, across a key rotation`() = test {
        Emulator.start().use { emu ->
            emu.client().use { client ->
                val repo = client.repo("octocat", "Hello-World")
                assertEquals("repos/octocat/Hello-World", repo.path())

                assertEquals(SetOutcome.CREATED, repo.set("db_password", "hunter2"))
                assertEquals("hunter2", emu.value(REPO, "DB_PASSWORD"))
                val created = repo.get("DB_PASSWORD")
                assertEquals("DB_PASSWORD", created.name)
                assertNull(created.visibility, "repository secrets have no visibility")

                emu.rotateKey(REPO)
                assertEquals(SetOutcome.UPDATED, repo.set("DB_PASSWORD", "correct horse battery staple"))
                assertEquals("correct horse battery staple", emu.value(REPO, "DB_PASSWORD"))
                val updated = repo.get("db_password")
                assertEquals(created.createdAt, updated.createdAt)
                assertTrue(!updated.updatedAt.isBefore(created.updatedAt))

                assertEquals(listOf("DB_PASSWORD"), repo.list().map { it.name })
                repo.delete("DB_PASSWORD")
                assertNull(emu.secret(REPO, "DB_PASSWORD"))
                assertEquals(emptyList(), repo.list())
                assertFailsWith<CodespacesSecretsException.NotFound> { repo.get("DB_PASSWORD") }
            }
        }
    }

    @Test
    fun `seal output is what GitHub accepts, and the emulator opens it`() = test {
        Emulator.start().use { emu ->
            val key = emu.client().use { it.user().publicKey() }
            val sealed = seal(key.key, "hunter2")
            assertEquals(7 + 48, Base64.getDecoder().decode(sealed).size, "a sealed box adds 48 bytes")
            val body = JSONObject(mapOf("encrypted_value" to sealed, "key_id" to key.keyId)).toString()
            assertEquals(201, emu.api("PUT", "/user/codespaces/secrets/RAW_SEALED", body).statusCode())
            assertEquals("hunter2", emu.value(USER, "RAW_SEALED"))

            val bytes = byteArrayOf(0, -1, 10, -128)
            val sealedBytes = sealBytes(key.key, bytes)
            val bytesBody = JSONObject(mapOf("encrypted_value" to sealedBytes, "key_id" to key.keyId)).toString()
            assertEquals(201, emu.api("PUT", "/user/codespaces/secrets/RAW_BYTES", bytesBody).statusCode())
            val stored = emu.secret(USER, "RAW_BYTES")!!
            assertEquals(Base64.getEncoder().encodeToString(bytes), stored.getString("value_base64"))
        }
    }
}
