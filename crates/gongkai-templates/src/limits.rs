//! What a template may do, checked before it renders: the templates are a user's files
//! (`--templates`), and neither a typo nor a hostile file may crash or hang gongkai.
//!
//! - Values are only interpolated escaped (`{{x}}`): `{{{x}}}` and `{{& x}}` would put a
//!   user string into the markup as text (see [`crate::tokens`]).
//! - Partials are named literally and never include themselves, directly or through
//!   others: handlebars would recurse until the stack overflows.
//! - `#each` blocks nest at most [`MAX_EACH_DEPTH`] deep, partials included. With no
//!   recursion, a render's work is then bounded by the template's size times the data's
//!   list lengths to that power (and the lists by the input's documented limits); its
//!   output is bounded by [`MAX_OUTPUT`] bytes. No clock is needed for the bound: a
//!   library reads none.

use std::collections::{BTreeMap, BTreeSet};

use handlebars::template::{Parameter, Template, TemplateElement};

use crate::TemplateError;

/// Deepest nesting of `#each` blocks.
pub const MAX_EACH_DEPTH: usize = 3;

/// Most bytes one template may write.
pub const MAX_OUTPUT: usize = 16 * 1024 * 1024;

/// What a template refers to: the partials it includes and its deepest `#each` nesting,
/// not counting the partials'.
#[derive(Debug, Default)]
pub(crate) struct Uses {
    pub(crate) partials: BTreeSet<String>,
    /// (each-depth at the inclusion point, partial) for every inclusion.
    pub(crate) includes: Vec<(usize, String)>,
    pub(crate) each_depth: usize,
}

/// Walks a compiled template, refusing raw output and dynamic partial names.
pub(crate) fn uses(name: &str, template: &Template) -> Result<Uses, TemplateError> {
    let mut uses = Uses::default();
    walk(name, template, 0, &mut uses)?;
    Ok(uses)
}

fn bad(name: &str, reason: &str) -> TemplateError {
    TemplateError::Forbidden { template: name.to_owned(), reason: reason.to_owned() }
}

fn walk(name: &str, t: &Template, depth: usize, uses: &mut Uses) -> Result<(), TemplateError> {
    for e in &t.elements {
        match e {
            TemplateElement::HtmlExpression(_) => {
                return Err(bad(name, "不能用 {{{…}}} 或 {{&…}} 原样输出；请写 {{…}}"));
            }
            TemplateElement::HelperBlock(h) => {
                let is_each = matches!(&h.name, Parameter::Name(n) if n == "each");
                let inner = if is_each { depth + 1 } else { depth };
                uses.each_depth = uses.each_depth.max(inner);
                for sub in [&h.template, &h.inverse].into_iter().flatten() {
                    walk(name, sub, inner, uses)?;
                }
            }
            TemplateElement::PartialExpression(d) | TemplateElement::PartialBlock(d) => {
                let Parameter::Name(partial) = &d.name else {
                    return Err(bad(name, "局部模板（{{> …}}）的名称只能直接写出，不能由变量决定"));
                };
                uses.partials.insert(partial.clone());
                uses.includes.push((depth, partial.clone()));
                if let Some(sub) = &d.template {
                    walk(name, sub, depth, uses)?;
                }
            }
            TemplateElement::DecoratorExpression(_) | TemplateElement::DecoratorBlock(_) => {
                return Err(bad(name, "模板中不能使用修饰器（{{* …}}）"));
            }
            // Text, escaped expressions, comments, and whatever later versions add that
            // writes no raw value.
            _ => {}
        }
    }
    Ok(())
}

/// Checks the inclusion graph of a set of templates: every partial exists, none includes
/// itself through any chain, and `#each` nesting across inclusions stays within bounds.
pub(crate) fn check_graph(all: &BTreeMap<String, Uses>) -> Result<(), TemplateError> {
    for (name, u) in all {
        if let Some(missing) = u.partials.iter().find(|p| !all.contains_key(*p)) {
            return Err(bad(name, &format!("引用了不存在的局部模板“{missing}”")));
        }
    }
    // Depth-first over the inclusion graph with the path so far: a name met again on the
    // path is a cycle. Memoised deepest nesting per template keeps it linear.
    fn depth(
        name: &str,
        all: &BTreeMap<String, Uses>,
        path: &mut Vec<String>,
        memo: &mut BTreeMap<String, usize>,
    ) -> Result<usize, TemplateError> {
        if let Some(&d) = memo.get(name) {
            return Ok(d);
        }
        if let Some(start) = path.iter().position(|p| p == name) {
            let mut cycle = path[start..].to_vec();
            cycle.push(name.to_owned());
            return Err(TemplateError::PartialCycle { cycle });
        }
        path.push(name.to_owned());
        let u = &all[name];
        let mut deepest = u.each_depth;
        for (at, partial) in &u.includes {
            deepest = deepest.max(at + depth(partial, all, path, memo)?);
        }
        path.pop();
        memo.insert(name.to_owned(), deepest);
        Ok(deepest)
    }
    let mut memo = BTreeMap::new();
    for name in all.keys() {
        let d = depth(name, all, &mut Vec::new(), &mut memo)?;
        if d > MAX_EACH_DEPTH {
            return Err(bad(name, &format!("#each 嵌套 {d} 层，超过上限 {MAX_EACH_DEPTH} 层")));
        }
    }
    Ok(())
}

/// A writer that refuses to grow past [`MAX_OUTPUT`].
#[derive(Default)]
pub(crate) struct Bounded {
    pub(crate) out: Vec<u8>,
}

/// Why [`Bounded`] stopped, for the error message.
pub(crate) const TOO_LONG: &str = "output limit";

impl std::io::Write for Bounded {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        // The values behind the tokens count too: they are output, only kept aside.
        if self.out.len() + buf.len() + crate::tokens::stashed_bytes() > MAX_OUTPUT {
            return Err(std::io::Error::other(TOO_LONG));
        }
        self.out.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
