//! Link flags napi-rs needs for a Node addon (e.g. `-undefined dynamic_lookup` on macOS).

fn main() {
    napi_build::setup();
}
