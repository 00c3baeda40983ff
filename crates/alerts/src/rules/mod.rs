//! The four alert rules, one file each, run over one watched series: `trend`, `surge`,
//! `calm-broken` and `goldstein-drop`, in that order (the order alerts of one day sort in).
//! Each rule reads the series' periods or events and returns its alerts; no rule reads
//! another's alerts, and none may reorder, drop or invent an event.

pub(crate) mod calm_broken;
pub(crate) mod goldstein_drop;
pub(crate) mod surge;
pub(crate) mod trend;
