package io.codespacessecrets

import kotlin.reflect.KClass
import kotlin.reflect.full.memberFunctions

/**
 * The parts of api/surface.json only the desktop library (the Maven jar, macOS) has: fleets.
 * The mobile test set (src/test-mobile) has its own `LibrarySections` listing them as left out.
 */
object LibrarySections {
    /** Categories this library leaves out (none: the desktop library has everything). */
    val leftOut: Set<String> = emptySet()

    private val fleetClasses: Map<String, KClass<*>> = listOf(
        Change::class, AccessChange::class, VisibilityChange::class, Notice::class, Totals::class,
        ApplyReport::class, AppliedChange::class, ApplyProgress::class,
    ).associateBy { it.simpleName!! }

    /** The fleet categories' checks, with [ParityTest]'s reflection helpers. */
    fun checks(p: ParityTest): Map<String, (String, String) -> String?> = mapOf(
        "fleet_operations" to { _, item -> p.suspendMethod(Client::class, item) },
        "plan_options" to { _, item -> p.property(PlanOptions::class, item) },
        "apply_options" to { _, item -> p.property(ApplyOptions::class, item)?.let { applyParameter(p, item) } },
        "fleet_fields" to { group, item -> fleetField(p, group, item) },
        "change_actions" to { _, item -> p.enumEntry(ChangeAction::class, item) },
        "change_reasons" to { _, item -> p.enumEntry(ChangeReason::class, item) },
    )

    /** A field of a fleet record, or (for `plan`) a plain method of the `Plan` object. */
    private fun fleetField(p: ParityTest, group: String, item: String): String? {
        if (group == "plan") return p.method(Plan::class, item)
        val type = fleetClasses[p.pascal(group)] ?: return "no fleet class ${p.pascal(group)}"
        return p.property(type, item)
    }

    /** An apply option Kotlin takes beside the options (as `deviceFlow` takes `cancel`). */
    private fun applyParameter(p: ParityTest, item: String): String? {
        val name = p.camel(item)
        val apply = Client::class.memberFunctions.firstOrNull { it.name == "apply" } ?: return "Client has no method apply"
        return if (apply.parameters.any { it.name == name }) null else "neither ApplyOptions.$name nor Client.apply($name)"
    }
}
