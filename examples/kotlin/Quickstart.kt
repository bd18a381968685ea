/*
 * A whole Codespaces-secrets lifecycle from Kotlin, printed step by step: the same walk as
 * `make demo` (Rust), examples/python/quickstart.py and examples/node/quickstart.mjs.
 *
 * It reads GITHUB_API_URL and GITHUB_TOKEN like every client of the SDK. Against the emulator
 * (`codespaces-secrets-emulator` prints both) it uses the demo repository octocat/Hello-World;
 * against GitHub, set CODESPACES_SECRETS_DEMO_REPO=owner/repo: everything it creates is deleted.
 *
 * `make kotlin-test` compiles this file with the test sources and runs `quickstart` against the
 * emulator binary (QuickstartExampleTest), so the example cannot drift from the library.
 */
package io.codespacessecrets.examples

import io.codespacessecrets.Client
import io.codespacessecrets.ClientConfig
import io.codespacessecrets.CodespacesSecretsException
import io.codespacessecrets.SecretEntry
import io.codespacessecrets.SetOptions
import io.codespacessecrets.SyncOptions
import java.nio.file.Files
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope

/** Where the demo writes: a repository, and its id when selected repositories should be shown. */
data class DemoRepository(val owner: String, val name: String, val id: Long?)

/** The emulator's demo repository (its id is fixed by the emulator's seed data). */
val EMULATOR_REPOSITORY = DemoRepository("octocat", "Hello-World", 1296269L)

private fun step(title: String) = println("\n$title")

/** Walks the lifecycle on [target] with [client], printing each step, and cleans up. */
suspend fun quickstart(client: Client, target: DemoRepository) {
    val repo = client.repo(target.owner, target.name)

    step("1. Fetch the repository's public key")
    val key = repo.publicKey()
    println("   key_id ${key.keyId} / key ${key.key}")

    step("2. Set a secret: sealed locally with the key, then stored")
    println("   DEMO_API_KEY -> ${repo.set("DEMO_API_KEY", "k-123-first")}")

    step("3. Set it again: same name, new value")
    println("   DEMO_API_KEY -> ${repo.set("demo_api_key", "k-456-second")}")

    step("4. List the repository's secrets (names and dates; GitHub never returns values)")
    repo.list().forEach { println("   ${it.name.padEnd(24)} updated ${it.updatedAt}") }

    step("5. A user secret, visible to selected repositories")
    val user = client.user()
    val ids = listOfNotNull(target.id)
    println("   DEMO_USER_TOKEN -> ${user.set("DEMO_USER_TOKEN", "u-789", SetOptions(selectedRepositoryIds = ids))}")
    user.repositories("DEMO_USER_TOKEN").forEach { println("   visible to ${it.fullName} (id ${it.id})") }

    step("6. Sync from a .env file (dry run, then for real), keeping a sync state")
    // The state makes re-syncs incremental. It holds keyed fingerprints and GitHub's updated_at,
    // never a value (mode 0600); its key is kept apart. Both live in a temporary directory here;
    // without stateKeyFile the key comes from CODESPACES_SECRETS_STATE_KEY or your config dir.
    val work = Files.createTempDirectory("quickstart")
    try {
        val env = work.resolve(".env")
        Files.writeString(env, "DEMO_API_KEY=k-789-synced\nDEMO_DB_URL=postgres://demo\n")
        val options = SyncOptions(
            state = work.resolve("state.json").toString(),
            stateKeyFile = work.resolve("state.key").toString(),
        )
        repo.syncEnvFile(env.toString(), options.copy(dryRun = true))
            .plan.forEach { println("   would ${it.action} (${it.reason}): ${it.name}") }
        val applied = repo.syncEnvFile(env.toString(), options).result
        println("   created ${applied.created}, updated ${applied.updated}, failed ${applied.failed.size}")

        step("7. Sync the same values again, given in code: the state shows nothing changed")
        // An ordered list of entries, as setMany takes too: writes and progress follow its order.
        val desired = listOf(SecretEntry("DEMO_API_KEY", "k-789-synced"), SecretEntry("DEMO_DB_URL", "postgres://demo"))
        val again = repo.sync(desired, options)
        println("   unchanged ${again.unchanged}, written ${again.result.succeeded()}")
    } finally {
        work.toFile().deleteRecursively()
    }

    step("8. Errors are exceptions with GitHub's status and request id")
    try {
        repo.get("NO_SUCH_SECRET")
    } catch (e: CodespacesSecretsException.NotFound) {
        println("   NotFound: HTTP ${e.status}, request id ${e.requestId}")
    }

    step("9. Calls are suspend functions: two sets in parallel coroutines")
    val outcomes = coroutineScope {
        listOf("DEMO_PARALLEL_A", "DEMO_PARALLEL_B").map { name -> async { repo.set(name, "p") } }.awaitAll()
    }
    println("   DEMO_PARALLEL_A, DEMO_PARALLEL_B -> ${outcomes.joinToString()}")

    step("10. Delete everything the demo created")
    for (name in listOf("DEMO_API_KEY", "DEMO_DB_URL", "DEMO_PARALLEL_A", "DEMO_PARALLEL_B")) {
        repo.delete(name)
        println("   deleted $name")
    }
    user.delete("DEMO_USER_TOKEN")
    println("   deleted DEMO_USER_TOKEN")

    println("\nDone: ${repo.list().size} secrets left in ${target.owner}/${target.name}.")
}

/** Runs against whatever GITHUB_API_URL / GITHUB_TOKEN name (see the top of the file). */
suspend fun main() {
    val named = System.getenv("CODESPACES_SECRETS_DEMO_REPO")
    val target = if (named == null) {
        EMULATOR_REPOSITORY
    } else {
        val (owner, name) = named.split('/', limit = 2).takeIf { it.size == 2 }
            ?: error("CODESPACES_SECRETS_DEMO_REPO must be OWNER/REPO, not '$named'")
        DemoRepository(owner, name, null)
    }
    Client(ClientConfig()).use { client -> quickstart(client, target) }
}
