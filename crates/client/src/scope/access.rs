//! Updates that change only what the caller asked for. An organization secret's PUT must carry
//! its visibility, and one without `selected_repository_ids` leaves it with no repositories, so
//! an update that does not name them first learns the current ones and sends them again
//! (reads only: no extra write). See [`AccessOnUpdate`].

use codespaces_secrets_core::{SecretName, Visibility};

use crate::Error;
use crate::scope::kind::{AccessOnUpdate, ScopeKind, SecretModel};
use crate::scope::known_secrets::{Current, KnownSecrets};
use crate::scope::options::SetOptions;
use crate::scope::secrets::Secrets;

/// Whether writes to this kind of scope need the current access settings.
pub(crate) fn needs_current_access<K: ScopeKind>() -> bool {
    matches!(K::ACCESS_ON_UPDATE, AccessOnUpdate::Resent { .. })
}

impl<K: ScopeKind> Secrets<K> {
    /// One list of the scope, when its writes need the current access settings; nothing
    /// (and no request) otherwise.
    pub(crate) async fn known_secrets(&self) -> Result<KnownSecrets, Error> {
        if !needs_current_access::<K>() {
            return Ok(KnownSecrets::default());
        }
        Ok(KnownSecrets::from_list(&self.list().await?))
    }

    /// The options a PUT must carry so that nothing changes but what `requested` names:
    /// explicit settings as given; for an existing organization secret, its visibility and
    /// (for `selected`) its repositories, all pages; for a new one, `private`.
    pub(crate) async fn complete_options(
        &self,
        name: &SecretName,
        requested: &SetOptions,
        current: Current,
    ) -> Result<SetOptions, Error> {
        let AccessOnUpdate::Resent { list_repositories } = K::ACCESS_ON_UPDATE else {
            return Ok(requested.clone());
        };
        let fully_given = match requested.visibility {
            Some(Visibility::Selected) => requested.selected_repository_ids.is_some(),
            Some(_) => true,
            None => false,
        };
        if fully_given {
            return Ok(requested.clone());
        }
        let current = match current {
            Current::Unknown => self.look_up(name).await?,
            known => known,
        };
        let current_visibility = match current {
            Current::Present(visibility) => visibility,
            Current::Absent | Current::Unknown => None,
        };
        let visibility = requested
            .visibility
            .or(current_visibility)
            .unwrap_or(Visibility::Private);
        let mut ids = requested.selected_repository_ids.clone();
        if visibility == Visibility::Selected
            && ids.is_none()
            && current_visibility == Some(Visibility::Selected)
        {
            let repositories = self.paged_repositories(name, list_repositories).await?;
            ids = Some(repositories.iter().map(|r| r.id).collect());
        }
        Ok(SetOptions {
            visibility: Some(visibility),
            selected_repository_ids: ids,
        })
    }

    /// Whether the secret exists, and with which visibility.
    async fn look_up(&self, name: &SecretName) -> Result<Current, Error> {
        match self.get(name).await {
            Ok(secret) => Ok(Current::Present(secret.visibility())),
            Err(Error::NotFound(_)) => Ok(Current::Absent),
            Err(e) => Err(e),
        }
    }
}
