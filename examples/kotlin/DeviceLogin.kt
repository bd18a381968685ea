/*
 * Logging a user in with the OAuth device flow, then managing their own Codespaces secrets: what
 * a phone or desktop app does instead of asking for a personal access token.
 *
 * Run it with CODESPACES_SECRETS_CLIENT_ID set to the client id of an OAuth app or GitHub App
 * with "Enable Device Flow" checked (and GITHUB_API_URL for GitHub Enterprise or the emulator).
 * It prints a code and a URL; approve it there, and it stores a user secret and deletes it again.
 *
 * `make kotlin-test` compiles this file with the test sources and runs `logInAndUseUserSecrets`
 * against the emulator binary, approving the code through its control routes
 * (DeviceLoginExampleTest), so the example cannot drift from the library.
 */
package io.codespacessecrets.examples.devicelogin

import io.codespacessecrets.CancelHandle
import io.codespacessecrets.Client
import io.codespacessecrets.ClientConfig
import io.codespacessecrets.CodespacesSecretsException
import io.codespacessecrets.DeviceCode
import io.codespacessecrets.DeviceCodeListener
import io.codespacessecrets.DeviceFlowOptions
import io.codespacessecrets.LoginFailure
import io.codespacessecrets.deviceFlow

/** Shows the code the way a terminal app would; a phone app would put it on screen. */
private object PrintCode : DeviceCodeListener {
    override fun onCode(code: DeviceCode) {
        println("Open ${code.verificationUri} and enter ${code.userCode} (valid for ${code.expiresIn.toMinutes()} min)")
    }
}

/**
 * Logs a user in (the default scope, `codespace`, is what user secrets need), then sets and
 * deletes one of their secrets. Returns false when the login did not give a token.
 */
suspend fun logInAndUseUserSecrets(options: DeviceFlowOptions, cancel: CancelHandle = CancelHandle()): Boolean {
    val login = try {
        deviceFlow(options, PrintCode, cancel)
    } catch (e: CodespacesSecretsException.LoginFailed) {
        when (e.reason) {
            LoginFailure.DENIED -> println("You declined the login.")
            LoginFailure.EXPIRED -> println("The code expired: run this again.")
            LoginFailure.CANCELLED -> println("Cancelled.")
            LoginFailure.REFUSED -> println("GitHub refused the client id: $e")
        }
        return false
    }
    println("Logged in to ${login.host()}: $login") // prints without the token
    Client(ClientConfig(token = login.token(), baseUrl = options.baseUrl)).use { client ->
        println("Signed in as ${client.userLogin()}")
        val user = client.user()
        println("DEMO_DEVICE_LOGIN -> ${user.set("DEMO_DEVICE_LOGIN", "set after a device-flow login")}")
        user.delete("DEMO_DEVICE_LOGIN")
        println("Deleted DEMO_DEVICE_LOGIN")
    }
    return true
}

suspend fun main() {
    val clientId = System.getenv("CODESPACES_SECRETS_CLIENT_ID")
        ?: error("set CODESPACES_SECRETS_CLIENT_ID to an app's client id (device flow enabled)")
    logInAndUseUserSecrets(DeviceFlowOptions(clientId = clientId, baseUrl = System.getenv("GITHUB_API_URL")))
}
