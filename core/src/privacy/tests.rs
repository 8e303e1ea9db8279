//! Privacy rules, one test each.
