//! `gongkai check` on documents: gongkai's own PDF and xlsx (the example and synthetic
//! departments) read back table for table and checked clean, planted defects caught, and
//! the reference PDFs of other regions read where they are at hand.

mod common;
mod own;
mod planted;
mod reference;
