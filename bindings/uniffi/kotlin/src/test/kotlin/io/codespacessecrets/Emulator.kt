package io.codespacessecrets

import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.Duration
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.runBlocking
import org.json.JSONArray
import org.json.JSONObject

/** Runs a test body in a coroutine; JUnit needs the method to return Unit. */
fun test(block: suspend CoroutineScope.() -> Unit) = runBlocking(block = block)

/** The ordered list `setMany` and `sync` take, from pairs. */
fun entries(vararg pairs: Pair<String, String>) = pairs.map { (name, value) -> SecretEntry(name, value) }

/** [entries] from a map, in its iteration order. */
fun entries(map: Map<String, String>) = map.map { (name, value) -> SecretEntry(name, value) }

/**
 * The emulator binary (`codespaces-secrets-emulator --port 0`), one process per test. It prints
 * `GITHUB_API_URL=...` and `GITHUB_TOKEN=...`; its `/_emulator/` routes show what it stored,
 * decrypted. Demo data: user `octocat` with repositories Hello-World (1296269) and Spoon-Knife
 * (1296270); organization `octo-org` with octo-repo (1296271) and octo-service (1296272).
 */
class Emulator private constructor(private val process: Process, val url: String, val token: String) :
    AutoCloseable {
    private val http = HttpClient.newHttpClient()

    /** A client of this emulator; writes are not spaced (the emulator does not ask for it). */
    fun client(
        token: String? = this.token,
        maxRetries: UInt? = null,
        maxRateLimitWait: Duration? = null,
        timeout: Duration? = null,
    ) = Client(
        ClientConfig(
            token = token,
            baseUrl = url,
            writeInterval = Duration.ZERO,
            retryBaseDelay = Duration.ofMillis(5),
            maxRetries = maxRetries,
            maxRateLimitWait = maxRateLimitWait,
            timeout = timeout,
        ),
    )

    /** What the scope (`users/octocat`, `repos/o/r`, `orgs/o`) holds, values decrypted. */
    fun secrets(scope: String): List<JSONObject> {
        val array = JSONArray(control("GET", "$scope/secrets").body())
        return (0 until array.length()).map { array.getJSONObject(it) }
    }

    /** One stored secret, or null. */
    fun secret(scope: String, name: String): JSONObject? {
        val answer = control("GET", "$scope/secrets/$name")
        return if (answer.statusCode() == 404) null else JSONObject(answer.body())
    }

    /** The decrypted value as text, or null when there is no such secret. */
    fun value(scope: String, name: String): String? = secret(scope, name)?.getString("value")

    /** The API requests the emulator answered (never a token or a value). */
    fun log(): List<JSONObject> {
        val array = JSONArray(control("GET", "log").body())
        return (0 until array.length()).map { array.getJSONObject(it) }
    }

    fun writes() = log().count { it.getBoolean("write") }

    fun clearLog() = check(control("DELETE", "log").statusCode() == 204)

    fun setFaults(json: String) = check(control("PUT", "faults", json).statusCode() == 200) { "faults refused" }

    fun rotateKey(scope: String): JSONObject = JSONObject(control("POST", "$scope/rotate-key").body())

    fun control(method: String, path: String, body: String? = null): HttpResponse<String> {
        val publisher = body?.let { HttpRequest.BodyPublishers.ofString(it) } ?: HttpRequest.BodyPublishers.noBody()
        val request = HttpRequest.newBuilder(URI.create("$url/_emulator/$path"))
            .method(method, publisher)
            .header("Content-Type", "application/json")
            .build()
        return http.send(request, HttpResponse.BodyHandlers.ofString())
    }

    /** A raw GitHub API request with the emulator's token, bypassing the SDK. */
    fun api(method: String, path: String, body: String? = null): HttpResponse<String> {
        val publisher = body?.let { HttpRequest.BodyPublishers.ofString(it) } ?: HttpRequest.BodyPublishers.noBody()
        val request = HttpRequest.newBuilder(URI.create("$url$path"))
            .method(method, publisher)
            .header("Authorization", "Bearer $token")
            .header("Accept", "application/vnd.github+json")
            .header("X-GitHub-Api-Version", "2022-11-28")
            .header("User-Agent", "kotlin-test")
            .build()
        return http.send(request, HttpResponse.BodyHandlers.ofString())
    }

    override fun close() {
        process.destroy()
        process.waitFor()
    }

    companion object {
        fun start(vararg args: String): Emulator {
            val bin = System.getProperty("emulator.bin") ?: error("system property emulator.bin is not set")
            val process = ProcessBuilder(listOf(bin, "--port", "0") + args)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start()
            val out = process.inputStream.bufferedReader()
            val values = List(2) {
                val line = out.readLine() ?: error("the emulator exited before printing its address")
                line.substringBefore('=') to line.substringAfter('=')
            }.toMap()
            return Emulator(process, values.getValue("GITHUB_API_URL"), values.getValue("GITHUB_TOKEN"))
        }
    }
}

const val USER = "users/octocat"
const val REPO = "repos/octocat/Hello-World"
const val ORG = "orgs/octo-org"
const val HELLO_WORLD = 1296269L
const val SPOON_KNIFE = 1296270L
const val OCTO_REPO = 1296271L
const val OCTO_SERVICE = 1296272L
