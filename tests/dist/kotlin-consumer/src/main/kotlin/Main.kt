// A user's program: one secret set through the published artifact, against the emulator that
// GITHUB_API_URL / GITHUB_TOKEN name. scripts/dist/test.sh reads the value back from the emulator.
import io.codespacessecrets.Client
import io.codespacessecrets.ClientConfig
import io.codespacessecrets.SetOutcome
import java.time.Duration
import kotlinx.coroutines.runBlocking

fun main(args: Array<String>) = runBlocking {
    // The library is found inside the jar (JNA's resource prefix), not through a path.
    check(System.getProperty("jna.library.path") == null) { "jna.library.path must not be set" }
    val name = args.getOrElse(0) { "DIST_KOTLIN" }
    val value = args.getOrElse(1) { "from the jar" }
    val config = ClientConfig(
        token = System.getenv("GITHUB_TOKEN"),
        baseUrl = System.getenv("GITHUB_API_URL"),
        writeInterval = Duration.ZERO,
    )
    Client(config).use { client ->
        val outcome = client.repo("octocat", "Hello-World").set(name, value)
        check(outcome == SetOutcome.CREATED) { "set $name answered $outcome" }
        val listed = client.repo("octocat", "Hello-World").list().map { it.name }
        check(name in listed) { "$name not listed: $listed" }
        println("kotlin: set $name: $outcome, listed")
    }
}
