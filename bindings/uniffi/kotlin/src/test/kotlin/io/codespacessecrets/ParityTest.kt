package io.codespacessecrets

import java.nio.file.Files
import java.nio.file.Path
import kotlin.reflect.KClass
import kotlin.reflect.KFunction
import kotlin.reflect.KParameter
import kotlin.reflect.full.memberFunctions
import kotlin.reflect.full.memberProperties
import kotlin.reflect.full.primaryConstructor
import kotlin.test.Test
import kotlin.test.assertTrue
import kotlin.test.fail
import org.json.JSONArray
import org.json.JSONObject

/**
 * api/surface.json, the public surface every language exposes, against the generated Kotlin, by
 * reflection: each item in Kotlin's spelling (camelCase members, PascalCase classes, UPPER_SNAKE
 * enum entries), each error code from its own `CodespacesSecretsException` subclass. Items Kotlin
 * cannot have are listed with a reason under `exceptions.kotlin` and skipped — and an exception
 * for an item Kotlin does have fails, so the list cannot go stale.
 */
class ParityTest {
    private val surface: JSONObject by lazy {
        val path = System.getProperty("api.surface") ?: "../../../api/surface.json"
        JSONObject(Files.readString(Path.of(path)))
    }

    /**
     * One check per category; each returns what is missing, or null. The categories of what only
     * the desktop library has (fleets) come from [LibrarySections], which the mobile test set
     * (src/test-mobile, make ffi-size) replaces with the list of what that library leaves out.
     */
    private val checks: Map<String, (String, String) -> String?> by lazy { commonChecks + LibrarySections.checks(this) }

    private val commonChecks: Map<String, (String, String) -> String?> = mapOf(
        "scope_operations" to { _, item -> suspendMethod(Scope::class, item) },
        "selectable_operations" to { _, item -> suspendMethod(Scope::class, item) },
        "client_settings" to { _, item -> constructorParameter(ClientConfig::class, item) },
        "set_options" to { _, item -> property(SetOptions::class, item) },
        "sync_options" to { _, item -> property(SyncOptions::class, item) },
        "report_fields" to { group, item -> reportField(group, item) },
        "sync_actions" to { _, item -> enumEntry(SyncAction::class, item) },
        "write_reasons" to { _, item -> enumEntry(WriteReason::class, item) },
        "visibilities" to { _, item -> enumEntry(Visibility::class, item) },
        "github_app" to { _, item -> property(GitHubAppConfig::class, item) },
        "device_flow_options" to { _, item -> property(DeviceFlowOptions::class, item) },
        "device_code" to { _, item -> property(DeviceCode::class, item) },
        "device_login" to { _, item -> method(DeviceLogin::class, item) },
        "login_failures" to { _, item -> enumEntry(LoginFailure::class, item) },
        "error_codes" to { _, item -> if (item in errorCodes) null else "no CodespacesSecretsException subclass whose code() is $item (have ${errorCodes.keys})" },
    )

    private val reportClasses: Map<String, KClass<*>> =
        listOf(BulkReport::class, SyncReport::class, PlannedChange::class, Progress::class).associateBy { it.simpleName!! }

    @Test
    fun `the Kotlin binding has every item of api surface json in its own spelling`() {
        val exceptions = surface.optJSONObject("exceptions")?.optJSONObject("kotlin") ?: JSONObject()
        val problems = mutableListOf<String>()
        val skipped = mutableSetOf<String>()
        val seen = mutableSetOf<String>()
        var cells = 0
        for (category in surface.keySet().sorted()) {
            if (category == "about" || category == "exceptions") continue
            if (category in LibrarySections.leftOut) {
                skipped += category
                continue
            }
            val check = checks[category]
            if (check == null) {
                problems += "surface.json has a category this test does not check: $category"
                continue
            }
            for ((group, item) in items(surface.get(category))) {
                val name = if (group.isEmpty()) "$category.$item" else "$category.$group.$item"
                seen += item
                val missing = check(group, item)
                if (exceptions.has(item)) {
                    skipped += item
                    if (exceptions.optString(item).isBlank()) problems += "exceptions.kotlin.$item gives no reason"
                    if (missing == null) problems += "$name is listed in exceptions.kotlin but Kotlin has it: remove the exception"
                    continue
                }
                cells++
                if (missing != null) problems += "$name: $missing"
            }
        }
        for (item in exceptions.keySet() - seen) problems += "exceptions.kotlin.$item names no item of the surface"
        println("Kotlin parity: $cells cells checked against api/surface.json; skipped (exceptions.kotlin, or left out of this library): ${skipped.sorted()}")
        if (problems.isNotEmpty()) fail("Kotlin binding differs from api/surface.json:\n  " + problems.joinToString("\n  "))
        assertTrue(cells > 0)
    }

