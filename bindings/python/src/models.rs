//! The SDK's models as frozen Python classes: typed attributes, `datetime` timestamps, and
//! reprs that never show a value or a token.

use chrono::{DateTime, Utc};
use codespaces_secrets::{Error, IntoSecretValue, PublicKey as SdkPublicKey, SecretInfo};
use pyo3::prelude::*;

use crate::convert::Plaintext;
use crate::enums::Visibility;
use crate::errors::PyError;

/// A secret's metadata (GitHub never returns values).
#[pyclass(frozen, eq, module = "codespaces_secrets")]
#[derive(PartialEq)]
pub(crate) struct Secret(pub(crate) SecretInfo);

#[pymethods]
impl Secret {
    #[getter]
    fn name(&self) -> &str {
        &self.0.name
    }
    #[getter]
    fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    #[getter]
    fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
    #[getter]
    fn visibility(&self) -> Option<Visibility> {
        self.0.visibility.map(Visibility::from)
    }
    #[getter]
    fn selected_repositories_url(&self) -> Option<&str> {
        self.0.selected_repositories_url.as_deref()
    }
    fn __repr__(&self) -> String {
        let visibility = match self.0.visibility {
            Some(v) => format!(", visibility='{v}'"),
            None => String::new(),
        };
        format!(
            "Secret(name='{}', created_at='{}', updated_at='{}'{visibility})",
            self.0.name,
            self.0.created_at.to_rfc3339(),
            self.0.updated_at.to_rfc3339()
        )
    }
}

/// A scope's public key. Sealing many values to one `PublicKey` object is faster than passing
/// the base64 text each time: the key is parsed once and its multiplication table reused.
#[pyclass(frozen, eq, module = "codespaces_secrets")]
#[derive(PartialEq)]
pub(crate) struct PublicKey(pub(crate) SdkPublicKey);

#[pymethods]
impl PublicKey {
    #[new]
    fn new(key_id: String, key: &str) -> Result<Self, PyError> {
        Ok(Self(SdkPublicKey::parse(key_id, key).map_err(Error::from)?))
    }
    #[getter]
    fn key_id(&self) -> &str {
        self.0.key_id().as_str()
    }
    #[getter]
    fn key(&self) -> String {
        self.0.to_base64()
    }
    fn __repr__(&self) -> String {
        format!(
            "PublicKey(key_id='{}', key='{}')",
            self.key_id(),
            self.key()
        )
    }
}

/// `seal(public_key, plaintext)`: libsodium's sealed box, base64 in and out.
#[derive(FromPyObject)]
pub(crate) enum KeyArg<'py> {
    Parsed(Bound<'py, PublicKey>),
    Text(String),
}

/// Seals `plaintext` to `public_key` (base64 text or a `PublicKey`) as libsodium's
/// `crypto_box_seal` would, and returns the sealed box in base64: GitHub's `encrypted_value`.
#[pyfunction]
pub(crate) fn seal(public_key: KeyArg<'_>, plaintext: Plaintext) -> Result<String, PyError> {
    match public_key {
        KeyArg::Text(text) => Ok(codespaces_secrets::seal_cached(&text, plaintext)?),
        KeyArg::Parsed(key) => {
            let value = plaintext.into_secret_value()?;
            Ok(key
                .get()
                .0
                .seal(&value)
                .map_err(Error::from)?
                .encrypted_value)
        }
    }
}

/// A repository in a secret's selected-repositories list.
#[pyclass(frozen, eq, module = "codespaces_secrets")]
#[derive(PartialEq)]
pub(crate) struct Repository(pub(crate) codespaces_secrets::MinimalRepository);

#[pymethods]
impl Repository {
    #[getter]
    fn id(&self) -> i64 {
        self.0.id
    }
    #[getter]
    fn node_id(&self) -> &str {
        &self.0.node_id
    }
    #[getter]
    fn name(&self) -> &str {
        &self.0.name
    }
    #[getter]
    fn full_name(&self) -> &str {
        &self.0.full_name
    }
    #[getter]
    fn owner(&self) -> RepositoryOwner {
        RepositoryOwner(self.0.owner.clone())
    }
    #[getter]
    fn private(&self) -> bool {
        self.0.private
    }
    #[getter]
    fn html_url(&self) -> &str {
        &self.0.html_url
    }
    #[getter]
    fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }
    #[getter]
    fn fork(&self) -> bool {
        self.0.fork
    }
    #[getter]
    fn url(&self) -> &str {
        &self.0.url
    }
    fn __repr__(&self) -> String {
        format!(
            "Repository(id={}, full_name='{}')",
            self.0.id, self.0.full_name
        )
    }
}

/// The account that owns a repository.
#[pyclass(frozen, eq, module = "codespaces_secrets")]
#[derive(PartialEq)]
pub(crate) struct RepositoryOwner(codespaces_secrets::RepositoryOwner);

#[pymethods]
impl RepositoryOwner {
    #[getter]
    fn login(&self) -> &str {
        &self.0.login
    }
    #[getter]
    fn id(&self) -> i64 {
        self.0.id
    }
    fn __repr__(&self) -> String {
        format!(
            "RepositoryOwner(login='{}', id={})",
            self.0.login, self.0.id
        )
    }
}
