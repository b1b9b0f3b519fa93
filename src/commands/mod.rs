pub mod check;
pub mod explain;
pub mod init;
pub mod rules;
pub mod shell;
