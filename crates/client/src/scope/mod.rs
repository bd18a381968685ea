//! One scope's secrets (user, repository, organization): the `Secrets` handle and every
//! operation on it — reads, writes that keep access settings, bulk writes, selected
//! repositories — with the public-key cache and the record of fresh writes they share.

pub(crate) mod access;
pub(crate) mod any_scope;
pub(crate) mod bulk;
pub(crate) mod fresh_writes;
pub(crate) mod handles;
pub(crate) mod kind;
pub(crate) mod known_secrets;
pub(crate) mod options;
pub(crate) mod reference;
pub(crate) mod seal_cache;
pub(crate) mod secrets;
pub(crate) mod selected_repositories;
