//! The web app's entry point (built for wasm32 by Trunk).

fn main() {
    #[cfg(target_arch = "wasm32")]
    yew::Renderer::<amlnet_app::components::app::App>::new().render();
}