    /** The items of a category: a list, or an object of lists (report fields per report). */
    private fun items(value: Any): List<Pair<String, String>> = when (value) {
        is JSONArray -> (0 until value.length()).map { "" to value.getString(it) }
        is JSONObject -> value.keySet().sorted().flatMap { group -> items(value.get(group)).map { group to it.second } }
        else -> error("unexpected surface.json value: $value")
    }

    internal fun suspendMethod(type: KClass<*>, item: String): String? {
        val name = camel(item)
        val method = type.memberFunctions.firstOrNull { it.name == name }
            ?: return "${type.simpleName} has no method $name"
        return if (method.isSuspend) null else "${type.simpleName}.$name is not a suspend fun"
    }

    internal fun method(type: KClass<*>, item: String): String? {
        val name = camel(item)
        val method = type.memberFunctions.firstOrNull { it.name == name }
            ?: return "${type.simpleName} has no method $name"
        return if (method.isSuspend) "${type.simpleName}.$name is a suspend fun, expected a plain one" else null
    }

    private fun constructorParameter(type: KClass<*>, item: String): String? {
        val name = camel(item)
        val parameter = type.constructors.flatMap { it.parameters }.firstOrNull { it.name == name }
            ?: return "${type.simpleName}(...) has no parameter $name"
        return if (parameter.isOptional) null else "${type.simpleName}($name) is not optional"
    }

    internal fun property(type: KClass<*>, item: String): String? =
        if (type.memberProperties.any { it.name == camel(item) }) null else "${type.simpleName} has no property ${camel(item)}"

    private fun reportField(group: String, item: String): String? {
        val type = reportClasses[pascal(group)] ?: return "no report class ${pascal(group)}"
        return property(type, item)
    }

    internal fun enumEntry(type: KClass<out Enum<*>>, item: String): String? {
        val entries = type.java.enumConstants.map { it.name }
        val name = item.uppercase()
        return if (name in entries) null else "${type.simpleName} has no entry $name (has $entries)"
    }

    /**
     * code() of every CodespacesSecretsException subclass, each built with placeholder fields.
     * `Other` is left out: it carries whatever code a newer SDK sends.
     */
    private val errorCodes: Map<String, String> by lazy {
        CodespacesSecretsException::class.sealedSubclasses
            .filter { it != CodespacesSecretsException.Other::class }
            .associate { subclass ->
                val constructor = subclass.primaryConstructor ?: error("${subclass.simpleName} has no primary constructor")
                build(constructor).code() to subclass.simpleName!!
            }
    }

    private fun build(constructor: KFunction<CodespacesSecretsException>): CodespacesSecretsException =
        constructor.callBy(constructor.parameters.associateWith(::placeholder))

    private fun placeholder(parameter: KParameter): Any? = when {
        parameter.type.isMarkedNullable -> null
        parameter.type.classifier == String::class -> "parity check"
        parameter.type.classifier == UShort::class -> 500.toUShort()
        (parameter.type.classifier as? KClass<*>)?.java?.isEnum == true ->
            (parameter.type.classifier as KClass<*>).java.enumConstants.first()
        else -> error("no placeholder for ${parameter.name}: ${parameter.type}")
    }

    internal fun camel(item: String): String =
        item.split('_').mapIndexed { i, part -> if (i == 0) part else part.replaceFirstChar(Char::uppercaseChar) }.joinToString("")

    internal fun pascal(item: String): String = camel(item).replaceFirstChar(Char::uppercaseChar)
}
