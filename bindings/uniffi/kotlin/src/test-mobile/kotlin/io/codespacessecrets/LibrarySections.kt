package io.codespacessecrets

/**
 * The mobile library (Android, iOS; make ffi-size) leaves fleets out — they run on servers and in
 * CI, and would put the library over its size goal — so its generated Kotlin has no fleet types
 * and the parity test skips their categories, naming them.
 */
object LibrarySections {
    /** Categories of api/surface.json the mobile library leaves out. */
    val leftOut: Set<String> = setOf(
        "fleet_operations", "plan_options", "apply_options", "fleet_fields", "change_actions", "change_reasons",
    )

    /** No categories beyond the common ones. */
    @Suppress("UNUSED_PARAMETER")
    fun checks(p: ParityTest): Map<String, (String, String) -> String?> = emptyMap()
}
