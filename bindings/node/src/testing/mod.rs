//! The emulator for Node tests (`Emulator`): the in-process server, its options and faults,
//! the Apps it registers, and the records of what it stored and saw. Test support, apart from
//! the SDK's glue.

pub(crate) mod auth;
pub(crate) mod emulator;
pub(crate) mod options;
pub(crate) mod records;
