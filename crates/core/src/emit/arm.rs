//! The ARM deployment template (`azuredeploy.json`).

use crate::model::Config;

/// The ARM template of a configuration.
pub fn template(_config: &Config) -> String {
    "{\n  \"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\",\n  \"contentVersion\": \"1.0.0.0\",\n  \"resources\": []\n}\n".to_owned()
}
