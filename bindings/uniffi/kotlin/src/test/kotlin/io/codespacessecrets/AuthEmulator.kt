package io.codespacessecrets

import java.time.Duration
import org.json.JSONArray
import org.json.JSONObject

/**
 * The emulator's GitHub App and device-flow control routes (`/_emulator/apps`,
 * `/_emulator/auth-settings`, `/_emulator/device-codes`), for [GitHubAppTest] and [DeviceFlowTest].
 */

/** Whether the tests run against the mobile library (`-Dffi.mobile=true`, make ffi-size). */
val mobileLibrary: Boolean get() = System.getProperty("ffi.mobile") == "true"

/** A registered App: `id`, `client_id`, `slug`, `private_key_pem` (PKCS#1), `private_key_pkcs8_pem`. */
fun Emulator.registerApp(): JSONObject {
    val answer = control("POST", "apps")
    check(answer.statusCode() == 201) { "app refused: ${answer.body()}" }
    return JSONObject(answer.body())
}

/** Installs an App on `{"org": ...}`, `{"user": ...}` or `{"owner": ..., "repo": ...}`; the installation id. */
fun Emulator.install(appId: Long, target: String): Long {
    val answer = control("POST", "apps/$appId/installations", target)
    check(answer.statusCode() == 201) { "installation refused: ${answer.body()}" }
    return JSONObject(answer.body()).getLong("id")
}

/** Changes the emulator's credential settings (`device_poll_interval_secs`, ...). */
fun Emulator.authSettings(json: String) =
    check(control("PUT", "auth-settings", json).statusCode() == 204) { "auth settings refused" }

/** The device codes issued: `user_code`, `client_id`, `scope`, `status`. */
fun Emulator.deviceCodes(): List<JSONObject> {
    val array = JSONArray(control("GET", "device-codes").body())
    return (0 until array.length()).map { array.getJSONObject(it) }
}

/** The user's part of the device flow: `approve`, `deny` or `slow-down`. */
fun Emulator.decide(userCode: String, decision: String) =
    check(control("POST", "device-codes/$userCode/$decision").statusCode() == 204) { "$decision of $userCode refused" }

/** A client acting as `app` against this emulator; writes not spaced. */
fun Emulator.appClient(app: GitHubAppConfig, token: String? = null) =
    Client(ClientConfig(token = token, app = app, baseUrl = url, writeInterval = Duration.ZERO, timeout = Duration.ofSeconds(5)))

/** The API requests to `path` suffixes the emulator answered. */
fun Emulator.requestsEndingWith(suffix: String) = log().map { it.getString("path") }.filter { it.endsWith(suffix) }
