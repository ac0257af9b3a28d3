//! What the store reads and writes, by aggregate: plain data, no SQL.

mod assessment;
mod audit;
mod checks;
mod columns;
mod inspection;
mod items;
mod operators;
mod retraction;
mod review;
mod search;
mod site;

pub use assessment::*;
pub use audit::*;
pub use checks::*;
pub use columns::*;
pub use inspection::*;
pub use items::*;
pub use operators::*;
pub use retraction::*;
pub use review::*;
pub use search::*;
pub use site::*;
